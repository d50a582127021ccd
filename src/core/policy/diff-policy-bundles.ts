import { structuredPatch } from 'diff';

// What changed between two bundles, file by file: a version against another, or a folder on disk
// against the live version (`plixo policy diff`). Unchanged files are left out.

export interface BundleText {
  path: string;
  text: string;
}

export interface FileDiff {
  path: string;
  change: 'added' | 'removed' | 'changed';
  added: number;
  removed: number;
  /** A unified diff (`--- a/path`, `+++ b/path`, hunks with 3 lines of context). */
  patch: string;
}

export function diffPolicyBundles(from: readonly BundleText[], to: readonly BundleText[]): FileDiff[] {
  const before = new Map(from.map((file) => [file.path, file.text]));
  const after = new Map(to.map((file) => [file.path, file.text]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const diffs: FileDiff[] = [];
  for (const path of paths) {
    const a = before.get(path);
    const b = after.get(path);
    if (a === b) continue;
    const patch = structuredPatch(a === undefined ? '/dev/null' : `a/${path}`, b === undefined ? '/dev/null' : `b/${path}`, a ?? '', b ?? '', '', '', { context: 3 });
    let added = 0;
    let removed = 0;
    const lines = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
    for (const hunk of patch.hunks) {
      lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
      for (const line of hunk.lines) {
        if (line.startsWith('+')) added += 1;
        else if (line.startsWith('-')) removed += 1;
        lines.push(line);
      }
    }
    diffs.push({ path, change: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed', added, removed, patch: `${lines.join('\n')}\n` });
  }
  return diffs;
}
