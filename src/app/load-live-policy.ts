import { loadPolicyBundle } from '../core/policy/load-policy-bundle.ts';
import type { Policy } from '../core/policy/policy-model.ts';
import { AppError } from './app-error.ts';
import type { Store } from './ports/store.ts';

/** The published policy version the engine runs for a workspace, checked as `plixo policy lint` would. */
export async function loadLivePolicy(store: Store, workspaceId: string): Promise<{ version: number; policy: Policy }> {
  const live = await store.getLivePolicyVersion(workspaceId);
  if (!live) throw new AppError('not_found', `workspace ${workspaceId} has no published policy version`);
  const result = loadPolicyBundle(live.bundle);
  const firstError = result.issues.find((issue) => issue.severity === 'error');
  if (!result.policy || firstError) {
    throw new AppError(
      'policy_invalid',
      `policy version ${live.version} of workspace ${workspaceId} has errors; first: ${firstError?.file}:${firstError?.line}:${firstError?.column}: ${firstError?.message}`,
    );
  }
  return { version: live.version, policy: result.policy };
}
