import { formatAmount } from '../../core/money/money.ts';
import { AppError } from '../app-error.ts';
import { readOpenBalances } from '../open-balance.ts';
import type { StoredAllocation, StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';

// The one way money of the ledger reaches an invoice: allocation rows and, in the same
// transaction, a `payment` event per allocation, which is what the engine sees. Never more than
// the payment has unapplied, never more than an invoice still owes, in the payment's currency.

export interface AllocationRequest {
  invoiceId: string;
  amountMinor: number;
}

export interface WriteAllocationsInput {
  /** Inside a transaction. */
  tx: Store;
  workspaceId: string;
  payment: StoredPayment;
  allocations: readonly AllocationRequest[];
  /** A user's label, or `auto` for a machine's match. */
  by: string;
  confidencePercent: number | null;
  note: string | null;
  now: number;
  /** A chargeback won: the money comes back to where it had been. */
  reinstated?: boolean;
}

export async function writeAllocations(input: WriteAllocationsInput): Promise<StoredAllocation[]> {
  const { tx, workspaceId, payment, allocations, now } = input;
  const record = `payment ${payment.id}`;
  if (allocations.length === 0) throw new AppError('invalid_input', 'allocations: list at least one invoice and amount', { record, field: 'allocations' });
  const balances = await readOpenBalances(tx, workspaceId, allocations.map((allocation) => allocation.invoiceId), now);
  const wanted = new Map<string, number>();
  for (const [index, allocation] of allocations.entries()) {
    const field = `allocations[${index}]`;
    const found = balances.get(allocation.invoiceId);
    if (!found) throw new AppError('invalid_input', `${field}.invoiceId: invoice ${allocation.invoiceId} does not exist in this organisation`, { record, field: `${field}.invoiceId` });
    if (found.invoice.currency !== payment.currency) {
      throw new AppError('invalid_input', `${field}.invoiceId: invoice ${found.invoice.number} is in ${found.invoice.currency}, the payment in ${payment.currency}`, { record, field: `${field}.invoiceId` });
    }
    if (!Number.isSafeInteger(allocation.amountMinor) || allocation.amountMinor <= 0) throw new AppError('invalid_input', `${field}.amount: must be more than zero`, { record, field: `${field}.amount` });
    const total = (wanted.get(allocation.invoiceId) ?? 0) + allocation.amountMinor;
    if (total > found.openMinor) {
      throw new AppError('invalid_input', `${field}.amount: more than invoice ${found.invoice.number} still owes (${formatAmount(Math.max(0, found.openMinor), payment.currency)} ${payment.currency})`, {
        record,
        field: `${field}.amount`,
      });
    }
    wanted.set(allocation.invoiceId, total);
  }
  const sum = allocations.reduce((total, allocation) => total + allocation.amountMinor, 0);
  if (sum > payment.unappliedMinor) {
    throw new AppError('invalid_input', `allocations: ${formatAmount(sum, payment.currency)} is more than the payment has unapplied (${formatAmount(payment.unappliedMinor, payment.currency)} ${payment.currency})`, { record, field: 'allocations' });
  }
  const written = await tx.addPaymentAllocations(workspaceId, { paymentId: payment.id, allocations, by: input.by, confidencePercent: input.confidencePercent, note: input.note, at: now });
  await tx.appendEvents(
    workspaceId,
    written.map((allocation) => ({
      at: now,
      type: 'payment' as const,
      invoiceId: allocation.invoiceId,
      payload: { amount: formatAmount(allocation.amountMinor, payment.currency), payment: payment.id, allocation: allocation.id, source: payment.source, ...(input.reinstated ? { reinstated: true } : {}) },
    })),
  );
  return written;
}
