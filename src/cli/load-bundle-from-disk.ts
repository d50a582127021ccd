import { BundleReadError, readBundleFiles, type BundleFileText } from '../adapters/files/read-bundle-files.ts';
import { loadPolicyBundle, type PolicyBundleResult } from '../core/policy/load-policy-bundle.ts';
import type { Policy } from '../core/policy/policy-model.ts';
import { formatIssue } from './format-issue.ts';

export type LoadedBundle = { ok: true; policy: Policy; result: PolicyBundleResult; files: BundleFileText[] } | { ok: false; message: string };

/** Reads and checks a policy bundle folder; any lint error refuses it with every problem listed. */
export async function loadBundleFromDisk(directory: string): Promise<LoadedBundle> {
  let files: BundleFileText[];
  try {
    files = await readBundleFiles(directory);
  } catch (error) {
    if (error instanceof BundleReadError) return { ok: false, message: error.message };
    throw error;
  }
  if (files.length === 0) return { ok: false, message: `the policy bundle ${directory} holds no .yaml or .yml files` };
  const result = loadPolicyBundle(files);
  const errors = result.issues.filter((issue) => issue.severity === 'error');
  if (!result.policy || errors.length > 0) {
    const lines = errors.map((issue) => `  ${formatIssue(issue, directory)}`);
    return { ok: false, message: `the policy bundle has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${lines.join('\n')}` };
  }
  return { ok: true, policy: result.policy, result, files };
}
