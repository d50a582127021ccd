import type { ExpectedAction } from '../policy/policy-schema.ts';
import type { EngineAction } from '../planning/engine-action.ts';
import { toActionRecord } from '../simulation/format-actions.ts';
import { parseInstant } from '../time/parse-instant.ts';

// A PolicyTest passes when every expected action happened; with `exact`, also when nothing else
// happened (skip actions aside). An expectation names only the fields it cares about.

export interface ExpectationResult {
  passed: boolean;
  missing: ExpectedAction[];
  unexpected: EngineAction[];
}

function sameSet(expected: readonly string[], actual: readonly string[] | undefined): boolean {
  if (!actual || expected.length !== actual.length) return false;
  const sorted = [...actual].sort();
  return [...expected].sort().every((value, index) => value === sorted[index]);
}

export function matchesExpectation(expected: ExpectedAction, action: EngineAction): boolean {
  if (parseInstant(expected.at) !== action.at || expected.type !== action.type) return false;
  if (expected.customer !== undefined && expected.customer !== action.customer) return false;
  if (expected.invoices !== undefined && !sameSet(expected.invoices, action.invoices)) return false;
  if (expected.step !== undefined && !(action.steps ?? []).some((step) => step.step === expected.step)) return false;
  if (expected.template !== undefined && expected.template !== action.template) return false;
  if (expected.tone !== undefined && expected.tone !== action.tone) return false;
  if (expected.segment !== undefined && expected.segment !== action.segment) return false;
  if (expected.reason !== undefined && expected.reason !== action.reason) return false;
  if (expected.assignTo !== undefined && expected.assignTo !== action.assignTo) return false;
  if (expected.to !== undefined && !sameSet(expected.to, action.to)) return false;
  return true;
}

export function checkExpectations(expected: readonly ExpectedAction[], actions: readonly EngineAction[], exact: boolean): ExpectationResult {
  const used = new Set<number>();
  const missing: ExpectedAction[] = [];
  for (const expectation of expected) {
    const index = actions.findIndex((action, position) => !used.has(position) && matchesExpectation(expectation, action));
    if (index < 0) missing.push(expectation);
    else used.add(index);
  }
  const unexpected = exact ? actions.filter((action, position) => !used.has(position) && action.type !== 'skip') : [];
  return { passed: missing.length === 0 && unexpected.length === 0, missing, unexpected };
}

/** A diff for people: `-` what was expected and did not happen, `+` what happened unexpectedly or instead. */
export function formatExpectationDiff(result: ExpectationResult, actions: readonly EngineAction[]): string {
  const lines: string[] = [];
  for (const expectation of result.missing) lines.push(`- ${JSON.stringify(expectation)}`);
  for (const action of result.unexpected) lines.push(`+ ${JSON.stringify(toActionRecord(action))}`);
  if (result.missing.length > 0 && result.unexpected.length === 0) {
    // Show what did happen, so the near miss (a different instant, another step) is visible.
    const nearby = actions.filter((action) => action.type !== 'skip').slice(0, 20);
    if (nearby.length > 0) {
      lines.push('  actual actions:');
      for (const action of nearby) lines.push(`  ${JSON.stringify(toActionRecord(action))}`);
    } else {
      lines.push('  (the engine took no action)');
    }
  }
  return lines.join('\n');
}
