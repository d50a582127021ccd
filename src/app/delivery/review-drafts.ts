import { replaceBodyHtml } from '../../core/messages/replace-body-html.ts';
import { placeMessage } from '../../core/planning/place-message.ts';
import { actorLabel, auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';
import type { WithdrawalCause } from './delivery-causes.ts';
import { recheckMessage } from './recheck-message.ts';

// Shadow Mode: the engine writes drafts; a person approves, edits or discards each one. An
// approved draft joins the outbox queue like any message, at the first instant the customer's
// guardrails allow (quiet hours, sending days, holidays), and is checked once more before it goes.

async function requireDraft(store: Store, workspaceId: string, id: number): Promise<StoredOutboxMessage> {
  const message = await store.getOutboxMessage(workspaceId, id);
  if (!message) throw new AppError('not_found', `draft ${id}: no such message in workspace ${workspaceId}`);
  if (message.status !== 'draft') throw new AppError('conflict', `draft ${id}: it is ${message.status}${message.statusReason ? ` (${message.statusReason})` : ''}, not a draft awaiting review`);
  return message;
}

export async function approveDraft(input: { store: Store; workspaceId: string; id: number; by: ActorInput; now: number }): Promise<StoredOutboxMessage> {
  const { store, workspaceId, id, by, now } = input;
  const draft = await requireDraft(store, workspaceId, id);
  const verdict = await recheckDraft(store, draft, now);
  if (verdict.kind === 'withdraw') {
    await store.transitionOutboxMessage(workspaceId, id, { from: ['draft'], to: 'withdrawn', reason: verdict.reason });
    throw new AppError('conflict', `draft ${id}: withdrawn instead of approved: ${verdict.reason}`);
  }
  const notBefore = await firstAllowedInstant(store, draft, now);
  const moved = await store.transaction(async (tx) => {
    const done = await tx.transitionOutboxMessage(workspaceId, id, { from: ['draft'], to: 'queued', by: actorLabel(by), notBefore, reason: null });
    if (done) await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'draft.approve', subject: `draft ${id}`, detail: { notBefore: new Date(notBefore).toISOString() } });
    return done;
  });
  if (!moved) throw new AppError('conflict', `draft ${id}: someone else reviewed it first`);
  return (await store.getOutboxMessage(workspaceId, id))!;
}

export async function editDraft(input: { store: Store; workspaceId: string; id: number; by: ActorInput; now: number; subject: string; text: string; html?: string }): Promise<StoredOutboxMessage> {
  const { store, workspaceId, id, by, now } = input;
  const draft = await requireDraft(store, workspaceId, id);
  // An edited text replaces the text part and the body of the HTML part, whose branded layout
  // (header, pay button, footer) stays as rendered; an HTML part given as such replaces it whole.
  const html = input.html ?? replaceBodyHtml(draft.content?.html ?? '', input.text);
  const edited = await store.transaction(async (tx) => {
    const done = await tx.editOutboxDraft(workspaceId, id, { subject: input.subject, text: input.text, html, by: actorLabel(by) });
    if (done) await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'draft.edit', subject: `draft ${id}`, detail: { subjectBefore: draft.content?.subject ?? null, subject: input.subject } });
    return done;
  });
  if (!edited) throw new AppError('conflict', `draft ${id}: it is no longer a draft`);
  return (await store.getOutboxMessage(workspaceId, id))!;
}

export async function discardDraft(input: { store: Store; workspaceId: string; id: number; by: ActorInput; now: number; reason?: string }): Promise<void> {
  const { store, workspaceId, id, by, now } = input;
  await requireDraft(store, workspaceId, id);
  const reason = input.reason?.trim() || 'discarded by a reviewer';
  const done = await store.transaction(async (tx) => {
    const moved = await tx.transitionOutboxMessage(workspaceId, id, { from: ['draft'], to: 'discarded', by: actorLabel(by), reason });
    if (moved) await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'draft.discard', subject: `draft ${id}`, detail: { reason } });
    return moved;
  });
  if (!done) throw new AppError('conflict', `draft ${id}: someone else reviewed it first`);
}

/**
 * Withdraws drafts that are no longer right to send (the invoice was paid, disputed, the customer
 * replied, every recipient was suppressed), each with its reason. Run by the worker every tick.
 */
export async function withdrawStaleDrafts(input: { store: Store; workspaceId: string; now: number }): Promise<{ withdrawn: number; byCause: Partial<Record<WithdrawalCause, number>> }> {
  const { store, workspaceId, now } = input;
  let withdrawn = 0;
  const byCause: Partial<Record<WithdrawalCause, number>> = {};
  for (const draft of await store.listOutboxMessages(workspaceId, { statuses: ['draft'], limit: 10_000 })) {
    const verdict = await recheckDraft(store, draft, now);
    if (verdict.kind !== 'withdraw') continue;
    if (await store.transitionOutboxMessage(workspaceId, draft.id, { from: ['draft'], to: 'withdrawn', reason: verdict.reason })) {
      withdrawn += 1;
      byCause[verdict.cause] = (byCause[verdict.cause] ?? 0) + 1;
    }
  }
  return { withdrawn, byCause };
}

async function recheckDraft(store: Store, draft: StoredOutboxMessage, now: number) {
  const suppressed = new Set((await store.listSuppressions(draft.workspaceId, { activeAt: now })).map((entry) => entry.email));
  return recheckMessage({
    message: draft,
    now,
    invoices: await store.listInvoices(draft.workspaceId, { ids: draft.invoiceIds }),
    events: await store.listEvents(draft.workspaceId, { customerId: draft.customerId }),
    suppressed,
  });
}

/** The first instant from `now` that the guardrails of the draft's segment allow for its customer. */
async function firstAllowedInstant(store: Store, draft: StoredOutboxMessage, now: number): Promise<number> {
  const { policy } = await loadLivePolicy(store, draft.workspaceId);
  const recorded = await store.listEngineActions(draft.workspaceId, { invoiceId: draft.invoiceIds[0]! });
  const segmentName = recorded.find((action) => action.actionKey === draft.key)?.payload.segment;
  const segment = policy.segments.find((candidate) => candidate.name === segmentName);
  const guardrails = segment?.guardrails ?? policy.workspace.guardrails;
  const [customer] = await store.listCustomers(draft.workspaceId, { ids: [draft.customerId] });
  const timeZone = customer?.timeZone ?? policy.workspace.timeZone;
  return placeMessage(guardrails, timeZone, now).at;
}
