import { join, relative } from 'node:path';
import type { PolicyIssue } from '../core/policy/policy-issue.ts';

/** `file:line:column: error: message [code]`, the shape editors and CI logs understand. */
export function formatIssue(issue: PolicyIssue, bundleDirectory: string): string {
  const file = relative(process.cwd(), join(bundleDirectory, issue.file)) || issue.file;
  return `${file}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message} [${issue.code}]`;
}
