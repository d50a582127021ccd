import type { BundleFile } from '../parse-bundle-files.ts';
import type { PolicyIssue } from '../policy-issue.ts';

// A small valid bundle for tests, one file per part, so a test replaces the one part it is about
// and asserts the file, line and column of what it broke.

export const basePolicyParts = {
  'workspace.yaml': `kind: Workspace
name: acme
timezone: America/New_York
locale: en-US
currency: USD
plan: growth
senders:
  - domain: ar.acme.example
`,
  'cadence.yaml': `kind: Cadence
name: standard
tone: neutral
steps:
  - id: due
    day: 0
    template: reminder
  - id: call
    day: 10
    action: task
`,
  'templates.yaml': `kind: Template
name: reminder
subject: "Invoice {invoice_number} is due"
body: |
  Hi {contact_name},

  Please pay {invoice_balance} here: {pay_link}
`,
  'segments.yaml': `kind: Segment
name: everyone
cadence: standard
mode: shadow
`,
};

export type PolicyPartName = keyof typeof basePolicyParts;

/** The base bundle with some parts replaced (or removed with null) and extra files added. */
export function buildPolicyFiles(replace: Partial<Record<PolicyPartName, string | null>> = {}, extra: Record<string, string> = {}): BundleFile[] {
  const parts: Record<string, string | null> = { ...basePolicyParts, ...replace, ...extra };
  return Object.entries(parts)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([path, text]) => ({ path, text }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Issues without their message: tests assert codes and positions, never wording. */
export function locateIssues(issues: readonly PolicyIssue[]): Omit<PolicyIssue, 'message'>[] {
  return issues.map(({ message: _message, ...rest }) => rest);
}
