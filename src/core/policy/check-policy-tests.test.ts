import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const issue = (line: number, column: number, code: string) => ({ file: 'tests/t.yaml', line, column, code, severity: 'error' });

function policyTest(fields: { from?: string; to?: string; data?: string | null; expect?: string[] }): string {
  return [
    'kind: PolicyTest',
    'name: a test',
    ...(fields.data === null ? [] : [`data: ${fields.data ?? 'fixtures/one.json'}`]),
    `from: ${fields.from ?? '2024-03-01T00:00:00Z'}`,
    `to: ${fields.to ?? '2024-04-01T00:00:00Z'}`,
    'expect:',
    ...(fields.expect ?? ['  - { at: 2024-03-10T14:00:00Z, type: send, step: due }']),
    '',
  ].join('\n');
}

const lintTest = (text: string) => locateIssues(loadPolicyBundle(buildPolicyFiles({}, { 'tests/t.yaml': text })).issues);

describe('policy tests', () => {
  it('accepts a well-formed test', () => {
    expect(lintTest(policyTest({}))).toEqual([]);
  });

  it('requires ISO-8601 instants for from, to and every at', () => {
    const text = policyTest({ from: '2024-03-01', to: '2024-04-01T00:00', expect: ['  - { at: "2024-02-30T10:00:00Z", type: send }'] });
    expect(lintTest(text)).toEqual([issue(4, 7, 'invalid-instant'), issue(5, 5, 'invalid-instant'), issue(7, 11, 'invalid-instant')]);
  });

  it('requires to after from', () => {
    expect(lintTest(policyTest({ to: '2024-03-01T00:00:00Z' }))).toEqual([issue(5, 5, 'invalid-time-range'), issue(7, 11, 'invalid-time-range')]);
  });

  it('rejects an expectation outside the time range', () => {
    const text = policyTest({ expect: ['  - { at: 2024-04-01T00:00:00Z, type: send }'] });
    expect(lintTest(text)).toEqual([issue(7, 11, 'invalid-time-range')]);
  });

  it('needs data, as a file or inline, but not both', () => {
    expect(lintTest(policyTest({ data: null }))).toEqual([issue(1, 1, 'invalid-test-data')]);
    const both = policyTest({}).replace('expect:', 'invoices: []\nexpect:');
    expect(lintTest(both)).toEqual([issue(3, 7, 'invalid-test-data')]);
  });

  it('rejects steps, segments and templates the bundle does not have', () => {
    const text = policyTest({ expect: ['  - { at: 2024-03-10T14:00:00Z, type: send, step: duee, segment: nobody, template: remindr }'] });
    expect(lintTest(text)).toEqual([issue(7, 51, 'dangling-reference'), issue(7, 66, 'dangling-reference'), issue(7, 84, 'dangling-reference')]);
  });

  it('accepts escalation ids as steps', () => {
    const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\nescalations:\n  - { id: esc, day: 9, assignTo: operator }\n';
    const text = policyTest({ expect: ['  - { at: 2024-03-10T14:00:00Z, type: escalate, step: esc }'] });
    expect(loadPolicyBundle(buildPolicyFiles({ 'cadence.yaml': cadence }, { 'tests/t.yaml': text })).issues).toEqual([]);
  });
});
