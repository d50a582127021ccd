import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { PolicyPublishState } from '../ports/policy-publishing-store.ts';
import type { Store, StoredPolicyVersion } from '../ports/store.ts';
import { composePublishState } from '../load-live-policy.ts';
import { findPublishBlockers } from './find-publish-blockers.ts';
import { preparePolicyPublish, type PreparedPublish, type PublishTarget } from './prepare-policy-publish.ts';

// Publishing: a draft is frozen as it was previewed and becomes what the chosen segments run
// (or every segment); publishing an earlier version again is a rollback. A publish names the
// publish revision it was previewed against: if another publish landed since, it is refused with
// a conflict and nothing changes, so two people publishing at once never mix their changes.

export interface PublishOutcome {
  version: StoredPolicyVersion;
  kind: 'publish' | 'rollback';
  state: PolicyPublishState;
}

export async function publishPolicyVersion(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  version: number;
  segments: PublishTarget;
  expectedRevision: number;
  expectedDraftRevision?: number;
  note?: string | null;
}): Promise<PublishOutcome> {
  const { store, now, workspaceId, by, version, segments } = input;
  const record = `policy version ${version}`;
  // The coverage gate runs the engine, so it reads before the write: the publish revision still
  // guards against a publish landing in between. A rollback to a version already published is
  // never held back by it: going back is how a bad publish is undone.
  const checked = await preparePolicyPublish(store, { workspaceId, version, segments, now });
  if (!isRollback(checked)) {
    const proposed = await composePublishState(store, workspaceId, checked.proposed, new Map([[version, checked.loaded]]));
    const blockers = await findPublishBlockers(store, { workspaceId, segments, policy: proposed.policy, now });
    if (blockers.length > 0) throw new AppError('conflict', `${record} cannot be published: ${blockers.join('; ')}`, { record, field: 'segments' });
  }
  return store.transaction(async (tx) => {
    const prepared = await preparePolicyPublish(tx, { workspaceId, version, segments, now });
    const result = await tx.publishPolicyVersion(workspaceId, {
      version,
      segments,
      expectedRevision: input.expectedRevision,
      ...(input.expectedDraftRevision !== undefined ? { expectedDraftRevision: input.expectedDraftRevision } : {}),
      publishedBy: auditActor(by).actor,
      at: now,
    });
    if (!result.ok) {
      if (result.reason === 'missing') throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
      if (result.reason === 'stale_draft') {
        throw new AppError('conflict', `${record} was edited since the preview (revision ${input.expectedDraftRevision}, now ${prepared.target.revision}): preview it again`, { record, field: 'expectedDraftRevision' });
      }
      throw new AppError('conflict', `another publish landed first (publish revision ${input.expectedRevision}, now ${result.state.revision}): review the impact again and publish from there`, { record, field: 'expectedRevision' });
    }
    const kind = !result.froze && isRollback(prepared) ? 'rollback' : 'publish';
    const view = (state: Pick<PolicyPublishState, 'liveVersion' | 'segmentVersions'>) => ({
      liveVersion: state.liveVersion,
      segmentVersions: state.segmentVersions.map(({ segment, version: segmentVersion }) => ({ segment, version: segmentVersion })),
    });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: `policy.${kind}`,
      subject: record,
      detail: { segments: segments === 'all' ? 'all' : [...segments], revision: result.state.revision },
      before: view(prepared.current),
      after: view(result.state),
      rationale: input.note ?? null,
    });
    return { version: result.version, kind, state: result.state };
  });
}

/** Going back: a version already published, older than what a chosen segment ran. */
function isRollback(prepared: PreparedPublish): boolean {
  const { current, segments, target } = prepared;
  const ran = current.segmentVersions.filter((entry) => segments === 'all' || segments.includes(entry.segment)).map((entry) => entry.version);
  return target.status === 'published' && target.version < Math.max(current.liveVersion ?? 0, ...ran);
}
