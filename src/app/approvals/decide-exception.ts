import { roleNames } from '../../core/access/permissions.ts';
import { formatAmount } from '../../core/money/money.ts';
import type { Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { ApprovalStatus } from '../ports/approval-store.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { applyApprovedException } from './apply-approved-exception.ts';
import { awaitingRoles, getApproval, openStatuses, type ApprovalView } from './list-approvals.ts';
import { describeRoles, notifyMembers } from './notify-members.ts';

// Approvers approve, reject or ask for more information, each with a rationale. A request waits
// for one approval from every role it names; one rejection ends it. Nobody decides their own
// request, and a role decides only what waits for it. The requester answers a question (the
// request waits again) or withdraws it. Open requests past their time expire.

async function loadOpen(tx: Store, workspaceId: string, id: number, now: number): Promise<ApprovalView> {
  const view = await getApproval({ store: tx, now, workspaceId, id });
  if (!openStatuses.includes(view.request.status)) {
    throw new AppError('conflict', `approval ${id} is ${view.request.status.replace('_', ' ')}: it can no longer be decided`, { record: `approval ${id}`, field: 'status' });
  }
  return view;
}

function requireRationale(rationale: string, id: number): string {
  const text = rationale.trim();
  if (text === '') throw new AppError('invalid_input', 'rationale: say why, for the requester and the audit trail', { record: `approval ${id}`, field: 'rationale' });
  return text;
}

export async function decideException(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  id: number;
  decision: 'approve' | 'reject' | 'ask_info';
  rationale: string;
  mailer: UserMailer;
  baseUrl: string;
}): Promise<ApprovalView> {
  const { store, now, workspaceId, by, id, decision } = input;
  const rationale = requireRationale(input.rationale, id);
  const result = await store.transaction(async (tx) => {
    const view = await loadOpen(tx, workspaceId, id, now);
    const { request } = view;
    if (by.id === request.requesterId) throw new AppError('forbidden', `approval ${id}: nobody approves or rejects their own request; it waits for ${describeRoles(view.awaiting)}`);
    if (by.role === null || !view.awaiting.includes(by.role)) {
      const who = by.role === null ? 'without a role' : `as ${roleNames[by.role]}`;
      throw new AppError('forbidden', `approval ${id} waits for ${describeRoles(view.awaiting)}; you act ${who}`);
    }
    const recorded = await tx.recordApprovalDecision(workspaceId, { requestId: id, role: by.role, decision, decidedBy: by.label, deciderId: by.id, rationale, at: now });
    const decisions = [...view.decisions, recorded];
    const stillAwaiting = awaitingRoles(request, decisions);
    const to: ApprovalStatus = decision === 'reject' ? 'rejected' : decision === 'ask_info' ? 'info_requested' : stillAwaiting.length === 0 ? 'approved' : request.status === 'info_requested' ? 'pending' : request.status;
    if (to !== request.status && !(await tx.transitionApprovalRequest(workspaceId, id, { from: [request.status], to, at: now }))) {
      throw new AppError('conflict', `approval ${id} was decided by someone else meanwhile: reload it`, { record: `approval ${id}` });
    }
    const [invoice] = await tx.listInvoices(workspaceId, { ids: [request.invoiceId] });
    await tx.appendAudit({
      workspaceId,
      at: now,
      actor: by.label,
      role: by.role,
      action: `approval.${decision}`,
      subject: `approval ${id} (${request.kind} on invoice ${invoice?.number ?? request.invoiceId})`,
      before: { status: request.status },
      after: { status: to, awaiting: to === 'approved' || to === 'rejected' ? [] : stillAwaiting },
      rationale,
    });
    const updated = { ...request, status: to, decidedAt: to === 'approved' || to === 'rejected' ? now : request.decidedAt };
    if (to === 'approved') await applyApprovedException(tx, updated, invoice?.number ?? request.invoiceId, now);
    return { request: updated, decisions, awaiting: to === 'approved' || to === 'rejected' ? [] : stillAwaiting, invoiceNumber: invoice?.number ?? request.invoiceId };
  });
  const words = { approve: result.request.status === 'approved' ? 'approved' : 'approved in part', reject: 'rejected', ask_info: 'asks for more information on' } as const;
  await notifyMembers({
    store,
    mailer: input.mailer,
    request: result.request,
    roles: 'requester',
    key: `approval:${id}:${decision}:${now}`,
    link: `${input.baseUrl}approvals/${id}`,
    subject: `${by.label} ${words[decision]} your ${result.request.kind.replace('_', ' ')} request on invoice ${result.invoiceNumber}`,
    text: `${by.label} (${roleNames[by.role!]}) ${words[decision]} your request for ${formatAmount(result.request.amountMinor, result.request.currency)} ${result.request.currency} on invoice ${result.invoiceNumber}: "${rationale}".`,
  });
  return { request: result.request, decisions: result.decisions, awaiting: result.awaiting };
}

/** The requester answers a question (the request waits for its approvers again) or withdraws it. */
export async function respondToException(input: { store: Store; now: number; workspaceId: string; by: Actor; id: number; response: 'answer' | 'withdraw'; rationale: string }): Promise<ApprovalView> {
  const { store, now, workspaceId, by, id, response } = input;
  const rationale = requireRationale(input.rationale, id);
  return store.transaction(async (tx) => {
    const view = await loadOpen(tx, workspaceId, id, now);
    const { request } = view;
    if (by.id !== request.requesterId) throw new AppError('forbidden', `approval ${id}: only its requester (${request.requestedBy}) answers or withdraws it`);
    if (response === 'answer' && request.status !== 'info_requested') throw new AppError('conflict', `approval ${id}: nobody asked for more information`, { record: `approval ${id}`, field: 'status' });
    const to: ApprovalStatus = response === 'answer' ? 'pending' : 'withdrawn';
    if (!(await tx.transitionApprovalRequest(workspaceId, id, { from: [request.status], to, at: now }))) {
      throw new AppError('conflict', `approval ${id} was decided meanwhile: reload it`, { record: `approval ${id}` });
    }
    const recorded = response === 'answer' ? [await tx.recordApprovalDecision(workspaceId, { requestId: id, role: by.role ?? 'viewer', decision: 'answer', decidedBy: by.label, deciderId: by.id, rationale, at: now })] : [];
    await tx.appendAudit({ workspaceId, at: now, actor: by.label, role: by.role, action: `approval.${response}`, subject: `approval ${id}`, before: { status: request.status }, after: { status: to }, rationale });
    const updated = { ...request, status: to };
    return { request: updated, decisions: [...view.decisions, ...recorded], awaiting: awaitingRoles(updated, [...view.decisions, ...recorded]) };
  });
}

