import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStripeProcessor } from '../../adapters/payments/stripe/create-stripe-processor.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { openBalance } from '../open-balance.ts';
import type { Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { issuePayerLink } from '../portal/issue-payer-link.ts';
import { receivePaymentWebhook } from './receive-payment-webhook.ts';
import { charge, checkoutSession, dispute, paymentIntent, piId, seconds, stripeEvent } from '../../adapters/payments/stripe/testing/stripe-events.ts';

// Stripe webhooks end to end below HTTP: bodies signed with the stripe package's own test helper
// (generateTestHeaderString), read by the real adapter (constructEvent), applied to a real SQLite
// ledger. Duplicated, reordered and doubly reported deliveries are each applied exactly once.

const secret = 'whsec_plixotestsecret0123456789abcdef';
const t0 = Date.UTC(2026, 11, 2, 12);
let database: DatabaseHandle;
let store: Store;
let clock = t0;

beforeEach(async () => {
  clock = t0;
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => clock });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', currency: 'EUR' }));
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', amountMinor: 1200_00, balanceMinor: 1200_00 })]);
});
afterEach(async () => {
  await database.close();
});

async function deliver(body: string, at = clock) {
  clock = at;
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: seconds(at) });
  const reading = createStripeProcessor({ secretKey: null, webhookSecret: secret }).readWebhook({ payload: body, signature, receivedAt: at });
  if (!reading.ok) throw new Error(reading.problem);
  return receivePaymentWebhook({ store, now: at, workspaceId: 'acme', processor: 'stripe', reading });
}

async function ledger() {
  const events = await store.listEvents('acme');
  const [invoice] = await store.listInvoices('acme', { ids: ['INV-1'] });
  const payments = await store.listPayments('acme', { limit: 10 });
  return {
    payments: payments.map((payment) => [payment.sourceId, payment.status, payment.unappliedMinor, payment.reversedMinor]),
    events: events.map((event) => `${event.type} ${event.payload.amount ?? event.payload.outcome ?? ''}`.trim()),
    open: openBalance(invoice!, events, clock),
  };
}

describe('Stripe webhooks, exactly once in any order', () => {
  it('applies a payment once, delivered three times and reported by two event types', async () => {
    const completed = stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0);
    expect(await deliver(completed)).toMatchObject({ duplicate: false, status: 'applied' });
    expect(await deliver(completed, t0 + 60_000)).toMatchObject({ duplicate: true, status: 'applied' });
    expect(await deliver(completed, t0 + 120_000)).toMatchObject({ duplicate: true });
    const succeeded = stripeEvent('evt_2', 'payment_intent.succeeded', paymentIntent(), t0 + 1000);
    expect(await deliver(succeeded, t0 + 130_000)).toMatchObject({ duplicate: false, status: 'ignored', outcome: expect.stringContaining('already recorded') });
    expect(await deliver(succeeded, t0 + 140_000)).toMatchObject({ duplicate: true });
    expect(await ledger()).toEqual({ payments: [[piId, 'applied', 0, 0]], events: ['payment 1200.00'], open: 0 });
    const [payment] = await store.listPayments('acme', { limit: 1 });
    expect(payment).toMatchObject({ source: 'stripe', payerName: 'Acme GmbH', customerId: 'c1', detail: { linkId: 'link-1', checkoutId: 'cs_test_1' } });
  });

  it('spends the payer link the checkout came from, once, however often the payment is reported', async () => {
    const link = await issuePayerLink({ store, now: t0, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' });
    const session = { ...checkoutSession(), metadata: { workspaceId: 'acme', invoiceId: 'INV-1', customerId: 'c1', linkId: link.id } };
    await deliver(stripeEvent('evt_link_1', 'checkout.session.completed', session, t0));
    expect(await store.getPayerLink(link.id)).toMatchObject({ spentAt: t0 });
    await deliver(stripeEvent('evt_link_2', 'payment_intent.succeeded', { ...paymentIntent(), metadata: session.metadata }, t0 + 60_000));
    expect(await store.getPayerLink(link.id)).toMatchObject({ spentAt: t0 });
    expect((await store.listAudit({ workspaceId: 'acme', action: 'portal.checkout_complete' })).length).toBe(1);
  });

  it('keeps a refund that arrives before its payment and applies it when the payment comes; partial refunds in any order', async () => {
    // Two partial refunds (300.00, then 200.00 more: totals 300.00 and 500.00) delivered newest first, before the payment.
    expect(await deliver(stripeEvent('evt_r2', 'charge.refunded', charge(500_00), t0 + 2000))).toMatchObject({ status: 'waiting' });
    expect(await ledger()).toMatchObject({ payments: [], events: [] });
    await deliver(stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0), t0 + 10_000);
    expect(await deliver(stripeEvent('evt_r1', 'charge.refunded', charge(300_00), t0 + 1000), t0 + 20_000)).toMatchObject({ status: 'ignored' });
    await deliver(stripeEvent('evt_r2', 'charge.refunded', charge(500_00), t0 + 2000), t0 + 30_000);
    expect(await ledger()).toEqual({ payments: [[piId, 'applied', 0, 500_00]], events: ['payment 1200.00', 'payment_reversed 500.00'], open: 500_00 });
    // One more partial refund to 700.00 in all: 200.00 more.
    await deliver(stripeEvent('evt_r3', 'charge.refunded', charge(700_00), t0 + 3000), t0 + 40_000);
    expect((await ledger()).open).toBe(700_00);
  });

  it('a chargeback takes the money back and the invoice out of dunning; lost, the invoice is owed again', async () => {
    await deliver(stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0));
    await deliver(stripeEvent('evt_d1', 'charge.dispute.created', dispute('needs_response', t0), t0 + 1000), t0 + 1000);
    expect(await ledger()).toEqual({ payments: [[piId, 'reversed', 0, 1200_00]], events: ['payment 1200.00', 'payment_reversed 1200.00', 'dispute'], open: 1200_00 });
    await deliver(stripeEvent('evt_d2', 'charge.dispute.closed', dispute('lost', t0), t0 + 2000), t0 + 2000);
    expect((await ledger()).events).toEqual(['payment 1200.00', 'payment_reversed 1200.00', 'dispute', 'dispute_resolved lost']);
  });

  it('a chargeback won brings the money back to the invoice', async () => {
    await deliver(stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0));
    await deliver(stripeEvent('evt_d1', 'charge.dispute.created', dispute('needs_response', t0), t0 + 1000), t0 + 1000);
    await deliver(stripeEvent('evt_d2', 'charge.dispute.closed', dispute('won', t0), t0 + 2000), t0 + 2000);
    expect(await ledger()).toEqual({ payments: [[piId, 'applied', 0, 0]], events: ['payment 1200.00', 'payment_reversed 1200.00', 'dispute', 'payment 1200.00', 'dispute_resolved won'], open: 0 });
  });

  it('a dispute closing that arrives before its opening, both before the payment: each applied once, in event order', async () => {
    await deliver(stripeEvent('evt_d2', 'charge.dispute.closed', dispute('lost', t0), t0 + 2000), t0 + 2000);
    await deliver(stripeEvent('evt_d1', 'charge.dispute.created', dispute('needs_response', t0), t0 + 1000), t0 + 3000);
    await deliver(stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0), t0 + 4000);
    expect(await ledger()).toEqual({ payments: [[piId, 'reversed', 0, 1200_00]], events: ['payment 1200.00', 'payment_reversed 1200.00', 'dispute', 'dispute_resolved lost'], open: 1200_00 });
  });

  it('acknowledges what moves no money: an unpaid checkout, an inquiry, another event type', async () => {
    expect(await deliver(stripeEvent('evt_u', 'checkout.session.completed', { ...checkoutSession(), payment_status: 'unpaid' }, t0))).toMatchObject({ status: 'ignored' });
    expect(await deliver(stripeEvent('evt_w', 'charge.dispute.created', dispute('warning_needs_response', t0), t0))).toMatchObject({ status: 'ignored' });
    expect(await deliver(stripeEvent('evt_c', 'customer.created', { id: 'cus_1', object: 'customer' }, t0))).toMatchObject({ status: 'ignored' });
    expect(await ledger()).toMatchObject({ payments: [], events: [] });
  });
});

describe('Stripe signatures', () => {
  const processor = createStripeProcessor({ secretKey: null, webhookSecret: secret });
  const body = stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0);
  const sign = (payload: string, options: { secret?: string; at?: number } = {}) => Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? secret, timestamp: seconds(options.at ?? t0) });

  it.each([
    { name: 'signed with another secret', signature: () => sign(body, { secret: 'whsec_someoneelse0123456789abcdef' }), payload: body },
    { name: 'a body changed after signing', signature: () => sign(body), payload: body.replace('120000', '1') },
    { name: 'stale: signed more than five minutes before it arrived', signature: () => sign(body, { at: t0 - 301_000 }), payload: body },
    { name: 'signed more than five minutes ahead', signature: () => sign(body, { at: t0 + 301_000 }), payload: body },
    { name: 'no signature at all', signature: () => undefined, payload: body },
    { name: 'a signature header of another scheme', signature: () => sign(body).replace('v1=', 'v0='), payload: body },
  ])('refuses a delivery $name', ({ signature, payload }) => {
    const reading = processor.readWebhook({ payload, signature: signature(), receivedAt: t0 });
    expect(reading.ok).toBe(false);
  });

  it('accepts the same delivery signed right, within the tolerance', () => {
    expect(processor.readWebhook({ payload: body, signature: sign(body, { at: t0 - 299_000 }), receivedAt: t0 })).toMatchObject({ ok: true, type: 'checkout.session.completed', event: { kind: 'payment_succeeded', paymentRef: piId, amountMinor: 1200_00, currency: 'EUR', invoices: [{ invoiceId: 'INV-1', amountMinor: null }] } });
  });
});
