import { formatAmount, parseAmount } from '../../core/money/money.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { StoredAllocation, StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { writeAllocations } from './write-allocations.ts';

// A person (or the matcher) applies a payment's unapplied money to invoices: split across any
// number of them, never above what the payment has unapplied nor above what an invoice still
// owes, with a note. Each allocation is a `payment` event on its invoice; audited.

export interface AllocatePaymentInput {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  paymentId: number;
  /** Amounts as decimal strings in the payment's currency ("120.50"). */
  allocations: readonly { invoiceId: string; amount: string }[];
  note: string | null;
  /** For the matcher: `auto` with its confidence (0-100) instead of the actor's label. */
  automatic?: { confidencePercent: number };
}

export async function allocatePayment(input: AllocatePaymentInput): Promise<{ payment: StoredPayment; allocations: StoredAllocation[] }> {
  const { store, now, workspaceId, paymentId } = input;
  const record = `payment ${paymentId}`;
  return store.transaction(async (tx) => {
    const payment = await tx.getPayment(workspaceId, paymentId);
    if (!payment) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
    const requests = input.allocations.map((allocation, index) => {
      const parsed = parseAmount(allocation.amount, payment.currency);
      if (!parsed.ok) throw new AppError('invalid_input', `allocations[${index}].amount: ${parsed.problem}`, { record, field: `allocations[${index}].amount` });
      return { invoiceId: allocation.invoiceId, amountMinor: parsed.minor };
    });
    const actor = auditActor(input.by);
    const allocations = await writeAllocations({
      tx,
      workspaceId,
      payment,
      allocations: requests,
      by: input.automatic ? 'auto' : actor.actor,
      confidencePercent: input.automatic?.confidencePercent ?? null,
      note: input.note,
      now,
    });
    const after = (await tx.getPayment(workspaceId, paymentId))!;
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...actor,
      action: 'payment.allocate',
      subject: `payment ${payment.id} (${payment.source} ${payment.sourceId})`,
      after: { allocations: allocations.map((allocation) => ({ invoice: allocation.invoiceId, amount: formatAmount(allocation.amountMinor, payment.currency) })), currency: payment.currency, unapplied: formatAmount(after.unappliedMinor, payment.currency) },
      rationale: input.note,
    });
    return { payment: after, allocations };
  });
}
