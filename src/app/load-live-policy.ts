import { composeLivePolicy, type LivePolicy, type VersionedPolicy } from '../core/policy/compose-live-policy.ts';
import { loadPolicyBundle } from '../core/policy/load-policy-bundle.ts';
import type { Policy } from '../core/policy/policy-model.ts';
import { AppError } from './app-error.ts';
import type { Store, StoredPolicyVersion } from './ports/store.ts';

/** A stored version as the engine runs it, checked as `plixo policy lint` would. */
export function loadStoredVersion(stored: StoredPolicyVersion): VersionedPolicy {
  const result = loadPolicyBundle(stored.bundle);
  const firstError = result.issues.find((issue) => issue.severity === 'error');
  if (!result.policy || firstError) {
    throw new AppError(
      'policy_invalid',
      `policy version ${stored.version} of workspace ${stored.workspaceId} has errors; first: ${firstError?.file}:${firstError?.line}:${firstError?.column}: ${firstError?.message}`,
    );
  }
  return { version: stored.version, policy: result.policy };
}

export interface LoadedLivePolicy extends LivePolicy {
  /** The live version's number (workspace settings, and every segment not given another). */
  version: number;
  policy: Policy;
  /** The publish revision this was read at. */
  revision: number;
}

/**
 * The policy the engine runs for a workspace: its live version, with each segment a publish gave
 * another version running that one. The publish state is read in one statement and published
 * versions never change, so a publish landing meanwhile is seen whole or not at all.
 */
export async function loadLivePolicy(store: Store, workspaceId: string): Promise<LoadedLivePolicy> {
  const state = await store.getPolicyPublishState(workspaceId);
  const liveStored = state.liveVersion === null ? await store.getLivePolicyVersion(workspaceId) : await store.getPolicyVersion(workspaceId, state.liveVersion);
  if (!liveStored) throw new AppError('not_found', `workspace ${workspaceId} has no published policy version`);
  const loaded = new Map<number, VersionedPolicy>([[liveStored.version, loadStoredVersion(liveStored)]]);
  for (const { version } of state.segmentVersions) {
    if (loaded.has(version)) continue;
    const stored = await store.getPolicyVersion(workspaceId, version);
    if (!stored) throw new AppError('not_found', `policy version ${version} of workspace ${workspaceId} does not exist`);
    loaded.set(version, loadStoredVersion(stored));
  }
  const composed = composeLivePolicy(
    loaded.get(liveStored.version)!,
    state.segmentVersions.map(({ segment, version }) => ({ segment, from: loaded.get(version)! })),
  );
  return { ...composed, version: liveStored.version, revision: state.revision };
}
