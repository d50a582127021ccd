// What the loader reports about a bundle. Every problem is a value with a stable `code` (tests and
// tools key on it) and a message written for the finance person who edits the YAML.

export type PolicyIssueSeverity = 'error' | 'warning';

export type PolicyIssueCode =
  // YAML and document shape
  | 'yaml-syntax'
  | 'invalid-document'
  | 'missing-kind'
  | 'unknown-kind'
  // schema
  | 'unknown-key'
  | 'missing-key'
  | 'invalid-type'
  | 'invalid-value'
  | 'invalid-format'
  | 'out-of-range'
  // bundle structure and references
  | 'missing-workspace'
  | 'duplicate-workspace'
  | 'duplicate-name'
  | 'duplicate-step-id'
  | 'duplicate-sender'
  | 'missing-template'
  | 'unused-template'
  | 'dangling-reference'
  | 'same-priority'
  | 'invalid-condition'
  // world settings and guardrails
  | 'invalid-time-zone'
  | 'invalid-locale'
  | 'invalid-currency'
  | 'invalid-holiday-calendar'
  | 'invalid-quiet-hours'
  | 'invalid-cap-tiers'
  // templates
  | 'missing-tone'
  | 'unknown-merge-tag'
  | 'malformed-merge-tag'
  | 'hardcoded-amount'
  | 'empty-subject'
  | 'missing-pay-link'
  | 'broken-link'
  | 'misplaced-merge-tag'
  // policy tests
  | 'invalid-instant'
  | 'invalid-time-range'
  | 'invalid-test-data';

export interface PolicyIssue {
  /** The file's path as given to the loader (relative to the bundle root). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: PolicyIssueSeverity;
  code: PolicyIssueCode;
  message: string;
}

export function compareIssues(a: PolicyIssue, b: PolicyIssue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}
