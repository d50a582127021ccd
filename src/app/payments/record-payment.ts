import { formatAmount } from '../../core/money/money.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import type { PaymentInput, StoredAllocation, StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { readOpenBalances } from '../open-balance.ts';
import { writeAllocations, type AllocationRequest } from './write-allocations.ts';

// An incoming payment, from whichever source: recorded once per (source, the source's id), so a
// webhook delivered twice, an ERP retrying or a CSV imported again records nothing new. When it
// names its invoice(s) unambiguously it is applied at once (by `auto`, confidence 100); otherwise
// it waits, unapplied, for a person or the matcher.

export interface IncomingPayment extends Omit<PaymentInput, 'recordedBy'> {
  /** The invoices the payment names; `amountMinor` null: as much as the invoice still owes. */
  invoices?: readonly { invoiceId: string; amountMinor: number | null }[];
}

export interface RecordedPayment {
  payment: StoredPayment;
  /** false: the source had reported this payment before; nothing was written. */
  created: boolean;
  allocations: StoredAllocation[];
  /** Why it was not applied at once, when it was not. */
  unappliedReason: string | null;
}

export async function recordIncomingPayment(input: { store: Store; now: number; workspaceId: string; by: ActorInput; payment: IncomingPayment }): Promise<RecordedPayment> {
  const { store, now, workspaceId, by } = input;
  const { invoices = [], ...payment } = input.payment;
  const actor = auditActor(by);
  return store.transaction(async (tx) => {
    const recorded = await tx.recordPayment(workspaceId, { ...payment, detail: { ...payment.detail, ...(invoices.length > 0 ? { invoices: invoices.map((item) => ({ ...item })) } : {}) }, recordedBy: actor.actor });
    if (!recorded.created) return { payment: recorded.payment, created: false, allocations: await tx.listPaymentAllocations(workspaceId, { paymentIds: [recorded.payment.id] }), unappliedReason: null };
    const plan = await planDirectApplication(tx, workspaceId, recorded.payment, invoices, now);
    const allocations = plan.allocations.length > 0 ? await writeAllocations({ tx, workspaceId, payment: recorded.payment, allocations: plan.allocations, by: 'auto', confidencePercent: 100, note: 'named by the payment', now }) : [];
    const stored = allocations.length > 0 ? ((await tx.getPayment(workspaceId, recorded.payment.id)) ?? recorded.payment) : recorded.payment;
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...actor,
      action: 'payment.record',
      subject: `payment ${stored.id} (${stored.source} ${stored.sourceId})`,
      after: { amount: formatAmount(stored.amountMinor, stored.currency), currency: stored.currency, appliedTo: allocations.map((allocation) => allocation.invoiceId), unapplied: formatAmount(stored.unappliedMinor, stored.currency) },
    });
    return { payment: stored, created: true, allocations, unappliedReason: plan.reason };
  });
}

/**
 * What a payment's own references apply unambiguously: every named invoice exists, is the
 * payment's customer's and currency, and the amounts leave no choice (each given, or one invoice
 * taking what it owes, or several whose balances the payment covers in full).
 */
async function planDirectApplication(
  store: Store,
  workspaceId: string,
  payment: StoredPayment,
  named: readonly { invoiceId: string; amountMinor: number | null }[],
  now: number,
): Promise<{ allocations: AllocationRequest[]; reason: string | null }> {
  if (named.length === 0) return { allocations: [], reason: 'it names no invoice' };
  const balances = await readOpenBalances(store, workspaceId, named.map((item) => item.invoiceId), now);
  for (const item of named) {
    const found = balances.get(item.invoiceId);
    if (!found) return { allocations: [], reason: `invoice ${item.invoiceId} does not exist` };
    if (found.invoice.currency !== payment.currency) return { allocations: [], reason: `invoice ${found.invoice.number} is in ${found.invoice.currency}` };
    if (payment.customerId !== null && found.invoice.customerId !== payment.customerId) return { allocations: [], reason: `invoice ${found.invoice.number} is another customer's` };
    if (found.openMinor <= 0) return { allocations: [], reason: `invoice ${found.invoice.number} owes nothing` };
  }
  if (new Set(named.map((item) => item.invoiceId)).size !== named.length) return { allocations: [], reason: 'it names an invoice twice' };
  const open = (invoiceId: string) => balances.get(invoiceId)!.openMinor;
  if (named.every((item) => item.amountMinor !== null)) {
    const total = named.reduce((sum, item) => sum + item.amountMinor!, 0);
    if (total > payment.amountMinor) return { allocations: [], reason: 'its invoices’ amounts add up to more than it' };
    const over = named.find((item) => item.amountMinor! > open(item.invoiceId));
    if (over) return { allocations: [], reason: `it pays invoice ${balances.get(over.invoiceId)!.invoice.number} more than it owes` };
    return { allocations: named.map((item) => ({ invoiceId: item.invoiceId, amountMinor: item.amountMinor! })), reason: null };
  }
  if (named.some((item) => item.amountMinor !== null)) return { allocations: [], reason: 'it gives amounts for some of its invoices only' };
  if (named.length === 1) {
    const only = named[0]!.invoiceId;
    const amountMinor = Math.min(payment.amountMinor, open(only));
    return { allocations: [{ invoiceId: only, amountMinor }], reason: amountMinor < payment.amountMinor ? 'it is more than the invoice owes' : null };
  }
  const owed = named.reduce((sum, item) => sum + open(item.invoiceId), 0);
  if (owed > payment.amountMinor) return { allocations: [], reason: 'it covers its invoices only in part: which one is short is for a person to say' };
  return { allocations: named.map((item) => ({ invoiceId: item.invoiceId, amountMinor: open(item.invoiceId) })), reason: owed < payment.amountMinor ? 'it is more than its invoices owe' : null };
}
