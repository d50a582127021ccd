import type { LoadedPolicyTest } from '../policy/load-policy-bundle.ts';
import type { Policy } from '../policy/policy-model.ts';
import { parsePortfolio, type DataIssue } from '../portfolio/parse-portfolio.ts';
import { simulatePortfolio } from '../simulation/simulate-portfolio.ts';
import { parseInstant } from '../time/parse-instant.ts';
import { checkExpectations, formatExpectationDiff } from './check-expectations.ts';

// One PolicyTest: its data (inline, or the file it names, read by the caller), the real engine
// over its time range, and its expectations checked against what the engine did.

export type PolicyTestOutcome =
  | { status: 'pass'; name: string; file: string; line: number; actions: number }
  | { status: 'fail'; name: string; file: string; line: number; diff: string }
  | { status: 'error'; name: string; file: string; line: number; message: string };

export interface RunPolicyTestInput {
  policy: Policy;
  test: LoadedPolicyTest;
  /** The parsed JSON of the test's `data` file, when it names one. */
  dataFile?: unknown;
}

function describeIssues(issues: readonly DataIssue[]): string {
  return issues.map((issue) => `${issue.record}: ${issue.field}: ${issue.message}`).join('; ');
}

export function runPolicyTest({ policy, test, dataFile }: RunPolicyTestInput): PolicyTestOutcome {
  const { document, file, line } = test;
  const where = { name: document.name, file, line };
  const raw =
    document.data !== undefined
      ? dataFile
      : { customers: document.customers ?? [], invoices: document.invoices ?? [], events: document.events ?? [] };
  const parsed = parsePortfolio(raw);
  if (!parsed.ok) return { status: 'error', ...where, message: `test data: ${describeIssues(parsed.issues)}` };
  const from = parseInstant(document.from);
  const to = parseInstant(document.to);
  if (from === null || to === null || to <= from) return { status: 'error', ...where, message: 'from and to must be ISO-8601 instants, to after from' };
  const actions = simulatePortfolio({ policy, portfolio: parsed.portfolio, from, to });
  const result = checkExpectations(document.expect, actions, document.exact ?? false);
  if (result.passed) return { status: 'pass', ...where, actions: actions.length };
  return { status: 'fail', ...where, diff: formatExpectationDiff(result, actions) };
}
