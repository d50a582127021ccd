import type { z } from 'zod';
import type { BundleDocument, CheckedBundle, PolicyKind } from './bundle-document.ts';
import { readKey, readPath } from './describe-path.ts';
import type { ParsedDocument } from './parse-bundle-files.ts';
import type { PolicyIssue } from './policy-issue.ts';
import { cadenceSchema, policyTestSchema, segmentSchema, templateSchema, workspaceSchema } from './policy-schema.ts';
import { translateZodIssue } from './translate-zod-issue.ts';

// Step two of loading: each document against the schema of its kind (not the discriminated
// union, whose errors would only say "no matching kind").

export interface ValidatedBundle {
  bundle: CheckedBundle;
  issues: PolicyIssue[];
}

export function validateDocuments(documents: readonly ParsedDocument[]): ValidatedBundle {
  const bundle: CheckedBundle = {
    workspaces: [],
    cadences: [],
    templates: [],
    segments: [],
    tests: [],
    names: { Workspace: new Set(), Cadence: new Set(), Template: new Set(), Segment: new Set(), PolicyTest: new Set() },
    rawWorkspace: documents.find((document) => document.kind === 'Workspace')?.value ?? null,
  };
  const issues: PolicyIssue[] = [];
  for (const document of documents) {
    const name = readKey(document.value, 'name');
    if (typeof name === 'string') bundle.names[document.kind].add(name);
    if (document.broken) continue;
    const check = <T>(schema: z.ZodType<T>, into: BundleDocument<T>[]) => {
      const checked = checkDocument(document, schema, issues);
      if (checked !== null) into.push({ ...document, value: checked.value, partial: checked.partial });
    };
    const byKind: Record<PolicyKind, () => void> = {
      Workspace: () => check(workspaceSchema, bundle.workspaces),
      Cadence: () => check(cadenceSchema, bundle.cadences),
      Template: () => check(templateSchema, bundle.templates),
      Segment: () => check(segmentSchema, bundle.segments),
      PolicyTest: () => check(policyTestSchema, bundle.tests),
    };
    byKind[document.kind]();
  }
  return { bundle, issues };
}

/**
 * The document's data when it passes its schema, or when it passes once the keys and values it
 * complains about are dropped: a typo in one key is reported here, and the rest of the document
 * is still checked for references and templates, so the author sees every problem in one run.
 * (The policy is not built from such a document: its errors already make the bundle fail.)
 */
function checkDocument<T>(document: ParsedDocument, schema: z.ZodType<T>, issues: PolicyIssue[]): { value: T; partial: boolean } | null {
  const result = schema.safeParse(document.value);
  if (result.success) return { value: result.data, partial: false };
  for (const issue of result.error.issues) issues.push(...translateZodIssue(document, schema, issue));
  const trimmed = dropOffendingValues(document.value, result.error.issues);
  const retried = schema.safeParse(trimmed);
  return retried.success ? { value: retried.data, partial: true } : null;
}

const removed = Symbol('removed');

function dropOffendingValues(value: unknown, zodIssues: readonly z.core.$ZodIssue[]): unknown {
  const trimmed: unknown = structuredClone(value);
  for (const issue of zodIssues) {
    const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    if (issue.code === 'unrecognized_keys') {
      const owner = readPath(trimmed, path);
      if (owner !== null && typeof owner === 'object') for (const key of issue.keys) delete (owner as Record<string, unknown>)[key];
      continue;
    }
    const key = path.at(-1);
    const owner = readPath(trimmed, path.slice(0, -1));
    if (key === undefined || owner === null || typeof owner !== 'object') continue;
    // List items are marked, then filtered, so removing one does not shift the others' indices.
    if (Array.isArray(owner) && typeof key === 'number') owner[key] = removed;
    else delete (owner as Record<string | number, unknown>)[key];
  }
  return pruneRemoved(trimmed);
}

function pruneRemoved(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== removed).map(pruneRemoved);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pruneRemoved(item)]));
  }
  return value;
}
