import { describe, expect, it } from 'vitest';
import { composeLivePolicy, type VersionedPolicy } from './compose-live-policy.ts';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, type PolicyPartName } from './testing/build-policy-files.ts';

function version(number: number, parts: Partial<Record<PolicyPartName, string | null>> = {}): VersionedPolicy {
  const result = loadPolicyBundle(buildPolicyFiles(parts));
  expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  return { version: number, policy: result.policy! };
}

const twoSegments = (mode: string) => `kind: Segment
name: smb
priority: 10
match:
  customer.tags: { includes: smb }
cadence: standard
mode: ${mode}
---
kind: Segment
name: everyone
priority: 1000
cadence: standard
mode: shadow
`;

const template = (subject: string) => `kind: Template
name: reminder
subject: "${subject} {invoice_number}"
body: |
  Please pay {invoice_balance} here: {pay_link}
`;

describe('composeLivePolicy', () => {
  it('is the live version itself when no segment runs another', () => {
    const live = version(1, { 'segments.yaml': twoSegments('shadow') });
    const composed = composeLivePolicy(live, []);
    expect(composed.policy.segments.map((segment) => segment.name)).toEqual(['smb', 'everyone']);
    expect([...composed.versionOfSegment]).toEqual([['smb', 1], ['everyone', 1]]);
    expect(composed.policy.segments).toEqual(live.policy.segments);
  });

  it("runs a chosen segment's definition from its version and leaves the others on the live one", () => {
    const live = version(1, { 'segments.yaml': twoSegments('shadow') });
    const next = version(2, { 'segments.yaml': twoSegments('autopilot') });
    const composed = composeLivePolicy(live, [{ segment: 'smb', from: next }]);
    expect(composed.policy.segments.map((segment) => [segment.name, segment.mode])).toEqual([['smb', 'autopilot'], ['everyone', 'shadow']]);
    expect(composed.versionOfSegment.get('smb')).toBe(2);
    expect(composed.versionOfSegment.get('everyone')).toBe(1);
    // Same templates in both versions: no second copy.
    expect([...composed.policy.templates.keys()]).toEqual(['reminder']);
  });

  it('keys a template that differs between versions by version, so each segment renders its own', () => {
    const live = version(1, { 'segments.yaml': twoSegments('shadow'), 'templates.yaml': template('Old') });
    const next = version(2, { 'segments.yaml': twoSegments('shadow'), 'templates.yaml': template('New') });
    const composed = composeLivePolicy(live, [{ segment: 'smb', from: next }]);
    const [smb, everyone] = composed.policy.segments;
    expect(smb!.cadence.steps[0]!.template).toBe('reminder@v2');
    expect(everyone!.cadence.steps[0]!.template).toBe('reminder');
    expect(composed.policy.templates.get('reminder@v2')?.subject.neutral).toBe('New {invoice_number}');
    expect(composed.policy.templates.get('reminder')?.subject.neutral).toBe('Old {invoice_number}');
    // The cadence keeps its name: steps sent under one version are not sent again under the other.
    expect(smb!.cadence.name).toBe('standard');
    // The live version's objects are untouched.
    expect(live.policy.segments[0]!.cadence.steps[0]!.template).toBe('reminder');
  });

  it('adds a segment only a newer version has, in priority order', () => {
    const live = version(1);
    const next = version(2, { 'segments.yaml': twoSegments('autopilot') });
    const composed = composeLivePolicy(live, [{ segment: 'smb', from: next }]);
    expect(composed.policy.segments.map((segment) => [segment.name, composed.versionOfSegment.get(segment.name)])).toEqual([['smb', 2], ['everyone', 1]]);
  });

  it('takes the workspace settings from the live version', () => {
    const live = version(1, { 'segments.yaml': twoSegments('shadow') });
    const next = version(2, {
      'segments.yaml': twoSegments('shadow'),
      'workspace.yaml': `kind: Workspace\ntimezone: Europe/Berlin\nlocale: de-DE\ncurrency: EUR\nplan: growth\nsenders:\n  - domain: ar.acme.example\n`,
    });
    const composed = composeLivePolicy(live, [{ segment: 'smb', from: next }]);
    expect(composed.policy.workspace.timeZone).toBe('America/New_York');
  });
});
