import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const issue = (line: number, column: number, code: string, severity = 'error') => ({ file: 'segments.yaml', line, column, code, severity });
const lintSegments = (text: string) => locateIssues(loadPolicyBundle(buildPolicyFiles({ 'segments.yaml': text })).issues);

describe('segment priorities', () => {
  it('warns about segments that share a priority, at each priority', () => {
    const text = 'kind: Segment\nname: a\npriority: 10\ncadence: standard\nmode: shadow\n---\nkind: Segment\nname: b\npriority: 10\ncadence: standard\nmode: shadow\n';
    expect(lintSegments(text)).toEqual([issue(3, 11, 'same-priority', 'warning'), issue(9, 11, 'same-priority', 'warning')]);
  });

  it('counts a missing priority as the default, and points at the name', () => {
    const text = 'kind: Segment\nname: a\ncadence: standard\nmode: shadow\n---\nkind: Segment\nname: b\npriority: 100\ncadence: standard\nmode: shadow\n';
    expect(lintSegments(text)).toEqual([issue(2, 7, 'same-priority', 'warning'), issue(8, 11, 'same-priority', 'warning')]);
  });

  it('is quiet when priorities differ', () => {
    const text = 'kind: Segment\nname: a\npriority: 1\ncadence: standard\nmode: shadow\n---\nkind: Segment\nname: b\ncadence: standard\nmode: shadow\n';
    expect(lintSegments(text)).toEqual([]);
  });
});

describe('segment conditions', () => {
  const segment = (match: string) => `kind: Segment\nname: a\ncadence: standard\nmode: shadow\nmatch:\n${match}\n`;

  it('accepts the spec example', () => {
    const match = '  customer.tags: { includes: smb }\n  invoice.balance: { lt: 10000 }\n  invoice.daysPastDue: { between: [-30, 60] }';
    expect(lintSegments(segment(match))).toEqual([]);
  });

  it('rejects an operator that cannot hold for the field, at the operator', () => {
    const match = '  customer.region: { gt: 5 }\n  invoice.amount: { includes: 5 }\n  customer.tags: { eq: smb }';
    expect(lintSegments(segment(match))).toEqual([issue(6, 22, 'invalid-condition'), issue(7, 21, 'invalid-condition'), issue(8, 20, 'invalid-condition')]);
  });

  it('rejects between with its bounds the wrong way round', () => {
    expect(lintSegments(segment('  invoice.daysPastDue: { between: [60, -30] }'))).toEqual([issue(6, 35, 'invalid-condition')]);
  });

  it('rejects an unknown field and a condition without operators', () => {
    expect(lintSegments(segment('  invoice.dpd: { gt: 5 }\n  invoice.balance: {}'))).toEqual([issue(6, 3, 'unknown-key'), issue(7, 20, 'invalid-value')]);
  });

  it('accepts an empty match', () => {
    expect(lintSegments('kind: Segment\nname: a\ncadence: standard\nmode: shadow\nmatch:\n')).toEqual([]);
  });
});
