import { describe, expect, it } from 'vitest';
import { diffPolicyBundles } from './diff-policy-bundles.ts';

describe('diffPolicyBundles', () => {
  it('lists added, removed and changed files with their lines, and leaves unchanged files out', () => {
    const from = [
      { path: 'cadence.yaml', text: 'kind: Cadence\nname: standard\ntone: neutral\n' },
      { path: 'old.yaml', text: 'kind: Template\nname: old\n' },
      { path: 'same.yaml', text: 'kind: Segment\n' },
    ];
    const to = [
      { path: 'cadence.yaml', text: 'kind: Cadence\nname: standard\ntone: formal\n' },
      { path: 'new.yaml', text: 'kind: Template\nname: new\n' },
      { path: 'same.yaml', text: 'kind: Segment\n' },
    ];
    const diffs = diffPolicyBundles(from, to);
    expect(diffs.map(({ path, change, added, removed }) => [path, change, added, removed])).toEqual([
      ['cadence.yaml', 'changed', 1, 1],
      ['new.yaml', 'added', 2, 0],
      ['old.yaml', 'removed', 0, 2],
    ]);
    expect(diffs[0]!.patch.split('\n')).toEqual(['--- a/cadence.yaml', '+++ b/cadence.yaml', '@@ -1,3 +1,3 @@', ' kind: Cadence', ' name: standard', '-tone: neutral', '+tone: formal', '']);
    expect(diffs[1]!.patch.startsWith('--- /dev/null\n+++ b/new.yaml\n')).toBe(true);
  });

  it('is empty for the same bundle in another order', () => {
    const files = [
      { path: 'a.yaml', text: 'x\n' },
      { path: 'b.yaml', text: 'y\n' },
    ];
    expect(diffPolicyBundles(files, [...files].reverse())).toEqual([]);
  });
});
