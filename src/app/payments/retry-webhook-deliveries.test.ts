import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStripeProcessor } from '../../adapters/payments/stripe/create-stripe-processor.ts';
import { checkoutSession, piId, seconds, stripeEvent } from '../../adapters/payments/stripe/testing/stripe-events.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { StorageError, type Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { receivePaymentWebhook } from './receive-payment-webhook.ts';
import { retryWebhookDeliveries } from './retry-webhook-deliveries.ts';

// A webhook delivery that was stored but failed to apply (the database went away half-way) is
// applied by the worker's `webhooks` job a minute later, once, even when two workers retry it at
// the same moment; one still young is left to the request applying it.

const secret = 'whsec_plixotestsecret0123456789abcdef';
const t0 = Date.UTC(2026, 11, 2, 12);
let database: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => t0 });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', currency: 'EUR' }));
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', amountMinor: 1200_00, balanceMinor: 1200_00 })]);
});
afterEach(() => database.close());

/** The store, with its next transaction failing as a lost database connection would. */
function failingOnce(inner: Store): Store {
  let failed = false;
  return {
    ...inner,
    transaction: (work) => {
      if (failed) return inner.transaction(work);
      failed = true;
      return Promise.reject(new StorageError('the connection to the database was lost'));
    },
  };
}

async function deliverFailing(body: string) {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: seconds(t0) });
  const reading = createStripeProcessor({ secretKey: null, webhookSecret: secret }).readWebhook({ payload: body, signature, receivedAt: t0 });
  if (!reading.ok) throw new Error(reading.problem);
  const errors: unknown[] = [];
  const received = await receivePaymentWebhook({ store: failingOnce(store), now: t0, workspaceId: 'acme', processor: 'stripe', reading, onError: (error) => errors.push(error) });
  return { received, errors };
}

describe('the webhooks job', () => {
  it('applies a delivery that failed to apply, once it is a minute old, and only once', async () => {
    const { received, errors } = await deliverFailing(stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0));
    expect(received).toMatchObject({ duplicate: false, status: 'received' });
    expect(errors).toHaveLength(1);
    expect(await store.listPayments('acme', { limit: 10 })).toEqual([]);

    expect(await retryWebhookDeliveries({ store, now: t0 + 30_000 })).toEqual({ tried: 0, applied: 0, failed: 0 });
    expect(await retryWebhookDeliveries({ store, now: t0 + 61_000 })).toEqual({ tried: 1, applied: 1, failed: 0 });
    expect((await store.listPayments('acme', { limit: 10 })).map((payment) => [payment.sourceId, payment.status])).toEqual([[piId, 'applied']]);
    expect(await store.listWebhookDeliveries('acme', { statuses: ['applied'], limit: 10 })).toHaveLength(1);
    expect(await retryWebhookDeliveries({ store, now: t0 + 122_000 })).toEqual({ tried: 0, applied: 0, failed: 0 });
    expect((await store.listEvents('acme')).filter((event) => event.type === 'payment')).toHaveLength(1);
  });

  it('of two workers retrying the same delivery at once, one applies it', async () => {
    await deliverFailing(stripeEvent('evt_1', 'checkout.session.completed', checkoutSession(), t0));
    const [first, second] = await Promise.all([retryWebhookDeliveries({ store, now: t0 + 61_000 }), retryWebhookDeliveries({ store, now: t0 + 61_000 })]);
    expect(first.tried + second.tried).toBe(2);
    expect(first.applied + second.applied).toBe(1);
    expect((await store.listEvents('acme')).filter((event) => event.type === 'payment')).toHaveLength(1);
    expect(await store.listPayments('acme', { limit: 10 })).toHaveLength(1);
  });
});
