import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { authorizePayerLink } from '../../../app/portal/authorize-payer-link.ts';
import { issuePayerLink } from '../../../app/portal/issue-payer-link.ts';
import { newPayerLinkId } from '../../../app/portal/payer-link-token.ts';
import { addTestMember } from '../../../app/testing/add-test-member.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { seconds, stripeEvent } from '../../../adapters/payments/stripe/testing/stripe-events.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// The admin side of payments and the payer portal over HTTP, in-process with a fresh SQLite: the
// payment connectors (listed with their webhook addresses, tested, removed), the payment
// address's preview, an invoice's payer link (its state, regenerating it) and the download of a
// dispute's file; each with who may and who may not. Stripe's API is a local HTTP server standing
// in for api.stripe.com (this machine reaches no processor).

const now = Date.UTC(2026, 11, 2, 12);
const day = 86_400_000;
const secret = 'a-test-secret-that-is-long-enough-1234';
const stripeSecret = 'whsec_plixotestsecret0123456789abcdef';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
let clock = now;
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let stripe: Server;
let stripeAnswer: { status: number; body: object } = { status: 200, body: {} };
const stripeCalls: string[] = [];
const sessions: Record<string, { token: string; csrfToken: string }> = {};

beforeAll(async () => {
  stripe = createServer((request, response) => {
    stripeCalls.push(`${request.method} ${request.url} ${request.headers.authorization}`);
    response.writeHead(stripeAnswer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(stripeAnswer.body));
  });
  await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
  const port = (stripe.address() as AddressInfo).port;
  server = await startApiTestServer({ now, clock: () => clock, stripe: { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 } });
  ({ store, app } = server);
  for (const workspace of ['acme', 'beta']) {
    await store.upsertWorkspace({ id: workspace, name: workspace, timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
    await store.upsertCustomers(workspace, [buildCustomer({ id: 'c1' })]);
  }
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'A-1', number: 'INV 2026/01', customerId: 'c1', currency: 'EUR', amountMinor: 1234_50, balanceMinor: 1234_50, knownAt: now - 10 * day }),
    buildInvoice({ id: 'A-2', number: 'A-2', customerId: 'c1', currency: 'EUR', amountMinor: 500_00, balanceMinor: 500_00, knownAt: now - 10 * day }),
    buildInvoice({ id: 'A-3', number: 'A-3', customerId: 'c1', currency: 'EUR', amountMinor: 500_00, balanceMinor: 500_00, knownAt: now - 10 * day }),
  ]);
  await store.upsertInvoices('beta', [buildInvoice({ id: 'B-1', number: 'B-1', customerId: 'c1', status: 'closed', balanceMinor: 0 })]);
  const people = [['cy', 'acme', 'controller'], ['bo', 'acme', 'billing_admin'], ['olu', 'acme', 'operator'], ['vi', 'acme', 'viewer'], ['bc', 'beta', 'controller']] as const;
  for (const [id, workspaceId, role] of people) {
    await addTestMember(store, { workspaceId, id, email: `${id}@${workspaceId}.example`, role, createdAt: now });
    sessions[id] = await startSession({ store, userId: id, now, settings: defaultAccessSettings });
  }
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => stripe.close(resolve));
});

const as = (who: string | null) => (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: who ? { cookie: `plixo_session=${sessions[who]!.token}`, 'x-csrf-token': sessions[who]!.csrfToken } : {}, ...(payload ? { payload } : {}) });

describe('payment connectors', () => {
  it('lists the webhook address of every processor before any is set up, to create the endpoint in Stripe first', async () => {
    const listed = await as('bo')('GET', '/api/orgs/acme/payment-connectors');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({
      items: [],
      endpoints: [
        { processor: 'stripe', webhookPath: '/webhooks/stripe/acme', webhookUrl: 'http://127.0.0.1:3000/webhooks/stripe/acme' },
        { processor: 'webhook', webhookPath: '/webhooks/payments/acme', webhookUrl: 'http://127.0.0.1:3000/webhooks/payments/acme' },
      ],
    });
  });

  it('tests a Stripe connector with one read of the balance, and shows the first delivery that verified with its secret', async () => {
    const set = await as('bo')('PUT', '/api/orgs/acme/payment-connectors/stripe', { secretKey: 'sk_test_51AbCdEfGhIjKlMnOp', webhookSecret: stripeSecret });
    expect(set.json()).toMatchObject({ secretKey: 'sk_test_…MnOp', webhookSecret: 'whsec_…cdef', webhookUrl: 'http://127.0.0.1:3000/webhooks/stripe/acme', lastDeliveryAt: null });
    stripeAnswer = { status: 200, body: { object: 'balance', livemode: false, available: [], pending: [] } };
    stripeCalls.length = 0;
    const first = await as('bo')('POST', '/api/orgs/acme/payment-connectors/stripe/check', {});
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ processor: 'stripe', ok: true, lastDeliveryAt: null, items: [{ field: 'secretKey', outcome: 'passed' }, { field: 'webhookSecret', outcome: 'unknown' }] });
    expect(first.json().items[0].message).toContain('test mode');
    expect(stripeCalls).toEqual(['GET /v1/balance Bearer sk_test_51AbCdEfGhIjKlMnOp']);

    // A delivery signed with the secret proves it.
    clock = now + 60_000;
    const body = stripeEvent('evt_check_1', 'customer.created', { id: 'cus_1', object: 'customer' }, clock);
    const delivered = await app.inject({ method: 'POST', url: '/webhooks/stripe/acme', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: stripeSecret, timestamp: seconds(clock) }) }, payload: body });
    expect(delivered.statusCode).toBe(200);
    const second = await as('cy')('POST', '/api/orgs/acme/payment-connectors/stripe/check', {});
    expect(second.json()).toMatchObject({ ok: true, lastDeliveryAt: new Date(clock).toISOString(), items: [{ outcome: 'passed' }, { field: 'webhookSecret', outcome: 'passed' }] });
    expect((await as('cy')('GET', '/api/orgs/acme/payment-connectors')).json().items[0]).toMatchObject({ processor: 'stripe', lastDeliveryAt: new Date(clock).toISOString() });

    // Stripe refusing the key fails the check; nothing of the key is answered.
    stripeAnswer = { status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } } };
    const refused = await as('cy')('POST', '/api/orgs/acme/payment-connectors/stripe/check', {});
    expect(refused.json()).toMatchObject({ ok: false, items: [{ field: 'secretKey', outcome: 'failed' }, { outcome: 'passed' }] });
    expect(refused.body).not.toContain('sk_test_51AbCdEfGhIjKlMnOp');
    clock = now;
  });

  it('does not ask Stripe about a webhooks-only connector, and says so', async () => {
    await as('cy')('PUT', '/api/orgs/acme/payment-connectors/webhook', { webhookSecret: 'a-shared-secret-for-the-generic-webhook-0123' });
    stripeCalls.length = 0;
    const check = await as('cy')('POST', '/api/orgs/acme/payment-connectors/webhook/check', {});
    expect(check.json()).toMatchObject({ processor: 'webhook', ok: true, items: [{ field: 'webhookSecret', outcome: 'unknown' }] });
    expect(stripeCalls).toEqual([]);
  });

  it('removes a connector: audited masked, its webhooks refused, a second removal and a test of it not found', async () => {
    await as('cy')('PUT', '/api/orgs/acme/payment-connectors/webhook', { webhookSecret: 'a-shared-secret-for-the-generic-webhook-0123' });
    const removed = await as('cy')('DELETE', '/api/orgs/acme/payment-connectors/webhook');
    expect(removed.statusCode).toBe(204);
    expect((await as('cy')('GET', '/api/orgs/acme/payment-connectors')).json().items.map((item: { processor: string }) => item.processor)).toEqual(['stripe']);
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'connector.remove' });
    expect(audit).toMatchObject({ actor: 'cy@acme.example', subject: 'payment connector webhook', detail: { before: { secretKey: null, webhookSecret: '…0123' }, after: null } });
    expect(JSON.stringify(audit)).not.toContain('generic-webhook');
    const delivery = await app.inject({ method: 'POST', url: '/webhooks/payments/acme', headers: { 'content-type': 'application/json', 'plixo-signature': 't=1,v1=00' }, payload: '{}' });
    expect(delivery.statusCode).toBe(404);
    expect((await as('cy')('DELETE', '/api/orgs/acme/payment-connectors/webhook')).json()).toMatchObject({ error: { code: 'not_found', field: 'processor' } });
    expect((await as('cy')('POST', '/api/orgs/acme/payment-connectors/webhook/check', {})).json()).toMatchObject({ error: { code: 'not_found', field: 'processor' } });
  });

  it('are for Controllers and Billing Admins of the organisation only', async () => {
    for (const [method, url] of [['DELETE', '/api/orgs/acme/payment-connectors/stripe'], ['POST', '/api/orgs/acme/payment-connectors/stripe/check'], ['GET', '/api/orgs/acme/payment-connectors']] as const) {
      expect((await as('olu')(method, url, method === 'POST' ? {} : undefined)).statusCode, `${method} ${url} as an operator`).toBe(403);
      expect((await as('bc')(method, url, method === 'POST' ? {} : undefined)).statusCode, `${method} ${url} from another organisation`).toBe(404);
      expect((await as(null)(method, url, method === 'POST' ? {} : undefined)).statusCode).toBe(401);
    }
    expect(await store.getPaymentConnector('acme', 'stripe')).not.toBeNull();
  });
});

describe('the payment address’s preview', () => {
  it('refuses what saving would refuse, naming paymentUrlTemplate', async () => {
    for (const template of ['https://pay.example/{invoice}', 'ftp://pay.example/{invoice_number}', 'pay.example/{amount}', '  ']) {
      const answer = await as('bo')('POST', '/api/orgs/acme/portal-settings/preview', { paymentUrlTemplate: template });
      expect([answer.statusCode, answer.json().error.code, answer.json().error.field], template).toEqual([400, 'invalid_input', 'paymentUrlTemplate']);
    }
  });

  it('fills the template with the first open invoice at what it owes, percent-encoded, or with a sample', async () => {
    const preview = await as('bo')('POST', '/api/orgs/acme/portal-settings/preview', { paymentUrlTemplate: 'https://pay.example/i/{invoice_number}?amount={amount}&cur={currency}' });
    expect(preview.json()).toEqual({ url: 'https://pay.example/i/INV%202026%2F01?amount=1234.50&cur=EUR', invoice: { number: 'INV 2026/01', amount: '1234.50', currency: 'EUR', sample: false } });
    const sample = await as('bc')('POST', '/api/orgs/beta/portal-settings/preview', { paymentUrlTemplate: 'https://pay.example/{invoice_number}/{amount}' });
    expect(sample.json()).toEqual({ url: 'https://pay.example/INV-1001/1234.50', invoice: { number: 'INV-1001', amount: '1234.50', currency: 'EUR', sample: true } });
    // A preview saves nothing.
    expect((await store.getPortalSettings('acme')).paymentUrlTemplate).toBeNull();
    expect((await as('olu')('POST', '/api/orgs/acme/portal-settings/preview', { paymentUrlTemplate: 'https://pay.example/' })).statusCode).toBe(403);
  });
});

describe('an invoice’s payer link', () => {
  it('shows none, then the live link with its last use and expiry, then expired; reading it is not a use', async () => {
    expect((await as('olu')('GET', '/api/orgs/acme/invoices/A-2/payer-link')).json()).toEqual({ link: null });
    const link = await issuePayerLink({ store, now: now - day, workspaceId: 'acme', customerId: 'c1', invoiceId: 'A-2' });
    const live = (await as('olu')('GET', '/api/orgs/acme/invoices/A-2/payer-link')).json().link;
    expect(live).toMatchObject({ state: 'live', createdAt: new Date(now - day).toISOString(), lastUsedAt: new Date(now - day).toISOString(), expiresAt: new Date(now + 6 * day).toISOString(), spentAt: null });
    expect(live.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/pay\/[\w-]+\.[\w-]+$/);
    const token = live.url.split('/pay/')[1];
    expect(await authorizePayerLink({ store, secret, now, token })).toMatchObject({ ok: true });
    expect((await store.getPayerLink(link.id))!.lastUsedAt).toBe(now);
    await as('olu')('GET', '/api/orgs/acme/invoices/A-2/payer-link');
    expect((await store.getPayerLink(link.id))!.lastUsedAt).toBe(now);
    // Seven days without use.
    await store.createPayerLink('acme', { id: newPayerLinkId(), invoiceId: 'A-3', customerId: 'c1', createdAt: now - 8 * day });
    expect((await as('olu')('GET', '/api/orgs/acme/invoices/A-3/payer-link')).json().link).toMatchObject({ state: 'expired', expiresAt: new Date(now - day).toISOString() });
  });

  it('is regenerated by a person working the queue: the old link is refused at once, the new one opens', async () => {
    await issuePayerLink({ store, now, workspaceId: 'acme', customerId: 'c1', invoiceId: 'A-1' });
    const old = (await as('olu')('GET', '/api/orgs/acme/invoices/A-1/payer-link')).json().link;
    const regenerated = await as('olu')('POST', '/api/orgs/acme/invoices/A-1/payer-link', {});
    expect(regenerated.statusCode).toBe(201);
    expect(regenerated.json()).toMatchObject({ revokedPrevious: true });
    expect(regenerated.json().url).not.toBe(old.url);
    expect(await authorizePayerLink({ store, secret, now, token: old.url.split('/pay/')[1] })).toMatchObject({ ok: false, refusal: 'revoked' });
    expect(await authorizePayerLink({ store, secret, now, token: regenerated.json().url.split('/pay/')[1] })).toMatchObject({ ok: true });
    expect((await as('olu')('GET', '/api/orgs/acme/invoices/A-1/payer-link')).json().link).toMatchObject({ state: 'live', url: regenerated.json().url });
    expect((await store.listAudit({ workspaceId: 'acme', action: 'portal.link_regenerate' }))[0]).toMatchObject({ actor: 'olu@acme.example', subject: 'invoice INV 2026/01' });
  });

  it('is not shown to a viewer, nor to another organisation, and names an unknown invoice', async () => {
    expect((await as('vi')('GET', '/api/orgs/acme/invoices/A-1/payer-link')).statusCode).toBe(403);
    expect((await as('bc')('GET', '/api/orgs/acme/invoices/A-1/payer-link')).statusCode).toBe(404);
    expect((await as('bc')('GET', '/api/orgs/beta/invoices/A-1/payer-link')).json()).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('invoice A-1') } });
  });
});

describe('a dispute’s file', () => {
  const openDisputeWith = async (workspaceId: string, invoiceId: string, filename: string) => {
    const dispute = await store.createDispute(workspaceId, { invoiceId, customerId: 'c1', reason: 'quality', description: 'Broken', owner: null, openedBy: 'payer:c1', openedAt: now, dueAt: now + 5 * day, atRiskAt: now + 4 * day });
    const [file] = await store.addDisputeAttachments(workspaceId, dispute.id, [{ filename, contentType: 'image/png', content: png }], now);
    return { dispute, file: file! };
  };

  it('downloads as an attachment of its stored type with the bytes as uploaded, for anyone who may read disputes', async () => {
    const { dispute, file } = await openDisputeWith('acme', 'A-2', 'pallet.png');
    const answer = await as('vi')('GET', `/api/orgs/acme/disputes/${dispute.id}/attachments/${file.id}/download`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="pallet.png"');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.rawPayload).toEqual(png);
  });

  it('makes the payer’s file name safe for the header and the desktop', async () => {
    const { dispute, file } = await openDisputeWith('acme', 'A-1', '../../"Lieferschein"\r\nX: 1.html');
    const answer = await as('vi')('GET', `/api/orgs/acme/disputes/${dispute.id}/attachments/${file.id}/download`);
    expect(answer.headers['content-disposition']).toBe('attachment; filename="_Lieferschein___X_ 1.html.png"');
    expect(answer.headers.x).toBeUndefined();
  });

  it('is not found from another organisation, under another dispute, or when it does not exist', async () => {
    const { dispute, file } = await openDisputeWith('beta', 'B-1', 'beta.png');
    expect((await as('bc')('GET', `/api/orgs/beta/disputes/${dispute.id}/attachments/${file.id}/download`)).statusCode).toBe(200);
    expect((await as('cy')('GET', `/api/orgs/beta/disputes/${dispute.id}/attachments/${file.id}/download`)).statusCode).toBe(404);
    const cross = await as('cy')('GET', `/api/orgs/acme/disputes/${dispute.id}/attachments/${file.id}/download`);
    expect([cross.statusCode, cross.json().error.field]).toEqual([404, 'attachmentId']);
    expect((await as('bc')('GET', `/api/orgs/beta/disputes/${dispute.id}/attachments/${file.id + 100}/download`)).statusCode).toBe(404);
    expect((await as(null)('GET', `/api/orgs/beta/disputes/${dispute.id}/attachments/${file.id}/download`)).statusCode).toBe(401);
  });
});
