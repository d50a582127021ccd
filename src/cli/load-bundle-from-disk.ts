import { stat } from 'node:fs/promises';
import { loadPolicyBundle } from '../core/policy/load-policy-bundle.ts';
import type { Policy } from '../core/policy/policy-model.ts';
import { formatIssue } from './format-issue.ts';
import { readBundleFiles } from '../adapters/files/read-bundle-files.ts';

export type LoadedBundle =
  | { ok: true; policy: Policy; result: ReturnType<typeof loadPolicyBundle>; files: { path: string; text: string }[] }
  | { ok: false; message: string };

/** Reads and checks a policy bundle folder; any lint error refuses it with every problem listed. */
export async function loadBundleFromDisk(directory: string): Promise<LoadedBundle> {
  const info = await stat(directory).catch(() => null);
  if (!info?.isDirectory()) return { ok: false, message: `the policy bundle ${directory} is not a folder` };
  const files = await readBundleFiles(directory);
  if (files.length === 0) return { ok: false, message: `the policy bundle ${directory} holds no .yaml or .yml files` };
  const result = loadPolicyBundle(files);
  const errors = result.issues.filter((issue) => issue.severity === 'error');
  if (!result.policy || errors.length > 0) {
    const lines = errors.map((issue) => `  ${formatIssue(issue, directory)}`);
    return { ok: false, message: `the policy bundle has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}` };
  }
  return { ok: true, policy: result.policy, result, files };
}
