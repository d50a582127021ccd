import { buildInvoiceIndex } from '../../core/cash/build-invoice-index.ts';
import type { IncomingPayment, OpenInvoice } from '../../core/cash/cash-types.ts';
import { defaultAutoApplyThreshold } from '../../core/cash/decide-auto-apply.ts';
import { matchPayments } from '../../core/cash/match-payments.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { balanceEventTypes, groupEventsByInvoice, openBalance } from '../open-balance.ts';
import { streamCustomerBatches } from '../stream-customer-batches.ts';
import type { StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { writeAllocations } from './write-allocations.ts';

// Cash-App Assist on payments Plixo holds unapplied: each matched against every open invoice of
// the workspace (core/cash), oldest received first; at or above the threshold the proposal is
// applied (by `auto`, with its confidence and reasons as the note), below it the payment waits in
// Unapplied Cash. One index per call, so a batch of payments costs one read of the open invoices.

export interface AutoMatchOutcome {
  autoApplied: number;
  forReview: number;
}

export async function autoMatchPayments(input: { store: Store; now: number; workspaceId: string; paymentIds: readonly number[]; threshold?: number }): Promise<AutoMatchOutcome> {
  const { store, now, workspaceId } = input;
  const payments: StoredPayment[] = [];
  for (const id of input.paymentIds) {
    const payment = await store.getPayment(workspaceId, id);
    if (payment && payment.unappliedMinor > 0) payments.push(payment);
  }
  if (payments.length === 0) return { autoApplied: 0, forReview: 0 };
  const index = buildInvoiceIndex(await readOpenInvoices(store, workspaceId, now));
  payments.sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id);
  const matched = matchPayments({ payments: payments.map(toIncoming), index, threshold: input.threshold ?? defaultAutoApplyThreshold });
  let autoApplied = 0;
  for (const [position, { proposal, decision }] of matched.entries()) {
    if (!decision.autoApply || proposal.allocations.length === 0) continue;
    const payment = payments[position]!;
    await writeAllocations({
      tx: store,
      workspaceId,
      payment,
      allocations: proposal.allocations.map(({ invoiceId, amountMinor }) => ({ invoiceId, amountMinor })),
      by: 'auto',
      confidencePercent: Math.round(proposal.confidence * 100),
      note: proposal.reasons.map((reason) => reason.text).join('; '),
      now,
    });
    autoApplied += 1;
  }
  return { autoApplied, forReview: payments.length - autoApplied };
}

function toIncoming(payment: StoredPayment): IncomingPayment {
  return {
    id: String(payment.id),
    amountMinor: payment.unappliedMinor,
    currency: payment.currency,
    receivedAt: payment.receivedAt,
    customerId: payment.customerId,
    payerName: payment.payerName ?? '',
    memo: payment.memo ?? '',
    remittance: [],
  };
}

/** The open invoices with what each still owes, a batch of whole customers at a time (also for remittance proposals). */
export async function readOpenInvoices(store: Store, workspaceId: string, now: number): Promise<OpenInvoice[]> {
  const open: OpenInvoice[] = [];
  for await (const batch of streamCustomerBatches(store, workspaceId)) {
    const ids = [...batch.keys()];
    const [customers, events] = await Promise.all([store.listCustomers(workspaceId, { ids }), store.listEvents(workspaceId, { customerIds: ids })]);
    const names = new Map(customers.map((customer) => [customer.id, customer.name]));
    const byInvoice = groupEventsByInvoice(events, balanceEventTypes);
    for (const invoice of [...batch.values()].flat()) {
      const balanceMinor = openBalance(invoice, byInvoice.get(invoice.id) ?? [], now);
      if (balanceMinor <= 0) continue;
      open.push({ id: invoice.id, number: invoice.number, customerId: invoice.customerId, customerName: names.get(invoice.customerId) ?? '', balanceMinor, currency: invoice.currency, issuedOn: parseCalendarDay(invoice.issuedOn), dueOn: parseCalendarDay(invoice.dueOn)! });
    }
  }
  return open;
}
