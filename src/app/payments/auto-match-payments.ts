import { defaultAutoApplyThreshold } from '../../core/cash/decide-auto-apply.ts';
import { matchPayments } from '../../core/cash/match-payments.ts';
import type { StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { readInvoiceIndex, type InvoiceReads } from './read-invoice-index.ts';
import { toIncomingPayment } from './read-open-invoices.ts';
import { writeAllocations } from './write-allocations.ts';

// Cash-App Assist on payments Plixo holds unapplied: each matched against the open invoices of
// the workspace (core/cash), oldest received first; at or above the threshold the proposal is
// applied (by `auto`, with its confidence and reasons as the note), below it the payment waits in
// Unapplied Cash. One index per call: for a batch of up to `candidateBatchLimit` payments (a
// webhook, a day's bank lines) only the invoices they could be matched to are read; a larger
// batch (a month of statements) reads every open invoice once. Either way the proposals, and so
// what is applied, are the same (read-cash-candidates.test.ts).

/** Up to this many payments, a batch reads its candidates rather than every open invoice. */
export const candidateBatchLimit = 500;

export interface AutoMatchOutcome {
  autoApplied: number;
  forReview: number;
}

export async function autoMatchPayments(input: {
  store: Store;
  now: number;
  workspaceId: string;
  paymentIds: readonly number[];
  threshold?: number;
  /** Chosen by the batch's size when absent. */
  reads?: InvoiceReads;
}): Promise<AutoMatchOutcome> {
  const { store, now, workspaceId } = input;
  const payments: StoredPayment[] = [];
  for (const id of input.paymentIds) {
    const payment = await store.getPayment(workspaceId, id);
    if (payment && payment.unappliedMinor > 0) payments.push(payment);
  }
  if (payments.length === 0) return { autoApplied: 0, forReview: 0 };
  payments.sort((a, b) => a.receivedAt - b.receivedAt || a.id - b.id);
  const incoming = payments.map(toIncomingPayment);
  const reads = input.reads ?? (incoming.length <= candidateBatchLimit ? 'candidates' : 'everything');
  const index = await readInvoiceIndex({ store, workspaceId, now, payments: incoming, reads, batch: true });
  const matched = matchPayments({ payments: incoming, index, threshold: input.threshold ?? defaultAutoApplyThreshold });
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
