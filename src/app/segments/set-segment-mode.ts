import { can } from '../../core/access/permissions.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { SegmentMode } from '../ports/segment-mode-store.ts';
import type { Store } from '../ports/store.ts';
import { listSegments, type SegmentView } from './measure-segment-health.ts';

// The Autopilot switch of a segment. Back to Shadow Mode is always allowed; Autopilot only while
// the segment passes the gates (contact coverage, disputes, reversals). A Controller may turn it
// on past a failed gate with a rationale: an override, audited as one. Every switch is audited
// with before and after, and takes effect at the worker's next planning pass.

export async function setSegmentMode(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  segment: string;
  mode: SegmentMode;
  reason?: string | null;
  /** Turn Autopilot on although a gate fails (segments.override; a reason is required). */
  override?: boolean;
}): Promise<SegmentView> {
  const { store, now, workspaceId, by, segment, mode } = input;
  const record = `segment ${segment}`;
  const reason = input.reason?.trim() || null;
  const live = await loadLivePolicy(store, workspaceId);
  const names = live.policy.segments.map((candidate) => candidate.name);
  if (!names.includes(segment)) throw new AppError('not_found', `${record} is not a segment of the live policy; its segments are ${names.join(', ') || 'none'}`, { record, field: 'segment' });
  const before = (await listSegments({ store, workspaceId, now })).find((view) => view.segment === segment)!;
  if (before.mode === mode) return before;

  const blockers = mode === 'autopilot' ? before.autopilotBlockers : [];
  if (blockers.length > 0) {
    if (!input.override) {
      throw new AppError('conflict', `${record} stays in Shadow Mode: ${blockers.join('; ')}. Fix these, or a Controller may override with a reason`, { record, field: 'mode' });
    }
    if (by.role !== null && !can(by.role, 'segments.override')) {
      throw new AppError('forbidden', `only a Controller may turn Autopilot on past a failed gate (${record})`, { record, field: 'override' });
    }
    if (reason === null) throw new AppError('invalid_input', `reason: say why ${record} goes to Autopilot although ${blockers.join('; ')}`, { record, field: 'reason' });
  }

  await store.transaction(async (tx) => {
    await tx.setSegmentMode(workspaceId, { segment, mode, setBy: auditActor(by).actor, setAt: now, reason });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: blockers.length > 0 ? 'segment.autopilot_override' : 'segment.mode',
      subject: record,
      before: { mode: before.mode },
      after: { mode, ...(blockers.length > 0 ? { failedGates: blockers } : {}) },
      rationale: reason,
    });
  });
  return (await listSegments({ store, workspaceId, now })).find((view) => view.segment === segment)!;
}
