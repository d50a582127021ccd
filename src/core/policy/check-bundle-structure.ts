import { createIssue, describeContext, reportAt, type PolicyKind } from './bundle-document.ts';
import { readKey } from './describe-path.ts';
import type { BundleFile, ParsedDocument } from './parse-bundle-files.ts';
import type { PolicyIssue } from './policy-issue.ts';
import { positionOf } from './yaml-positions.ts';

// Bundle-wide rules that hold whatever the documents' details: exactly one Workspace, and names
// unique per kind. They read the raw data, so a document with schema errors still counts.

const kindNouns: Record<PolicyKind, string> = {
  Workspace: 'workspace',
  Cadence: 'cadence',
  Template: 'template',
  Segment: 'segment',
  PolicyTest: 'policy test',
};

export function checkBundleStructure(documents: readonly ParsedDocument[], files: readonly BundleFile[]): PolicyIssue[] {
  return [...checkWorkspaceCount(documents, files), ...checkUniqueNames(documents)];
}

function checkWorkspaceCount(documents: readonly ParsedDocument[], files: readonly BundleFile[]): PolicyIssue[] {
  const workspaces = documents.filter((document) => document.kind === 'Workspace');
  const first = workspaces[0];
  if (!first) {
    const file = documents[0]?.source.file ?? files[0]?.path ?? '';
    return [
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'missing-workspace',
        message: 'the bundle has no Workspace document: add one (kind: Workspace) with the time zone, locale, currency and plan',
      },
    ];
  }
  const where = `${first.source.file}:${first.line}`;
  return workspaces.slice(1).map((extra) =>
    reportAt(extra, ['kind'], {
      code: 'duplicate-workspace',
      message: `a bundle has exactly one Workspace; another one is already defined at ${where}`,
    }),
  );
}

function checkUniqueNames(documents: readonly ParsedDocument[]): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const seen = new Map<string, ParsedDocument>();
  for (const document of documents) {
    if (document.kind === 'Workspace') continue;
    const name = readKey(document.value, 'name');
    if (typeof name !== 'string') continue;
    const key = `${document.kind}\u0000${name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, document);
      continue;
    }
    const firstAt = positionOf(first.source, ['name']);
    issues.push(
      createIssue(document.source, positionOf(document.source, ['name']), {
        code: 'duplicate-name',
        message: `${describeContext(document, [])}: another ${kindNouns[document.kind]} has the same name (${first.source.file}:${firstAt.line}); names must be unique`,
      }),
    );
  }
  return issues;
}
