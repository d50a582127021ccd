import type Stripe from 'stripe';
import type { ProcessorEvent } from '../../../app/ports/payment-processor.ts';

// A verified Stripe event in the port's words. Only what moves money on an invoice is read:
// a paid checkout or a succeeded PaymentIntent (the same payment, reported twice: both carry the
// PaymentIntent id, so the ledger records it once), a refund (partial ones too: Stripe reports
// the charge's refunded total so far), a dispute opened (the bank took the money back) and
// closed (won: the money came back; lost). Everything else is acknowledged and ignored.

const seconds = (value: number) => value * 1000;

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (typeof value === 'string') return value;
  return value?.id ?? null;
}

function text(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

interface PaymentFacts {
  eventId: string;
  at: number;
  paymentRef: string;
  amountMinor: number;
  currency: string;
  payerName: string | null;
  payerEmail: string | null;
  memo: string | null;
  metadata: Stripe.Metadata | null;
  checkoutId: string | null;
}

function paymentSucceeded(facts: PaymentFacts): ProcessorEvent {
  const metadata = facts.metadata ?? {};
  const invoiceId = text(metadata.invoiceId);
  return {
    kind: 'payment_succeeded',
    eventId: facts.eventId,
    at: facts.at,
    paymentRef: facts.paymentRef,
    amountMinor: facts.amountMinor,
    currency: facts.currency.toUpperCase(),
    payerName: facts.payerName,
    payerEmail: facts.payerEmail,
    memo: facts.memo,
    customerId: text(metadata.customerId),
    workspaceId: text(metadata.workspaceId),
    invoices: invoiceId ? [{ invoiceId, amountMinor: null }] : [],
    linkId: text(metadata.linkId),
    checkoutId: facts.checkoutId,
  };
}

export function translateStripeEvent(event: Stripe.Event): ProcessorEvent {
  const base = { eventId: event.id, at: seconds(event.created) };
  const ignored = (reason: string): ProcessorEvent => ({ kind: 'ignored', ...base, reason });
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      // An asynchronous method (a bank debit) completes the session unpaid; its success comes later.
      if (session.mode !== 'payment' || session.payment_status !== 'paid') return ignored(`checkout ${session.id} is not paid (${session.payment_status})`);
      const paymentRef = idOf(session.payment_intent);
      if (!paymentRef || session.amount_total === null || session.currency === null) return ignored(`checkout ${session.id} has no PaymentIntent or amount`);
      return paymentSucceeded({
        ...base,
        paymentRef,
        amountMinor: session.amount_total,
        currency: session.currency,
        payerName: text(session.customer_details?.name),
        payerEmail: text(session.customer_details?.email),
        memo: text(session.client_reference_id),
        metadata: session.metadata,
        checkoutId: session.id,
      });
    }
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return paymentSucceeded({
        ...base,
        paymentRef: intent.id,
        amountMinor: intent.amount_received,
        currency: intent.currency,
        payerName: null,
        payerEmail: text(intent.receipt_email),
        memo: text(intent.description),
        metadata: intent.metadata,
        checkoutId: null,
      });
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      return { kind: 'refund_total', ...base, paymentRef: idOf(charge.payment_intent) ?? charge.id, refundedTotalMinor: charge.amount_refunded, currency: charge.currency.toUpperCase() };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      // An inquiry (warning_…) or a prevented dispute moves no money.
      if (dispute.status.startsWith('warning_') || dispute.status === 'prevented') return ignored(`dispute ${dispute.id} is an inquiry (${dispute.status}): no money moved`);
      const facts = { ...base, paymentRef: idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id, disputeRef: dispute.id, amountMinor: dispute.amount, currency: dispute.currency.toUpperCase(), openedAt: seconds(dispute.created) };
      if (event.type === 'charge.dispute.created') return { kind: 'dispute_opened', ...facts };
      if (dispute.status !== 'won' && dispute.status !== 'lost') return ignored(`dispute ${dispute.id} closed as ${dispute.status}`);
      return { kind: 'dispute_closed', ...facts, outcome: dispute.status === 'won' ? 'won' : 'lost' };
    }
    default:
      return ignored(`Plixo does not act on ${event.type}`);
  }
}
