import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const error = (file: string, line: number, column: number, code: string) => ({ file, line, column, code, severity: 'error' });
const warning = (file: string, line: number, column: number, code: string) => ({ file, line, column, code, severity: 'warning' });

function lintCadence(text: string) {
  return locateIssues(loadPolicyBundle(buildPolicyFiles({ 'cadence.yaml': text })).issues);
}

describe('cadence steps and escalations', () => {
  it('requires step ids unique within a cadence, escalations included', () => {
    const cadence = [
      'kind: Cadence',
      'name: standard',
      'steps:',
      '  - { id: due, day: 0, template: reminder }',
      '  - { id: due, day: 7, template: reminder }',
      'escalations:',
      '  - { id: call, day: 21, assignTo: operator }',
      '  - { id: due, day: 30, assignTo: controller }',
      '  - { id: call, day: 40, assignTo: legal }',
      '',
    ].join('\n');
    expect(lintCadence(cadence)).toEqual([
      error('cadence.yaml', 5, 11, 'duplicate-step-id'),
      error('cadence.yaml', 8, 11, 'duplicate-step-id'),
      error('cadence.yaml', 9, 11, 'duplicate-step-id'),
    ]);
  });

  it('allows the same step id in two cadences', () => {
    const extra = { 'other.yaml': 'kind: Cadence\nname: other\nsteps:\n  - { id: due, day: 0, template: reminder }\n' };
    expect(loadPolicyBundle(buildPolicyFiles({}, extra)).issues).toEqual([]);
  });

  it('requires a template for an email step, explicit or by default', () => {
    const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - id: due\n    day: 0\n  - id: later\n    day: 3\n    action: email\n';
    expect(lintCadence(cadence)).toEqual([error('cadence.yaml', 4, 5, 'missing-template'), error('cadence.yaml', 6, 5, 'missing-template')]);
  });

  it('warns about a template on a task step, at the template key', () => {
    const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - id: call\n    day: 3\n    action: task\n    template: reminder\n';
    expect(lintCadence(cadence)).toEqual([warning('cadence.yaml', 7, 5, 'unused-template')]);
  });

  it('reports a step naming a missing template at the name', () => {
    const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - id: overdue-2\n    day: 14\n    template: remindr\n';
    expect(lintCadence(cadence)).toEqual([error('cadence.yaml', 6, 15, 'dangling-reference')]);
  });

  it('does not call a template dangling when it exists but has errors of its own', () => {
    const templates = 'kind: Template\nname: reminder\nsubjet: s\nbody: b\n';
    const issues = loadPolicyBundle(buildPolicyFiles({ 'templates.yaml': templates })).issues;
    expect(issues.map((issue) => issue.code)).toEqual(['missing-key', 'unknown-key']);
  });
});

describe('segment references', () => {
  const lintSegment = (text: string) => locateIssues(loadPolicyBundle(buildPolicyFiles({ 'segments.yaml': text })).issues);

  it('reports a missing cadence at the name', () => {
    expect(lintSegment('kind: Segment\nname: everyone\ncadence: standrd\nmode: shadow\n')).toEqual([error('segments.yaml', 3, 10, 'dangling-reference')]);
  });

  it('reports a sender that is not a workspace sending domain', () => {
    const segment = 'kind: Segment\nname: everyone\ncadence: standard\nmode: shadow\nsender: ar.acme.exampel\n';
    expect(lintSegment(segment)).toEqual([error('segments.yaml', 5, 9, 'dangling-reference')]);
  });

  it('accepts a sender the workspace lists', () => {
    const segment = 'kind: Segment\nname: everyone\ncadence: standard\nmode: shadow\nsender: ar.acme.example\n';
    expect(lintSegment(segment)).toEqual([]);
  });
});
