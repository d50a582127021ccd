import { describeContext, reportAt, type BundleDocument, type CheckedBundle } from './bundle-document.ts';
import type { PolicyIssue } from './policy-issue.ts';
import { parseInstant } from '../time/parse-instant.ts';
import type { PolicyTestDocument } from './policy-schema.ts';
import { formatSuggestion } from './suggest-closest.ts';

// A policy test that cannot pass whatever the engine does (an instant that is not one, an
// expectation outside the test's time range, a step no cadence has) is a lint error, so the test
// runner only ever reports real behaviour.

export function checkPolicyTests(bundle: CheckedBundle): PolicyIssue[] {
  const stepIds = listStepIds(bundle);
  return bundle.tests.flatMap((test) => checkPolicyTest(test, bundle, stepIds));
}

/** Every step and escalation id, or null when a cadence failed validation and its ids are unknown. */
function listStepIds(bundle: CheckedBundle): Set<string> | null {
  const validNames = new Set(bundle.cadences.map((cadence) => cadence.value.name));
  if (validNames.size !== bundle.names.Cadence.size) return null;
  return new Set(
    bundle.cadences.flatMap((cadence) => [
      ...cadence.value.steps.map((step) => step.id),
      ...(cadence.value.escalations ?? []).map((escalation) => escalation.id),
    ]),
  );
}

function checkPolicyTest(test: BundleDocument<PolicyTestDocument>, bundle: CheckedBundle, stepIds: Set<string> | null): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const context = describeContext(test, []);
  const instant = (path: (string | number)[], text: string, what: string): number | null => {
    const ms = parseInstant(text);
    if (ms === null) {
      const message = `${describeContext(test, path)}: ${what} "${text}" is not an ISO-8601 instant such as 2024-04-08T07:00:00Z (a date, a time and Z or an offset)`;
      issues.push(reportAt(test, path, { code: 'invalid-instant', message }));
    }
    return ms;
  };
  const from = instant(['from'], test.value.from, 'from');
  const to = instant(['to'], test.value.to, 'to');
  if (from !== null && to !== null && to <= from) {
    const message = `${context}: to (${test.value.to}) must be after from (${test.value.from})`;
    issues.push(reportAt(test, ['to'], { code: 'invalid-time-range', message }));
  }
  const { data, invoices } = test.value;
  if (data === undefined && invoices === undefined) {
    const message = `${context}: give the test data, either a file (data: fixtures/portfolio.json) or inline customers, invoices and events`;
    issues.push(reportAt(test, [], { code: 'invalid-test-data', message }));
  }
  if (data !== undefined && (invoices !== undefined || test.value.customers !== undefined || test.value.events !== undefined)) {
    const message = `${context}: give the test data either as a file (data:) or inline (customers, invoices, events), not both`;
    issues.push(reportAt(test, ['data'], { code: 'invalid-test-data', message }));
  }
  test.value.expect.forEach((expected, index) => {
    const path = ['expect', index];
    const at = instant([...path, 'at'], expected.at, 'at');
    if (at !== null && from !== null && to !== null && (at < from || at >= to)) {
      const message = `${describeContext(test, path)}: at ${expected.at} is outside the test's time range (${test.value.from} to ${test.value.to}), so it can never happen`;
      issues.push(reportAt(test, [...path, 'at'], { code: 'invalid-time-range', message }));
    }
    const dangling = (key: 'step' | 'segment' | 'template', name: string | undefined, known: ReadonlySet<string> | null, noun: string) => {
      if (name === undefined || known === null || known.has(name)) return;
      const message = `${describeContext(test, path)}: ${noun} "${name}" does not exist in this bundle${formatSuggestion(name, known)}`;
      issues.push(reportAt(test, [...path, key], { code: 'dangling-reference', message }));
    };
    dangling('step', expected.step, stepIds, 'step');
    dangling('segment', expected.segment, bundle.names.Segment, 'segment');
    dangling('template', expected.template, bundle.names.Template, 'template');
  });
  return issues;
}
