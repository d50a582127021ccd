import { describePlanProblems, findPlanProblems } from '../../core/access/plans.ts';
import { applyPublish, type PublishedState, type PublishTarget } from '../../core/policy/apply-publish.ts';
import type { VersionedPolicy } from '../../core/policy/compose-live-policy.ts';
import { AppError } from '../app-error.ts';
import { loadStoredVersion } from '../load-live-policy.ts';
import type { PolicyPublishState } from '../ports/policy-publishing-store.ts';
import type { Store, StoredPolicyVersion } from '../ports/store.ts';

// What a publish would do, checked before it is previewed or made: the version exists and loads
// without errors, the segments it goes to are segments of it, and the publish state it leads to.

export type { PublishTarget };

export interface PreparedPublish {
  target: StoredPolicyVersion;
  loaded: VersionedPolicy;
  segments: PublishTarget;
  current: PolicyPublishState;
  proposed: PublishedState;
}

export async function preparePolicyPublish(store: Store, input: { workspaceId: string; version: number; segments: PublishTarget; now: number }): Promise<PreparedPublish> {
  const { workspaceId, version, segments, now } = input;
  const record = `policy version ${version}`;
  const target = await store.getPolicyVersion(workspaceId, version);
  if (!target) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  const loaded = loadStoredVersion(target);
  const workspace = await store.getWorkspace(workspaceId);
  const plan = workspace?.plan ?? 'growth';
  const problems = findPlanProblems(loaded.policy, plan);
  if (problems.length > 0) throw new AppError('plan_required', `${record} cannot be published: ${describePlanProblems(problems, plan)}`, { record });
  const current = await store.getPolicyPublishState(workspaceId);
  if (segments !== 'all') {
    if (segments.length === 0) throw new AppError('invalid_input', 'segments must name at least one segment, or be "all"', { field: 'segments' });
    if (current.liveVersion === null) {
      throw new AppError('invalid_input', 'nothing is published yet: the first publish goes to every segment (segments: "all")', { field: 'segments' });
    }
    const names = loaded.policy.segments.map((segment) => segment.name);
    segments.forEach((segment, index) => {
      if (!names.includes(segment)) {
        throw new AppError('invalid_input', `segments[${index}] "${segment}" is not a segment of ${record}; its segments are ${names.join(', ') || 'none'}`, { record, field: `segments[${index}]` });
      }
    });
  }
  return { target, loaded, segments, current, proposed: applyPublish(current, version, segments, now) };
}
