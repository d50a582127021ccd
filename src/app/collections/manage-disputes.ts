import { can, roleNames, rolesThatCan } from '../../core/access/permissions.ts';
import { disputeAnswerDays, disputeDeadlines, disputeReasons, disputeResolutions, disputeSlaState, legalAnswerDays, type DisputeReason, type DisputeSlaState } from '../../core/collections/dispute-sla.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { requirePlanFeature } from '../access/organisation-plan.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { StoredDispute } from '../ports/collections-record-store.ts';
import type { DisputeAttachmentInput } from '../ports/collections-record-store.ts';
import type { Store } from '../ports/store.ts';

// Disputes: opened with a reason code on an invoice (the invoice leaves dunning: a `dispute`
// event), owned by a person, answered within five business days (two once escalated to Legal),
// and resolved with a resolution (the invoice returns to its cadence: `dispute_resolved`).

export interface DisputeView extends StoredDispute {
  sla: DisputeSlaState;
  /** What the reason code asks for. */
  documents: readonly string[];
}

export function viewDispute(dispute: StoredDispute, now: number): DisputeView {
  const reason = disputeReasons[dispute.reason as DisputeReason];
  return { ...dispute, sla: disputeSlaState(dispute, now), documents: reason?.documents ?? [] };
}

async function calendarOf(store: Store, workspaceId: string): Promise<{ timeZone: string; holidays: string | null }> {
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  requirePlanFeature(workspace, 'disputes');
  const holidays = await loadLivePolicy(store, workspaceId).then(
    (live) => live.policy.workspace.guardrails.holidays,
    () => null,
  );
  return { timeZone: workspace.timeZone, holidays };
}

async function requireOpenDispute(store: Store, workspaceId: string, id: number): Promise<StoredDispute> {
  const dispute = await store.getDispute(workspaceId, id);
  if (!dispute) throw new AppError('not_found', `dispute ${id} does not exist in this organisation`, { record: `dispute ${id}` });
  if (dispute.resolvedAt !== null) throw new AppError('conflict', `dispute ${id} was resolved (${dispute.resolution}) and no longer changes; open a new one`, { record: `dispute ${id}` });
  return dispute;
}

export async function openDispute(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  invoiceId: string;
  reason: string;
  description: string;
  owner?: string | null;
  /** The documents brought with it (the payer portal checks their types and sizes); stored with the dispute. */
  attachments?: readonly DisputeAttachmentInput[];
}): Promise<DisputeView> {
  const { store, now, workspaceId, by, invoiceId } = input;
  const record = `invoice ${invoiceId}`;
  if (!(input.reason in disputeReasons)) {
    throw new AppError('invalid_input', `reason: "${input.reason}" is not one of ${Object.keys(disputeReasons).join(', ')}`, { record, field: 'reason' });
  }
  const calendar = await calendarOf(store, workspaceId);
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!invoice) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  if ((await store.listDisputes(workspaceId, { invoiceId, open: true, limit: 1 })).length > 0) {
    throw new AppError('conflict', `${record} already has an open dispute: add to it or resolve it first`, { record });
  }
  const deadlines = disputeDeadlines(calendar.timeZone, calendar.holidays, now, disputeAnswerDays);
  return store.transaction(async (tx) => {
    const dispute = await tx.createDispute(workspaceId, {
      invoiceId,
      customerId: invoice.customerId,
      reason: input.reason,
      description: input.description.trim(),
      owner: input.owner ?? null,
      openedBy: by.label,
      openedAt: now,
      ...deadlines,
    });
    const attachments = await tx.addDisputeAttachments(workspaceId, dispute.id, input.attachments ?? [], now);
    await tx.appendEvents(workspaceId, [{ at: now, type: 'dispute', invoiceId, payload: {} }]);
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(by),
      action: 'dispute.open',
      subject: `dispute ${dispute.id} on invoice ${invoice.number}`,
      after: { reason: dispute.reason, owner: dispute.owner, dueAt: new Date(dispute.dueAt).toISOString(), ...(attachments.length > 0 ? { attachments: attachments.map((attachment) => `${attachment.filename} (${attachment.sizeBytes} bytes)`) } : {}) },
      rationale: dispute.description || null,
    });
    return viewDispute(dispute, now);
  });
}

export async function assignDispute(input: { store: Store; now: number; workspaceId: string; by: Actor; id: number; owner: string | null }): Promise<DisputeView> {
  const { store, now, workspaceId, by, id } = input;
  return store.transaction(async (tx) => {
    const dispute = await requireOpenDispute(tx, workspaceId, id);
    if (input.owner !== null && !(await tx.listMemberships({ workspaceId })).some((member) => member.email === input.owner)) {
      throw new AppError('invalid_input', `owner: ${input.owner} is not a member of this organisation`, { record: `dispute ${id}`, field: 'owner' });
    }
    await tx.updateDispute(workspaceId, id, { owner: input.owner });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'dispute.assign', subject: `dispute ${id}`, before: { owner: dispute.owner }, after: { owner: input.owner } });
    return viewDispute({ ...dispute, owner: input.owner }, now);
  });
}

export async function escalateDispute(input: { store: Store; now: number; workspaceId: string; by: Actor; id: number; note: string }): Promise<DisputeView> {
  const { store, now, workspaceId, by, id } = input;
  const calendar = await calendarOf(store, workspaceId);
  return store.transaction(async (tx) => {
    const dispute = await requireOpenDispute(tx, workspaceId, id);
    if (dispute.escalatedToLegal) throw new AppError('conflict', `dispute ${id} is with Legal already`, { record: `dispute ${id}` });
    const deadlines = disputeDeadlines(calendar.timeZone, calendar.holidays, now, legalAnswerDays);
    await tx.updateDispute(workspaceId, id, { escalatedToLegal: true, ...deadlines });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'dispute.escalate', subject: `dispute ${id}`, before: { dueAt: new Date(dispute.dueAt).toISOString() }, after: { to: 'legal', dueAt: new Date(deadlines.dueAt).toISOString() }, rationale: input.note });
    return viewDispute({ ...dispute, escalatedToLegal: true, ...deadlines }, now);
  });
}

export async function resolveDispute(input: { store: Store; now: number; workspaceId: string; by: Actor; id: number; resolution: string; note?: string | null }): Promise<DisputeView> {
  const { store, now, workspaceId, by, id } = input;
  if (!(disputeResolutions as readonly string[]).includes(input.resolution)) {
    throw new AppError('invalid_input', `resolution: "${input.resolution}" is not one of ${disputeResolutions.join(', ')}`, { record: `dispute ${id}`, field: 'resolution' });
  }
  return store.transaction(async (tx) => {
    const dispute = await requireOpenDispute(tx, workspaceId, id);
    // With Legal, Legal (or a Controller) answers it; otherwise whoever works the queue.
    const needed = dispute.escalatedToLegal ? 'disputes.escalated' : 'queue.work';
    if (by.role !== null && !can(by.role, needed)) {
      throw new AppError('forbidden', `dispute ${id} ${dispute.escalatedToLegal ? 'is with Legal' : 'is worked from the queue'}: ${roleNames[by.role]} may not ${needed}; ask ${rolesThatCan(needed).map((role) => roleNames[role]).join(' or ')}`);
    }
    const resolved = { at: now, resolution: input.resolution, note: input.note ?? null };
    if (!(await tx.updateDispute(workspaceId, id, { resolved }))) throw new AppError('conflict', `dispute ${id} was resolved meanwhile`, { record: `dispute ${id}` });
    await tx.appendEvents(workspaceId, [{ at: now, type: 'dispute_resolved', invoiceId: dispute.invoiceId, payload: {} }]);
    const sla = disputeSlaState(dispute, now);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'dispute.resolve', subject: `dispute ${id}`, before: { sla }, after: { resolution: input.resolution }, rationale: input.note ?? null });
    return viewDispute({ ...dispute, resolvedAt: now, resolution: input.resolution, resolutionNote: resolved.note }, now);
  });
}

export async function listDisputes(input: { store: Store; now: number; workspaceId: string; invoiceId?: string; open?: boolean; limit: number }): Promise<DisputeView[]> {
  const rows = await input.store.listDisputes(input.workspaceId, { limit: input.limit, ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}), ...(input.open !== undefined ? { open: input.open } : {}) });
  return rows.map((row) => viewDispute(row, input.now));
}
