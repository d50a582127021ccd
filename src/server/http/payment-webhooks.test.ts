import Stripe from 'stripe';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings } from '../../app/access/access-settings.ts';
import { createApiToken } from '../../app/access/manage-api-tokens.ts';
import { startSession } from '../../app/access/start-session.ts';
import { openBalance } from '../../app/open-balance.ts';
import type { Store } from '../../app/ports/store.ts';
import { addTestMember } from '../../app/testing/add-test-member.ts';
import { buildCustomer, buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { signPlixoWebhook } from '../../adapters/payments/signed-webhook/create-signed-webhook-processor.ts';
import { charge, checkoutSession, seconds, stripeEvent } from '../../adapters/payments/stripe/testing/stripe-events.ts';
import { startApiTestServer, type ApiTestServer } from './api/testing/start-api-test-server.ts';

// The payment webhooks over HTTP, in-process with a fresh SQLite: the connector set through the
// API, Stripe deliveries signed with the stripe package's test helper, the generic Plixo-Signature
// webhook; duplicates acknowledged, forgeries and stale deliveries refused with nothing stored.

const now = Date.UTC(2026, 11, 2, 12);
const stripeSecret = 'whsec_plixotestsecret0123456789abcdef';
const sharedSecret = 'a-shared-secret-for-the-generic-webhook-0123';
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const sessions: Record<string, { token: string; csrfToken: string }> = {};

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  // One invoice per part of this file: Stripe's checkouts name INV-1, the generic webhook INV-2, the API INV-3.
  await store.upsertInvoices('acme', ['INV-1', 'INV-2', 'INV-3'].map((id) => buildInvoice({ id, number: id, customerId: 'c1', amountMinor: 1200_00, balanceMinor: 1200_00, knownAt: now - 86_400_000 })));
  for (const [id, role] of [['cy', 'controller'], ['olu', 'operator']] as const) {
    await addTestMember(store, { workspaceId: 'acme', id, email: `${id}@acme.example`, role, createdAt: now });
    sessions[id] = await startSession({ store, userId: id, now, settings: defaultAccessSettings });
  }
});
afterAll(async () => {
  await server.close();
});

const as = (who: string) => (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: `plixo_session=${sessions[who]!.token}`, 'x-csrf-token': sessions[who]!.csrfToken }, ...(payload ? { payload } : {}) });
const postStripe = (body: string, signature: string | undefined, workspace = 'acme') =>
  app.inject({ method: 'POST', url: `/webhooks/stripe/${workspace}`, headers: { 'content-type': 'application/json; charset=utf-8', ...(signature ? { 'stripe-signature': signature } : {}) }, payload: body });
const sign = (body: string, options: { secret?: string; at?: number } = {}) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? stripeSecret, timestamp: seconds(options.at ?? now) });
const openOf = async (invoiceId: string) => {
  const [invoice] = await store.listInvoices('acme', { ids: [invoiceId] });
  return openBalance(invoice!, await store.listEvents('acme'), now);
};

describe('the payment connectors', () => {
  it('are set by a Controller and shown masked; an operator may not see or set them', async () => {
    const set = await as('cy')('PUT', '/api/orgs/acme/payment-connectors/stripe', { secretKey: 'sk_test_51AbCdEfGhIjKlMnOp', webhookSecret: stripeSecret });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ processor: 'stripe', secretKey: 'sk_test_…MnOp', webhookSecret: 'whsec_…cdef', setBy: 'cy@acme.example', webhookPath: '/webhooks/stripe/acme' });
    expect((await as('cy')('PUT', '/api/orgs/acme/payment-connectors/webhook', { webhookSecret: sharedSecret })).statusCode).toBe(200);
    const listed = await as('cy')('GET', '/api/orgs/acme/payment-connectors');
    expect(JSON.stringify(listed.json())).not.toContain(stripeSecret);
    expect(JSON.stringify(listed.json())).not.toContain(sharedSecret);
    expect(listed.json().items.map((item: { processor: string }) => item.processor)).toEqual(['stripe', 'webhook']);
    expect((await as('olu')('GET', '/api/orgs/acme/payment-connectors')).statusCode).toBe(403);
    expect((await as('olu')('PUT', '/api/orgs/acme/payment-connectors/stripe', { webhookSecret: stripeSecret })).statusCode).toBe(403);
    const bad = await as('cy')('PUT', '/api/orgs/acme/payment-connectors/stripe', { secretKey: 'pk_test_public', webhookSecret: stripeSecret });
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_input', field: 'secretKey' } });
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'connector.set' });
    expect(JSON.stringify(audit)).not.toContain(sharedSecret);
  });
});

describe('POST /webhooks/stripe/:workspaceId', () => {
  it('verifies the raw bytes, stores and applies a delivery once, and acknowledges its redeliveries', async () => {
    // Spacing and key order as a sender may have them: re-encoding the JSON would break the signature.
    const body = stripeEvent('evt_http_1', 'checkout.session.completed', { ...checkoutSession(), payment_intent: 'pi_http_1' }, now).replace('{"id"', '{ "id"');
    const first = await postStripe(body, sign(body));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false, status: 'applied' });
    const again = await postStripe(body, sign(body, { at: now + 1000 }));
    expect(again.json()).toEqual({ received: true, duplicate: true, status: 'applied' });
    expect(await openOf('INV-1')).toBe(0);
    const refund = stripeEvent('evt_http_2', 'charge.refunded', { ...charge(200_00), payment_intent: 'pi_http_1' }, now);
    expect((await postStripe(refund, sign(refund))).json()).toMatchObject({ status: 'applied' });
    expect(await openOf('INV-1')).toBe(200_00);
  });

  it.each([
    { name: 'signed with another secret', signature: (body: string) => sign(body, { secret: 'whsec_notthisone0123456789abcdef' }), change: (body: string) => body },
    { name: 'changed after signing', signature: (body: string) => sign(body), change: (body: string) => body.replace('"amount_total":120000', '"amount_total":1') },
    { name: 'stale (signed six minutes before)', signature: (body: string) => sign(body, { at: now - 360_000 }), change: (body: string) => body },
    { name: 'without a signature', signature: () => undefined, change: (body: string) => body },
  ])('refuses a delivery $name with 400 and stores nothing', async ({ signature, change }) => {
    const body = stripeEvent('evt_forged', 'checkout.session.completed', { ...checkoutSession(), payment_intent: 'pi_forged' }, now);
    const response = await postStripe(change(body), signature(body));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_input');
    expect(await store.listWebhookDeliveries('acme', { statuses: ['received', 'waiting', 'applied', 'ignored'], limit: 100 }).then((rows) => rows.filter((row) => row.eventId === 'evt_forged'))).toEqual([]);
    expect(await store.findPayment('acme', 'stripe', 'pi_forged')).toBeNull();
  });

  it('answers 404 for an organisation without a Stripe connector, whether it exists or not', async () => {
    const body = stripeEvent('evt_x', 'checkout.session.completed', checkoutSession(), now);
    expect((await postStripe(body, sign(body), 'nowhere')).statusCode).toBe(404);
  });
});

describe('POST /webhooks/payments/:workspaceId (Plixo-Signature)', () => {
  const post = (body: string, signature: string | undefined) => app.inject({ method: 'POST', url: '/webhooks/payments/acme', headers: { 'content-type': 'application/json', ...(signature ? { 'plixo-signature': signature } : {}) }, payload: body });
  const received = JSON.stringify({ id: 'gen-1', type: 'payment.received', createdAt: new Date(now).toISOString(), payment: { id: 'RCPT-77', amount: '1200.00', currency: 'EUR', customer: 'c1', invoices: [{ invoice: 'INV-2' }] } });

  it('applies a signed payment once and a signed reversal of it', async () => {
    expect((await post(received, signPlixoWebhook(sharedSecret, received, seconds(now)))).json()).toEqual({ received: true, duplicate: false, status: 'applied' });
    expect((await post(received, signPlixoWebhook(sharedSecret, received, seconds(now)))).json()).toMatchObject({ duplicate: true });
    expect(await openOf('INV-2')).toBe(0);
    const reversed = JSON.stringify({ id: 'gen-2', type: 'payment.reversed', createdAt: new Date(now).toISOString(), payment: { id: 'RCPT-77' }, reversal: { id: 'REV-1', amount: '300.00', currency: 'EUR', reason: 'chargeback' } });
    expect((await post(reversed, signPlixoWebhook(sharedSecret, reversed, seconds(now)))).json()).toMatchObject({ status: 'applied' });
    expect(await openOf('INV-2')).toBe(300_00);
  });

  it.each([
    { name: 'with the wrong secret', signature: () => signPlixoWebhook('x'.repeat(40), received, seconds(now)) },
    { name: 'stale', signature: () => signPlixoWebhook(sharedSecret, received, seconds(now) - 301) },
    { name: 'from the future', signature: () => signPlixoWebhook(sharedSecret, received, seconds(now) + 301) },
    { name: 'with a malformed header', signature: () => 'v1=abc' },
    { name: 'unsigned', signature: () => undefined },
  ])('refuses a delivery $name, storing nothing', async ({ signature }) => {
    const body = received.replace('gen-1', 'gen-forged');
    const response = await post(body, signature() ?? undefined);
    expect(response.statusCode).toBe(400);
    expect((await store.listWebhookDeliveries('acme', { statuses: ['received', 'applied', 'ignored', 'waiting'], limit: 100 })).some((row) => row.eventId === 'gen-forged')).toBe(false);
  });
});

describe('the payments API', () => {
  it('records a payment from an ERP token once, lists it as unapplied, allocates it and reverses it', async () => {
    const { secret } = await createApiToken({ store, now, workspaceId: 'acme', by: { kind: 'user', id: 'cy', label: 'cy@acme.example', role: 'controller' }, name: 'erp', role: 'billing_admin' });
    const erp = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${secret}` }, ...(payload ? { payload } : {}) });
    const payment = { id: 'ERP-RCPT-1', amount: '1500.00', currency: 'EUR', receivedAt: new Date(now - 3_600_000).toISOString(), customerId: 'c1', memo: 'INV-3 and more' };
    const recorded = await erp('POST', '/api/orgs/acme/payments', payment);
    expect(recorded.json()).toMatchObject({ id: expect.any(Number) });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ created: true, status: 'unapplied', unapplied: { minor: 1500_00, currency: 'EUR' }, recordedBy: 'token:erp', unappliedReason: 'it names no invoice' });
    expect((await erp('POST', '/api/orgs/acme/payments', payment)).json()).toMatchObject({ created: false, id: recorded.json().id });
    const id = recorded.json().id as number;
    const unapplied = await as('olu')('GET', '/api/orgs/acme/payments?unapplied=true');
    expect(unapplied.json().items.map((item: { id: number }) => item.id)).toContain(id);

    const tooMuch = await as('olu')('POST', `/api/orgs/acme/payments/${id}/allocations`, { allocations: [{ invoiceId: 'INV-3', amount: '1200.01' }] });
    expect(tooMuch.json()).toMatchObject({ error: { code: 'invalid_input', field: 'allocations[0].amount' } });
    const allocated = await as('olu')('POST', `/api/orgs/acme/payments/${id}/allocations`, { allocations: [{ invoiceId: 'INV-3', amount: '1200.00' }], note: 'per remittance' });
    expect(allocated.statusCode).toBe(201);
    expect(allocated.json()).toMatchObject({ status: 'partially_applied', unapplied: { minor: 300_00 }, allocations: [{ invoiceId: 'INV-3', amount: { minor: 1200_00 }, by: 'olu@acme.example', note: 'per remittance' }] });
    expect(await openOf('INV-3')).toBe(0);

    expect((await as('olu')('POST', `/api/orgs/acme/payments/${id}/reversals`, { reference: 'R-1', amount: '500.00', reason: 'refund' })).statusCode).toBe(403);
    const reversed = await erp('POST', `/api/orgs/acme/payments/${id}/reversals`, { reference: 'R-1', amount: '500.00', reason: 'refund', note: 'goods returned' });
    expect(reversed.json()).toMatchObject({ status: 'applied', unapplied: { minor: 0 }, reversed: { minor: 500_00 }, reversals: [{ reference: 'R-1', reason: 'refund', amount: { minor: 500_00 } }] });
    // 300.00 came out of the unapplied part, 200.00 out of INV-1's allocation.
    expect(await openOf('INV-3')).toBe(200_00);
    expect((await as('cy')('GET', `/api/orgs/acme/payments/${id}`)).json()).toMatchObject({ allocations: [{ reversed: { minor: 200_00 } }] });
  });
});
