import { formatAmount } from '../../core/money/money.ts';
import type { ProcessorEvent } from '../ports/payment-processor.ts';
import type { StoredPayment, StoredPaymentReversal, WebhookProcessor } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { readOpenBalances } from '../open-balance.ts';
import { writeAllocations } from './write-allocations.ts';
import { recordIncomingPayment } from './record-payment.ts';
import { reversePayment } from './reverse-payment.ts';
import { completePayerCheckout } from '../portal/complete-payer-checkout.ts';

// What one verified processor event does to the ledger, inside the delivery's transaction.
// Events about a payment Plixo has not heard of yet (a refund before its payment) wait for it.
// Engine events are recorded at the instant Plixo learns of them, never earlier: an event in the
// past would rewrite what the engine already decided.

export interface DeliveryOutcome {
  status: 'applied' | 'ignored' | 'waiting';
  /** The payment a waiting event needs. */
  waitingFor: string | null;
  outcome: string;
  /** A payment this event recorded: the events waiting for it can go now. */
  recordedPaymentRef: string | null;
}

const applied = (outcome: string, recordedPaymentRef: string | null = null): DeliveryOutcome => ({ status: 'applied', waitingFor: null, outcome, recordedPaymentRef });
const ignored = (outcome: string): DeliveryOutcome => ({ status: 'ignored', waitingFor: null, outcome, recordedPaymentRef: null });

export async function applyProcessorEvent(input: { tx: Store; now: number; workspaceId: string; processor: WebhookProcessor; event: ProcessorEvent }): Promise<DeliveryOutcome> {
  const { tx, now, workspaceId, processor, event } = input;
  if (event.kind === 'ignored') return ignored(event.reason);
  if (event.kind === 'payment_succeeded') {
    // A checkout made for another workspace (a misrouted webhook) is recorded, but its invoice ids mean nothing here.
    const foreign = event.workspaceId !== null && event.workspaceId !== workspaceId;
    const customerKnown = event.customerId !== null && (await tx.listCustomers(workspaceId, { ids: [event.customerId] })).length > 0;
    const recorded = await recordIncomingPayment({
      store: tx,
      now,
      workspaceId,
      by: processor,
      payment: {
        source: processor,
        sourceId: event.paymentRef,
        amountMinor: event.amountMinor,
        currency: event.currency,
        receivedAt: Math.min(event.at, now),
        customerId: customerKnown ? event.customerId : null,
        payerName: event.payerName,
        memo: event.memo,
        detail: { eventId: event.eventId, payerEmail: event.payerEmail, linkId: event.linkId, checkoutId: event.checkoutId, ...(foreign ? { foreignWorkspace: event.workspaceId } : {}) },
        invoices: foreign ? [] : event.invoices,
      },
    });
    if (!recorded.created) return ignored(`payment ${recorded.payment.id} (${event.paymentRef}) was already recorded`);
    // A payment made through a payer link spends the link: it is single-use for payment.
    if (!foreign && event.linkId && event.checkoutId) await completePayerCheckout({ store: tx, now, workspaceId, linkId: event.linkId, checkoutId: event.checkoutId, processor });
    const where = recorded.allocations.length > 0 ? `applied to ${recorded.allocations.map((allocation) => allocation.invoiceId).join(', ')}` : `left unapplied: ${recorded.unappliedReason ?? 'nothing to apply it to'}`;
    return applied(`payment ${recorded.payment.id} recorded, ${where}`, event.paymentRef);
  }
  const payment = await tx.findPayment(workspaceId, processor, event.paymentRef);
  if (!payment) return { status: 'waiting', waitingFor: event.paymentRef, outcome: `waits for payment ${event.paymentRef}, not received yet`, recordedPaymentRef: null };
  if (payment.currency !== event.currency) return ignored(`in ${event.currency}, but payment ${payment.id} is in ${payment.currency}`);
  const reversals = await tx.listPaymentReversals(workspaceId, { paymentIds: [payment.id] });
  switch (event.kind) {
    case 'refund_total': {
      // Stripe reports the refunded total so far: the difference to what was recorded is new,
      // whatever order the partial refunds' events arrive in.
      const recordedTotal = reversals.filter((reversal) => reversal.reference.startsWith('refund-total:')).reduce((sum, reversal) => sum + reversal.amountMinor, 0);
      const amountMinor = Math.min(event.refundedTotalMinor - recordedTotal, payment.amountMinor - payment.reversedMinor);
      if (amountMinor <= 0) return ignored(`refunds of payment ${payment.id} up to ${formatAmount(event.refundedTotalMinor, payment.currency)} were already applied`);
      await reversePayment({ store: tx, now, workspaceId, by: processor, paymentId: payment.id, amountMinor, reason: 'refund', reference: `refund-total:${event.refundedTotalMinor}`, note: null });
      return applied(`refund of ${formatAmount(amountMinor, payment.currency)} ${payment.currency} on payment ${payment.id}`);
    }
    case 'reversal': {
      const left = payment.amountMinor - payment.reversedMinor;
      if (reversals.some((reversal) => reversal.reference === event.reversalRef)) return ignored(`reversal ${event.reversalRef} was already applied`);
      if (event.amountMinor > left) return ignored(`reversal ${event.reversalRef} is more than is left of payment ${payment.id} (${formatAmount(left, payment.currency)})`);
      await reversePayment({ store: tx, now, workspaceId, by: processor, paymentId: payment.id, amountMinor: event.amountMinor, reason: event.reason, reference: event.reversalRef, note: null });
      return applied(`${event.reason} of ${formatAmount(event.amountMinor, payment.currency)} ${payment.currency} on payment ${payment.id}`);
    }
    case 'dispute_opened': {
      const opened = await openChargeback(tx, { now, workspaceId, by: processor, payment, reversals, disputeRef: event.disputeRef, amountMinor: event.amountMinor });
      return opened ? applied(`chargeback ${event.disputeRef} of ${formatAmount(opened.amountMinor, payment.currency)} on payment ${payment.id}: out of dunning until it closes`) : ignored(`chargeback ${event.disputeRef} was already applied`);
    }
    case 'dispute_closed': {
      // A closing that arrives before its opening: the opening is implied.
      const chargeback = (await openChargeback(tx, { now, workspaceId, by: processor, payment, reversals, disputeRef: event.disputeRef, amountMinor: event.amountMinor })) ?? reversals.find((reversal) => reversal.reference === chargebackReference(event.disputeRef)) ?? null;
      if (!chargeback) return ignored(`chargeback ${event.disputeRef} moved no money of payment ${payment.id}`);
      return closeChargeback(tx, { now, workspaceId, payment, chargeback, outcome: event.outcome, disputeRef: event.disputeRef });
    }
  }
}

const chargebackReference = (disputeRef: string) => `dispute:${disputeRef}`;

/** The bank took the money back: a reversal, and the invoices it came from are disputed (out of dunning) until it closes. */
async function openChargeback(
  tx: Store,
  input: { now: number; workspaceId: string; by: string; payment: StoredPayment; reversals: readonly StoredPaymentReversal[]; disputeRef: string; amountMinor: number },
): Promise<StoredPaymentReversal | null> {
  const reference = chargebackReference(input.disputeRef);
  if (input.reversals.some((reversal) => reversal.reference === reference)) return null;
  const amountMinor = Math.min(input.amountMinor, input.payment.amountMinor - input.payment.reversedMinor);
  if (amountMinor <= 0) return null;
  const { reversal } = await reversePayment({ store: tx, now: input.now, workspaceId: input.workspaceId, by: input.by, paymentId: input.payment.id, amountMinor, reason: 'chargeback', reference, note: null });
  const invoices = [...new Set(reversal.parts.map((part) => part.invoiceId))];
  if (invoices.length > 0) await tx.appendEvents(input.workspaceId, invoices.map((invoiceId) => ({ at: input.now, type: 'dispute' as const, invoiceId, payload: { source: 'chargeback', dispute: input.disputeRef } })));
  return reversal;
}

/** Won: the money comes back to the invoices it came from (as far as they still owe), the rest unapplied. Lost: the invoices owe it again and go back to dunning. */
async function closeChargeback(
  tx: Store,
  input: { now: number; workspaceId: string; payment: StoredPayment; chargeback: StoredPaymentReversal; outcome: 'won' | 'lost'; disputeRef: string },
): Promise<DeliveryOutcome> {
  const { now, workspaceId, payment, chargeback } = input;
  const invoices = [...new Set(chargeback.parts.map((part) => part.invoiceId))];
  const resolve = async () => {
    if (invoices.length > 0) await tx.appendEvents(workspaceId, invoices.map((invoiceId) => ({ at: now, type: 'dispute_resolved' as const, invoiceId, payload: { source: 'chargeback', dispute: input.disputeRef, outcome: input.outcome } })));
  };
  if (input.outcome === 'lost') {
    await resolve();
    return applied(`chargeback ${input.disputeRef} lost: ${formatAmount(chargeback.amountMinor, payment.currency)} ${payment.currency} owed again${invoices.length > 0 ? ` on ${invoices.join(', ')}` : ''}`);
  }
  if (!(await tx.reinstatePaymentReversal(workspaceId, chargeback.id, now))) return ignored(`chargeback ${input.disputeRef} was already won`);
  const reinstated = (await tx.getPayment(workspaceId, payment.id))!;
  const balances = await readOpenBalances(tx, workspaceId, invoices, now);
  const back: { invoiceId: string; amountMinor: number }[] = [];
  for (const part of chargeback.parts) {
    const owed = balances.get(part.invoiceId)?.openMinor ?? 0;
    const already = back.filter((item) => item.invoiceId === part.invoiceId).reduce((sum, item) => sum + item.amountMinor, 0);
    const amountMinor = Math.min(part.amountMinor, owed - already);
    if (amountMinor > 0) back.push({ invoiceId: part.invoiceId, amountMinor });
  }
  if (back.length > 0) await writeAllocations({ tx, workspaceId, payment: reinstated, allocations: back, by: 'auto', confidencePercent: 100, note: `chargeback ${input.disputeRef} won: funds back`, now, reinstated: true });
  await resolve();
  return applied(`chargeback ${input.disputeRef} won: ${formatAmount(chargeback.amountMinor, payment.currency)} ${payment.currency} back${back.length > 0 ? ` on ${back.map((item) => item.invoiceId).join(', ')}` : ', unapplied'}`);
}
