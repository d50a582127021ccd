import { formatAmount } from '../../core/money/money.ts';
import type { StoredApprovalRequest } from '../ports/approval-store.ts';
import type { Store } from '../ports/store.ts';

// What an approved exception changes for the engine, in the same transaction as the approval:
// a discount or credit is a `credit` event (the balance the engine sees drops; it is not the
// customer responding), a payment plan a promise of its total by its last installment (the
// cadence pauses until then and resumes, with a task, if the plan is not kept).

export async function applyApprovedException(tx: Store, request: StoredApprovalRequest, invoiceNumber: string, now: number): Promise<void> {
  const amount = formatAmount(request.amountMinor, request.currency);
  if (request.kind === 'payment_plan') {
    const installments = (request.detail.installments ?? []) as { on: string }[];
    const last = installments.at(-1)?.on;
    await tx.appendEvents(request.workspaceId, [{ at: now, type: 'promise', invoiceId: request.invoiceId, payload: { amount, on: last ?? '' } }]);
  } else {
    await tx.appendEvents(request.workspaceId, [{ at: now, type: 'credit', invoiceId: request.invoiceId, payload: { amount, approval: request.id, kind: request.kind } }]);
  }
  await tx.appendAudit({
    workspaceId: request.workspaceId,
    at: now,
    actor: 'system',
    action: 'approval.applied',
    subject: `approval ${request.id} (${request.kind} on invoice ${invoiceNumber})`,
    detail: { amount, currency: request.currency, effect: request.kind === 'payment_plan' ? 'promise' : 'credit' },
  });
}
