import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { CreatePaymentProcessor, CredentialCheck, PaymentProcessorCredentials } from '../ports/payment-processor.ts';
import type { Store } from '../ports/store.ts';
import { buildWorkspace } from '../testing/build-store-inputs.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { checkPaymentConnector } from './check-payment-connector.ts';
import { removePaymentConnector, setPaymentConnector } from './manage-payment-connectors.ts';

// Testing a connector over a real SQLite store, with a processor that answers the key check as
// the test says (the Stripe adapter's own check is tested against a local stand-in for Stripe).

const now = Date.UTC(2026, 11, 2, 12);
const bo = { kind: 'user' as const, id: 'u-bo', label: 'bo@acme.example', role: 'billing_admin' as const };
const stripeKeys = { secretKey: 'sk_test_51AbCdEfGhIjKlMnOp', webhookSecret: 'whsec_plixotestsecret0123456789abcdef' };
let database: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now, secret: 'a-test-instance-secret-0123456789' });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
});
afterEach(async () => {
  await database.close();
});

function answering(check: CredentialCheck | null): { create: CreatePaymentProcessor; asked: PaymentProcessorCredentials[] } {
  const asked: PaymentProcessorCredentials[] = [];
  const create: CreatePaymentProcessor = (credentials) => ({
    name: 'stripe',
    createCheckout: () => Promise.reject(new Error('no checkout in a check')),
    readWebhook: () => ({ ok: false, problem: 'none' }),
    ...(check ? { checkCredentials: async () => (asked.push(credentials), check) } : {}),
  });
  return { create, asked };
}

const delivery = (receivedAt: number) => ({ processor: 'stripe' as const, eventId: `evt_${receivedAt}`, eventType: 'customer.created', eventAt: receivedAt, receivedAt, event: { kind: 'ignored' } });

describe('checkPaymentConnector', () => {
  it.each([
    [{ outcome: 'accepted', detail: 'Stripe accepted the key (test mode)' }, 'passed', true],
    [{ outcome: 'refused', detail: 'Stripe refused the key' }, 'failed', false],
    [{ outcome: 'unreachable', detail: 'Stripe could not be reached' }, 'unknown', true],
  ] as const)('asks the processor about the stored key: %o → %s', async (answer, outcome, ok) => {
    await setPaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe', ...stripeKeys });
    const processor = answering(answer);
    const check = await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe', create: processor.create });
    expect(processor.asked).toEqual([stripeKeys]);
    expect(check.ok).toBe(ok);
    expect(check.items[0]).toEqual({ field: 'secretKey', outcome, message: answer.detail });
  });

  it('checks only the shapes when no processor is given or it cannot be asked, and asks nothing without a key', async () => {
    await setPaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe', ...stripeKeys });
    expect((await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe' })).items[0]).toMatchObject({ outcome: 'unknown' });
    expect((await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe', create: answering(null).create })).items[0]).toMatchObject({ outcome: 'unknown' });
    await setPaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe', secretKey: null, webhookSecret: stripeKeys.webhookSecret });
    const processor = answering({ outcome: 'accepted', detail: 'never' });
    const check = await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe', create: processor.create });
    expect(processor.asked).toEqual([]);
    expect(check.items[0]).toMatchObject({ field: 'secretKey', outcome: 'unknown', message: expect.stringContaining('webhooks only') });
  });

  it('fails a stored key of the wrong shape without asking the processor', async () => {
    await store.setPaymentConnector('acme', { processor: 'stripe', secretKey: 'pk_live_public', webhookSecret: 'not-a-whsec', setBy: 'sql', setAt: now });
    const processor = answering({ outcome: 'accepted', detail: 'never' });
    const check = await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe', create: processor.create });
    expect(check).toMatchObject({ ok: false, items: [{ field: 'secretKey', outcome: 'failed' }, { field: 'webhookSecret', outcome: 'failed' }] });
    expect(processor.asked).toEqual([]);
  });

  it('proves the webhook secret only by a delivery since the keys were set', async () => {
    await store.receiveWebhookDelivery('acme', delivery(now - 60_000));
    await setPaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe', ...stripeKeys });
    expect(await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe' })).toMatchObject({ lastDeliveryAt: null, items: [{}, { field: 'webhookSecret', outcome: 'unknown' }] });
    await store.receiveWebhookDelivery('acme', delivery(now + 60_000));
    expect(await checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe' })).toMatchObject({ lastDeliveryAt: now + 60_000, items: [{}, { field: 'webhookSecret', outcome: 'passed' }] });
  });

  it('names the connector that is not set up, also after its removal', async () => {
    expect(await rejection(checkPaymentConnector({ store, workspaceId: 'acme', processor: 'webhook' }))).toMatchObject({ code: 'not_found', details: { record: 'payment connector webhook', field: 'processor' } });
    await setPaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe', ...stripeKeys });
    await removePaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe' });
    expect((await rejection(checkPaymentConnector({ store, workspaceId: 'acme', processor: 'stripe' }))).code).toBe('not_found');
    expect((await rejection(removePaymentConnector({ store, now, workspaceId: 'acme', by: bo, processor: 'stripe' }))).code).toBe('not_found');
  });
});
