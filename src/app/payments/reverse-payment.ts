import { formatAmount } from '../../core/money/money.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { PaymentReversalReason, ReversalPart, StoredPaymentReversal } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';

// Money of a payment went back: a refund, or a chargeback. It comes out of what was still
// unapplied first (no invoice loses a payment it did not get), then out of the allocations,
// newest first; each invoice gets a `payment_reversed` event for its part, in the same
// transaction, so the engine raises its balance and an invoice that was paid resumes its
// cadence. Idempotent by the reversal's reference.

export interface ReversePaymentInput {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  paymentId: number;
  amountMinor: number;
  reason: PaymentReversalReason;
  /** Unique per payment: a retry with the same reference changes nothing. */
  reference: string;
  note: string | null;
}

export interface ReversedPayment {
  reversal: StoredPaymentReversal;
  created: boolean;
}

export async function reversePayment(input: ReversePaymentInput): Promise<ReversedPayment> {
  const { store, now, workspaceId, paymentId } = input;
  const record = `payment ${paymentId}`;
  return store.transaction(async (tx) => {
    const payment = await tx.getPayment(workspaceId, paymentId);
    if (!payment) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
    const known = (await tx.listPaymentReversals(workspaceId, { paymentIds: [paymentId] })).find((reversal) => reversal.reference === input.reference);
    if (known) return { reversal: known, created: false };
    const left = payment.amountMinor - payment.reversedMinor;
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new AppError('invalid_input', 'amount: must be more than zero', { record, field: 'amount' });
    if (input.amountMinor > left) {
      throw new AppError('invalid_input', `amount: ${formatAmount(input.amountMinor, payment.currency)} is more than is left of the payment to reverse (${formatAmount(left, payment.currency)} ${payment.currency})`, { record, field: 'amount' });
    }
    const fromUnappliedMinor = Math.min(payment.unappliedMinor, input.amountMinor);
    let rest = input.amountMinor - fromUnappliedMinor;
    const parts: ReversalPart[] = [];
    const allocations = await tx.listPaymentAllocations(workspaceId, { paymentIds: [paymentId] });
    for (const allocation of [...allocations].reverse()) {
      if (rest === 0) break;
      const take = Math.min(rest, allocation.amountMinor - allocation.reversedMinor);
      if (take <= 0) continue;
      parts.push({ allocationId: allocation.id, invoiceId: allocation.invoiceId, amountMinor: take });
      rest -= take;
    }
    const { reversal, created } = await tx.recordPaymentReversal(workspaceId, {
      paymentId,
      reference: input.reference,
      reason: input.reason,
      amountMinor: input.amountMinor,
      fromUnappliedMinor,
      parts,
      at: now,
      recordedBy: auditActor(input.by).actor,
      note: input.note,
    });
    // Another request recorded the same reference in between: its events and audit entry stand.
    if (!created) return { reversal, created: false };
    await recordReversalEvents(tx, { workspaceId, now, payment: { id: payment.id, currency: payment.currency }, reason: input.reason, reference: input.reference, parts });
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...auditActor(input.by),
      action: 'payment.reverse',
      subject: `payment ${payment.id} (${payment.source} ${payment.sourceId})`,
      after: { reason: input.reason, reference: input.reference, amount: formatAmount(input.amountMinor, payment.currency), currency: payment.currency, fromUnapplied: formatAmount(fromUnappliedMinor, payment.currency), invoices: parts.map((part) => part.invoiceId) },
      rationale: input.note,
    });
    return { reversal, created: true };
  });
}

/** One `payment_reversed` event per part; an invoice the ERP had closed is open again, since it is owed again. */
async function recordReversalEvents(
  tx: Store,
  input: { workspaceId: string; now: number; payment: { id: number; currency: string }; reason: PaymentReversalReason; reference: string; parts: readonly ReversalPart[] },
): Promise<void> {
  if (input.parts.length === 0) return;
  await tx.appendEvents(
    input.workspaceId,
    input.parts.map((part) => ({
      at: input.now,
      type: 'payment_reversed' as const,
      invoiceId: part.invoiceId,
      payload: { amount: formatAmount(part.amountMinor, input.payment.currency), reason: input.reason, payment: input.payment.id, allocation: part.allocationId, reference: input.reference },
    })),
  );
  const closed = (await tx.listInvoices(input.workspaceId, { ids: [...new Set(input.parts.map((part) => part.invoiceId))] })).filter((invoice) => invoice.status === 'closed');
  if (closed.length > 0) await tx.upsertInvoices(input.workspaceId, closed.map(({ workspaceId: _workspace, updatedAt: _updated, ...invoice }) => ({ ...invoice, status: 'open' as const })));
}
