import { createHash } from 'node:crypto';
import { composeLivePolicy, type LivePolicy, type VersionedPolicy } from '../core/policy/compose-live-policy.ts';
import { applySegmentModes } from '../core/policy/apply-segment-modes.ts';
import { loadPolicyBundle } from '../core/policy/load-policy-bundle.ts';
import type { Policy } from '../core/policy/policy-model.ts';
import { AppError } from './app-error.ts';
import type { PolicyPublishState } from './ports/policy-publishing-store.ts';
import type { Store, StoredPolicyVersion } from './ports/store.ts';

// Loading a bundle (YAML, checks, resolution) costs milliseconds; the result depends on the
// files alone, so it is kept per content. A published version never changes, so every tick and
// request after the first reuses it. The resolved policy is only ever read.
const loadedBundles = new Map<string, ReturnType<typeof loadPolicyBundle>>();
const loadedBundlesLimit = 64;

function loadBundleOnce(bundle: StoredPolicyVersion['bundle']): ReturnType<typeof loadPolicyBundle> {
  const key = createHash('sha256').update(JSON.stringify(bundle)).digest('hex');
  const cached = loadedBundles.get(key);
  if (cached) {
    // Most recently used last, so the oldest is the one let go.
    loadedBundles.delete(key);
    loadedBundles.set(key, cached);
    return cached;
  }
  const result = loadPolicyBundle(bundle);
  loadedBundles.set(key, result);
  if (loadedBundles.size > loadedBundlesLimit) loadedBundles.delete(loadedBundles.keys().next().value!);
  return result;
}

/** A stored version as the engine runs it, checked as `plixo policy lint` would. */
export function loadStoredVersion(stored: StoredPolicyVersion): VersionedPolicy {
  const result = loadBundleOnce(stored.bundle);
  const firstError = result.issues.find((issue) => issue.severity === 'error');
  if (!result.policy || firstError) {
    throw new AppError(
      'policy_invalid',
      `policy version ${stored.version} of workspace ${stored.workspaceId} has errors; first: ${firstError?.file}:${firstError?.line}:${firstError?.column}: ${firstError?.message}`,
    );
  }
  return { version: stored.version, policy: result.policy };
}

export interface LoadedLivePolicy extends ComposedPolicy {
  /** The live version's number (workspace settings, and every segment not given another). */
  version: number;
  policy: Policy;
  /** The publish revision this was read at. */
  revision: number;
}

export interface ComposedPolicy extends LivePolicy {
  /** Each segment's mode as its published file gives it, before the Autopilot switches. */
  fileModes: ReadonlyMap<string, 'shadow' | 'autopilot'>;
}

/** The published versions a publish state names, each loaded once. */
export type VersionCache = Map<number, VersionedPolicy>;

/**
 * The policy a publish state stands for: its live version, with each segment a publish gave
 * another version running that one, and each segment's Autopilot switch applied. Published versions never change, so loading them one by one
 * after reading the state (in one statement) sees a publish whole or not at all.
 */
export async function composePublishState(
  store: Store,
  workspaceId: string,
  state: Pick<PolicyPublishState, 'liveVersion' | 'segmentVersions'>,
  cache: VersionCache = new Map(),
): Promise<ComposedPolicy> {
  const load = async (version: number): Promise<VersionedPolicy> => {
    const cached = cache.get(version);
    if (cached) return cached;
    const stored = await store.getPolicyVersion(workspaceId, version);
    if (!stored) throw new AppError('not_found', `policy version ${version} of workspace ${workspaceId} does not exist`);
    const loaded = loadStoredVersion(stored);
    cache.set(version, loaded);
    return loaded;
  };
  if (state.liveVersion === null) throw new AppError('not_found', `workspace ${workspaceId} has no published policy version`);
  const live = await load(state.liveVersion);
  const segmentVersions = [];
  for (const { segment, version } of state.segmentVersions) segmentVersions.push({ segment, from: await load(version) });
  const composed = composeLivePolicy(live, segmentVersions);
  // Each segment's Autopilot switch, which a person sets without publishing.
  const modes = new Map((await store.listSegmentModes(workspaceId)).map((setting) => [setting.segment, setting.mode]));
  const fileModes = new Map(composed.policy.segments.map((segment) => [segment.name, segment.mode]));
  return { ...composed, policy: applySegmentModes(composed.policy, modes), fileModes };
}

/** The policy the engine runs for a workspace now. */
export async function loadLivePolicy(store: Store, workspaceId: string): Promise<LoadedLivePolicy> {
  // Migration 0009 gave every workspace with a published version its live version.
  const state = await store.getPolicyPublishState(workspaceId);
  const composed = await composePublishState(store, workspaceId, state);
  return { ...composed, version: composed.liveVersion, revision: state.revision };
}

/** The live policy, or null when the workspace has none that loads (not published yet, or invalid): for readers that fall back to defaults. */
export function loadLivePolicyOrNull(store: Store, workspaceId: string): Promise<Policy | null> {
  return loadLivePolicy(store, workspaceId).then(
    (live) => live.policy,
    () => null,
  );
}
