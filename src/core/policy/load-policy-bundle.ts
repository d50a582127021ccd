import { checkBundleStructure } from './check-bundle-structure.ts';
import { checkCaps } from './check-caps.ts';
import { checkPolicyTests } from './check-policy-tests.ts';
import { checkReferences } from './check-references.ts';
import { checkSegments } from './check-segments.ts';
import { checkSettings } from './check-settings.ts';
import { checkTemplates } from './check-templates.ts';
import { parseBundleFiles, type BundleFile } from './parse-bundle-files.ts';
import { compareIssues, type PolicyIssue } from './policy-issue.ts';
import type { Policy } from './policy-model.ts';
import type { PolicyTestDocument } from './policy-schema.ts';
import { resolvePolicy } from './resolve-policy.ts';
import { validateDocuments } from './validate-documents.ts';
import { positionOf } from './yaml-positions.ts';

// A bundle's files (already read: core does no I/O) to the engine's Policy, its PolicyTests and
// every problem found, each with file, line and column. Checks run on every document that can
// be checked, so one run shows all there is to fix.

export interface LoadedPolicyTest {
  document: PolicyTestDocument;
  file: string;
  /** Line of the test document's first key. */
  line: number;
  /** Line of each `expect` entry, in order, so a failed expectation can point at its line. */
  expectLines: readonly number[];
}

export interface PolicyBundleResult {
  /** null when any issue is an error. */
  policy: Policy | null;
  /** Every PolicyTest document that passed its schema as written, in file order. */
  tests: LoadedPolicyTest[];
  /** Sorted by file, line and column. */
  issues: PolicyIssue[];
}

export function loadPolicyBundle(files: readonly BundleFile[]): PolicyBundleResult {
  const parsed = parseBundleFiles(files);
  const { bundle, issues: schemaIssues } = validateDocuments(parsed.documents);
  const found = [
    ...parsed.issues,
    ...checkBundleStructure(parsed.documents, files),
    ...schemaIssues,
    ...checkReferences(bundle),
    ...checkSettings(parsed.documents),
    ...checkTemplates(bundle),
    ...checkSegments(bundle),
    ...checkCaps(bundle),
    ...checkPolicyTests(bundle),
  ];
  const issues = removeDuplicates(found).sort(compareIssues);
  const tests = bundle.tests
    .filter((test) => test.partial !== true)
    .map((test) => ({
      document: test.value,
      file: test.source.file,
      line: test.line,
      expectLines: test.value.expect.map((_expected, index) => positionOf(test.source, ['expect', index]).line),
    }));
  const workspace = bundle.workspaces[0];
  const hasErrors = issues.some((issue) => issue.severity === 'error');
  const policy =
    hasErrors || !workspace
      ? null
      : resolvePolicy({
          workspace: workspace.value,
          cadences: bundle.cadences.map((cadence) => cadence.value),
          templates: bundle.templates.map((template) => template.value),
          segments: bundle.segments.map((segment) => segment.value),
        });
  return { policy, tests, issues };
}

/** Two checks can trip over the same spot for one reason (a union's branches, say); say it once. */
function removeDuplicates(issues: readonly PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.file}:${issue.line}:${issue.column}:${issue.code}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
