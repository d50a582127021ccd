import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const error = (file: string, line: number, column: number, code: string) => ({ file, line, column, code, severity: 'error' });

describe('loadPolicyBundle', () => {
  it('loads a clean bundle into a policy, with no issues', () => {
    const result = loadPolicyBundle(buildPolicyFiles());
    expect(result.issues).toEqual([]);
    expect(result.policy?.workspace.timeZone).toBe('America/New_York');
    expect(result.policy?.segments.map((segment) => segment.name)).toEqual(['everyone']);
  });

  it('loads the example bundle with neither errors nor warnings', () => {
    const root = fileURLToPath(new URL('../../../examples/acme', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.ya?ml$/.test(path))
      .sort()
      .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
    const result = loadPolicyBundle(files);
    expect(result.issues).toEqual([]);
    expect(result.policy).not.toBeNull();
    expect(result.tests.length).toBeGreaterThanOrEqual(3);
  });

  it('reports YAML syntax errors at their position and still checks the other files', () => {
    const result = loadPolicyBundle(
      buildPolicyFiles({ 'cadence.yaml': 'kind: Cadence\nname: standard\nsteps: [\n', 'segments.yaml': 'kind: Segment\nname: everyone\ncadence: standard\nmode: shadw\n' }),
    );
    expect(locateIssues(result.issues)).toEqual([error('cadence.yaml', 4, 1, 'yaml-syntax'), error('segments.yaml', 4, 7, 'invalid-value')]);
    expect(result.policy).toBeNull();
  });

  it('refuses a From address outside its sending domain, at the address', () => {
    const workspace = 'kind: Workspace\ntimezone: UTC\nlocale: en-GB\ncurrency: EUR\nplan: growth\nsenders:\n  - domain: ar.acme.example\n    address: ar@acme.example\n';
    const result = loadPolicyBundle(buildPolicyFiles({ 'workspace.yaml': workspace }));
    expect(locateIssues(result.issues)).toEqual([error('workspace.yaml', 8, 14, 'invalid-value')]);
    expect(result.issues[0]?.message).toContain('must be an address of the sending domain');
  });

  it('reports duplicate keys as YAML errors', () => {
    const result = loadPolicyBundle(buildPolicyFiles({ 'segments.yaml': 'kind: Segment\nname: everyone\ncadence: standard\nmode: shadow\nmode: autopilot\n' }));
    expect(locateIssues(result.issues)).toEqual([error('segments.yaml', 5, 1, 'yaml-syntax')]);
  });

  it('reports unknown kinds, missing kinds and documents that are not mappings', () => {
    const extra = { 'extra.yaml': 'kind: Cadance\nname: x\n---\nname: y\n---\n- a list\n---\n# only a comment\n' };
    const result = loadPolicyBundle(buildPolicyFiles({}, extra));
    expect(locateIssues(result.issues)).toEqual([
      error('extra.yaml', 1, 7, 'unknown-kind'),
      error('extra.yaml', 4, 1, 'missing-kind'),
      error('extra.yaml', 6, 1, 'invalid-document'),
    ]);
  });

  it('requires exactly one Workspace', () => {
    const missing = loadPolicyBundle(buildPolicyFiles({ 'workspace.yaml': null }));
    expect(locateIssues(missing.issues)).toEqual([error('cadence.yaml', 1, 1, 'missing-workspace')]);
    const twice = loadPolicyBundle(buildPolicyFiles({}, { 'z-second.yaml': 'kind: Workspace\ntimezone: UTC\nlocale: en\ncurrency: EUR\nplan: scale\n' }));
    expect(locateIssues(twice.issues)).toEqual([error('z-second.yaml', 1, 7, 'duplicate-workspace')]);
    expect(loadPolicyBundle([]).issues.map((issue) => issue.code)).toEqual(['missing-workspace']);
  });

  it('requires names unique per kind, but not across kinds', () => {
    const extra = {
      'more.yaml': 'kind: Template\nname: reminder\nsubject: s\nbody: "b {pay_link}"\n---\nkind: Segment\nname: standard\ncadence: standard\nmode: shadow\npriority: 5\n',
    };
    const result = loadPolicyBundle(buildPolicyFiles({}, extra));
    // Files load in path order, so the copy in templates.yaml is the second one.
    expect(locateIssues(result.issues)).toEqual([error('templates.yaml', 2, 7, 'duplicate-name')]);
  });

  it('reports every unknown key at the key itself, in every document', () => {
    const result = loadPolicyBundle(
      buildPolicyFiles({
        'workspace.yaml': 'kind: Workspace\ntimezone: UTC\nlocale: en\ncurrency: USD\nplan: growth\nguardrails:\n  quiteHours: { from: "20:00", to: "08:00" }\ncolour: red\n',
        'segments.yaml': 'kind: Segment\nname: everyone\ncadence: standard\nmode: shadow\nmatch:\n  customer.tag: { includes: smb }\n',
      }),
    );
    expect(locateIssues(result.issues)).toEqual([
      error('segments.yaml', 6, 3, 'unknown-key'),
      error('workspace.yaml', 7, 3, 'unknown-key'),
      error('workspace.yaml', 8, 1, 'unknown-key'),
    ]);
  });

  it('maps schema problems to the value that is wrong', () => {
    const result = loadPolicyBundle(
      buildPolicyFiles({
        'workspace.yaml': [
          'kind: Workspace',
          'timezone: UTC',
          'currency: usd', // 3: format
          'plan: growth',
          'guardrails:',
          '  sendAt: "9am"', // 6: format
          '  maxSendsPerDay: 0', // 7: range
          '  days: [mon, frii]', // 8: enum, column of "frii"
          '  consolidate: "yes"', // 9: type
          '  quietHours: 5', // 10: union of "none" and from/to
          '',
        ].join('\n'),
      }),
    );
    expect(locateIssues(result.issues)).toEqual([
      error('workspace.yaml', 1, 1, 'missing-key'), // locale
      error('workspace.yaml', 3, 11, 'invalid-format'),
      error('workspace.yaml', 6, 11, 'invalid-format'),
      error('workspace.yaml', 7, 19, 'out-of-range'),
      error('workspace.yaml', 8, 15, 'invalid-value'),
      error('workspace.yaml', 9, 16, 'invalid-type'),
      error('workspace.yaml', 10, 15, 'invalid-type'),
    ]);
  });

  it('reports a missing key inside a list item at the item', () => {
    const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - id: due\n    template: reminder\n';
    const result = loadPolicyBundle(buildPolicyFiles({ 'cadence.yaml': cadence }));
    expect(locateIssues(result.issues)).toEqual([error('cadence.yaml', 4, 5, 'missing-key')]);
  });

  it('keeps checking a document whose only problem is an unknown or invalid optional key', () => {
    const cadence = 'kind: Cadence\nname: standard\ncolour: blue\ntone: loud\nsteps:\n  - id: due\n    day: 0\n    template: remindr\n';
    const result = loadPolicyBundle(buildPolicyFiles({ 'cadence.yaml': cadence }));
    expect(result.issues.map((issue) => issue.code)).toEqual(['unknown-key', 'invalid-value', 'dangling-reference']);
  });

  it('builds no policy when there are errors, but does with warnings only', () => {
    const warned = loadPolicyBundle(buildPolicyFiles({ 'templates.yaml': 'kind: Template\nname: reminder\nsubject: s\nbody: Pay $1,200.00 now at {pay_link}\n' }));
    expect(warned.issues.map((issue) => issue.severity)).toEqual(['warning']);
    expect(warned.policy).not.toBeNull();
  });

  it('returns policy tests with their file and lines, even when the policy has errors', () => {
    const test = [
      'kind: PolicyTest',
      'name: reminder on the due date',
      'data: fixtures/one.json',
      'from: 2024-03-01T00:00:00Z',
      'to: 2024-04-01T00:00:00Z',
      'expect:',
      '  - { at: 2024-03-10T14:00:00Z, type: draft, step: due }',
      '  - at: 2024-03-20T14:00:00Z',
      '    type: task',
      '',
    ].join('\n');
    const result = loadPolicyBundle(buildPolicyFiles({ 'segments.yaml': null }, { 'tests/due.yaml': test }));
    expect(result.tests).toEqual([expect.objectContaining({ file: 'tests/due.yaml', line: 1, expectLines: [7, 8] })]);
    expect(result.tests[0]?.document.name).toBe('reminder on the due date');
  });

  it('leaves out policy tests that only pass their schema once a wrong key is dropped', () => {
    const test = 'kind: PolicyTest\nname: t\ndata: d.json\nfrom: 2024-03-01T00:00:00Z\nto: 2024-04-01T00:00:00Z\nexpectt: []\nexpect: []\n';
    const result = loadPolicyBundle(buildPolicyFiles({}, { 'tests/t.yaml': test }));
    expect(result.issues.map((issue) => issue.code)).toEqual(['unknown-key']);
    expect(result.tests).toEqual([]);
  });
});
