import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import { receiveInboundEmail } from '../../../app/inbound/receive-inbound-email.ts';
import { createPreviewLinks } from '../../../app/messages/create-preview-links.ts';
import { planWorkspace } from '../../../app/plan-workspace.ts';
import type { Store } from '../../../app/ports/store.ts';
import { createFakeDocuments } from '../../../app/testing/fake-documents.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';

// One invoice's timeline over HTTP, on a real SQLite store: what the engine planned and sent, the
// reply that came back, and what the team recorded through the API, newest first, with the
// promise, pause, dispute, waiting task and contacts beside; nothing of another invoice or organisation.

const hour = 3_600_000;
const day = 24 * hour;
const start = Date.UTC(2026, 11, 2, 12); // Wednesday
let clock = start;
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let operator: string;
let viewer: string;

interface Timeline {
  invoice: { number: string; customerName: string; balance: { minor: number; formatted: string } };
  entries: { at: string; kind: string; summary: string; by: string | null }[];
  more: boolean;
  promises: { amount: { minor: number; formatted: string }; on: string; status: string }[];
  plans: { status: string; total: { formatted: string }; installments: { on: string; amount: { formatted: string }; dueBy: string; state: string }[] }[];
  pause: { until: string; scope: string } | null;
  disputes: { reason: string; sla: string; openedBy: string }[];
  waiting: { at: string; kind: string; summary: string }[];
  contacts: { email: string; suppressed: { reason: string } | null }[];
}

const at = (offset: number) => (clock = start + offset);
const send = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'idempotency-key': `key-${url}-${clock}` }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  server = await startApiTestServer({ now: start, clock: () => clock });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'segments.yaml': 'kind: Segment\nname: everyone\ncadence: standard\nmode: autopilot\n' }), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Northwind', timeZone: 'UTC', contacts: [{ email: 'ap@northwind.example', name: 'Ana', isPrimary: true }] })]);
  await store.upsertInvoices('acme', [
    // Due twelve days ago: its `due` reminder went out then, and its `call` task (day 10) two days ago.
    buildInvoice({ id: 'INV-1', number: 'N-1', customerId: 'c1', currency: 'USD', amountMinor: 1200_00, balanceMinor: 1200_00, issuedOn: '2026-10-21', dueOn: '2026-11-20', knownAt: start - 30 * day }),
    buildInvoice({ id: 'INV-2', number: 'N-2', customerId: 'c1', currency: 'USD', amountMinor: 300_00, balanceMinor: 300_00, issuedOn: '2026-11-20', dueOn: '2026-12-20', knownAt: start - 10 * day }),
  ]);
  await store.upsertWorkspace({ id: 'globex', name: 'Globex', timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
  await store.upsertCustomers('globex', [buildCustomer({ id: 'g1', name: 'Globex customer' })]);
  await store.upsertInvoices('globex', [buildInvoice({ id: 'G-1', customerId: 'g1' })]);

  const controller = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  operator = (await createApiToken({ store, now: start, workspaceId: 'acme', by: controller, name: 'desk', role: 'operator' })).secret;
  viewer = (await createApiToken({ store, now: start, workspaceId: 'acme', by: controller, name: 'cfo', role: 'viewer' })).secret;

  // The worker: plan up to now, then send the reminder.
  await planWorkspace({ store, workspaceId: 'acme', now: start, links: createPreviewLinks('http://127.0.0.1:3000/', 'a-test-secret-that-is-long-enough-1234'), documents: createFakeDocuments() });
  const [claimed] = await store.claimOutboxMessages({ now: start, limit: 10, workerId: 'w1', leaseMs: 60_000 });
  expect(claimed?.invoiceIds).toEqual(['INV-1']);
  await store.settleOutboxMessage(claimed!.id, 'w1', { status: 'sent', at: start, response: '250 ok' });

  at(1 * hour);
  await receiveInboundEmail({
    store,
    workspaceId: 'acme',
    now: clock,
    email: { kind: 'reply', from: 'ap@northwind.example', to: ['receivables@ar.acme.example'], subject: 'Re: Invoice N-1 is due', messageId: '<answer@northwind.example>', inReplyTo: claimed!.messageId, references: [claimed!.messageId], text: 'We pay on Friday.' },
  });
  at(2 * hour);
  await store.appendEvents('acme', [
    { at: clock, type: 'payment', invoiceId: 'INV-1', payload: { amount: '100.00' } },
    { at: clock, type: 'payment', invoiceId: 'INV-2', payload: { amount: '50.00' } },
  ]);
  at(3 * hour);
  expect((await send('POST', '/api/orgs/acme/notes', operator, { customerId: 'c1', invoiceId: 'INV-1', body: 'Called Ana: pays on Friday' })).statusCode).toBe(201);
  at(4 * hour);
  expect((await send('POST', '/api/orgs/acme/promises', operator, { invoiceId: 'INV-1', amount: '500.00', on: '2026-12-04' })).statusCode).toBe(201);
  at(5 * hour);
  expect((await send('POST', '/api/orgs/acme/pauses', operator, { customerId: 'c1', until: '2026-12-10', reason: 'their CFO is away' })).statusCode).toBe(204);
  at(6 * hour);
  expect((await send('POST', '/api/orgs/acme/disputes', operator, { invoiceId: 'INV-1', reason: 'quantity', description: 'two pallets short' })).statusCode).toBe(201);
  at(7 * hour);
});
afterAll(async () => {
  await server.close();
});

const timelineOf = async (invoiceId: string, query = '') => {
  const response = await send('GET', `/api/orgs/acme/invoices/${invoiceId}/timeline${query}`, viewer);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Timeline;
};

describe('an invoice’s timeline over the API', () => {
  it('lists what was sent, received and recorded for the invoice, newest first, and nothing of its other invoice', async () => {
    const timeline = await timelineOf('INV-1');
    expect(timeline.entries.map((entry) => [entry.kind, entry.by])).toEqual([
      ['dispute', 'token:desk'],
      ['pause', null],
      ['promise', null],
      ['note', 'token:desk'],
      ['payment', null],
      // The reply is told once, from the message received, not again from its event.
      ['reply', 'ap@northwind.example'],
      ['sent', 'Plixo'],
      ['task', 'Plixo (policy version 1)'],
      ['send', 'Plixo (policy version 1)'],
    ]);
    const summaries = timeline.entries.map((entry) => entry.summary);
    expect(summaries[2]).toContain('$500.00');
    expect(summaries[2]).toContain('2026-12-04');
    expect(summaries[4]).toContain('$100.00');
    expect(summaries[7]).toContain('call');
    expect(summaries[8]).toContain('ap@northwind.example');
    expect(timeline.entries.map((entry) => Date.parse(entry.at))).toEqual([...timeline.entries.map((entry) => Date.parse(entry.at))].sort((a, b) => b - a));
    expect(timeline.more).toBe(false);
  });

  it('gives the promise, the pause, the open dispute, the waiting task and the balance beside it', async () => {
    const timeline = await timelineOf('INV-1');
    expect(timeline.invoice).toMatchObject({ number: 'N-1', customerName: 'Northwind', balance: { minor: 1100_00, formatted: '$1,100.00' } });
    expect(timeline.promises).toEqual([{ amount: { minor: 500_00, currency: 'USD', formatted: '$500.00' }, on: '2026-12-04', madeAt: new Date(start + 4 * hour).toISOString(), status: 'open' }]);
    expect(timeline.pause).toMatchObject({ until: '2026-12-10', scope: 'customer', endsAt: '2026-12-10T00:00:00.000Z' });
    expect(timeline.disputes).toEqual([expect.objectContaining({ reason: 'quantity', reasonLabel: 'Quantity short or over-billed', sla: 'open', openedBy: 'token:desk' })]);
    // The `call` step of day 10 came two days ago: within the seven days the queue counts as waiting.
    expect(timeline.waiting).toEqual([expect.objectContaining({ kind: 'task' })]);
    expect(timeline.waiting[0]!.summary).toContain('call');
    expect(start - Date.parse(timeline.waiting[0]!.at)).toBeLessThan(7 * day);
    expect(timeline.contacts).toEqual([{ email: 'ap@northwind.example', name: 'Ana', primary: true, suppressed: null }]);
  });

  it('shows a contact suppressed from the inspector as suppressed', async () => {
    expect((await send('POST', '/api/orgs/acme/suppressions', operator, { email: 'ap@northwind.example', reason: 'opted_out', note: 'asked by phone' })).statusCode).toBe(201);
    expect((await timelineOf('INV-1')).contacts).toEqual([expect.objectContaining({ email: 'ap@northwind.example', suppressed: { reason: 'opted_out', untilAt: null } })]);
  });

  it('caps the entries at the limit and says that more exist', async () => {
    const first = await timelineOf('INV-1', '?limit=3');
    expect([first.entries.map((entry) => entry.kind), first.more]).toEqual([['dispute', 'pause', 'promise'], true]);
    expect((await send('GET', '/api/orgs/acme/invoices/INV-1/timeline?limit=0', viewer)).json().error.field).toBe('limit');
  });

  it('keeps the other invoice of the customer to its own lines', async () => {
    const timeline = await timelineOf('INV-2');
    // The customer's reply and pause concern every invoice of theirs; INV-1's payment and note do not.
    expect(timeline.entries.map((entry) => entry.kind)).toEqual(['pause', 'payment', 'reply']);
    expect(timeline.entries[1]!.summary).toContain('$50.00');
  });

  it('shows a payment plan with its instalments, and calls it off through the API with the reason', async () => {
    // 200.00 on Mon 12-07 and 50.00 on Mon 12-21 of INV-2's 250.00 open; the customer is in UTC.
    await store.appendEvents('acme', [{ at: clock, type: 'plan', invoiceId: 'INV-2', payload: { installments: [{ on: '2026-12-07', amount: '200.00' }, { on: '2026-12-21', amount: '50.00' }] } }]);
    const kept = await timelineOf('INV-2');
    expect(kept.plans).toEqual([
      expect.objectContaining({
        status: 'active',
        total: expect.objectContaining({ formatted: '$250.00' }),
        installments: [
          expect.objectContaining({ on: '2026-12-07', amount: expect.objectContaining({ formatted: '$200.00' }), dueBy: '2026-12-09T00:00:00.000Z', state: 'due' }),
          expect.objectContaining({ on: '2026-12-21', amount: expect.objectContaining({ formatted: '$50.00' }), dueBy: '2026-12-23T00:00:00.000Z', state: 'due' }),
        ],
      }),
    ]);
    expect(kept.entries[0]).toMatchObject({ kind: 'plan', summary: 'Payment plan agreed: $250.00 in 2 instalments (being kept): 2026-12-07 $200.00 due; 2026-12-21 $50.00 due' });
    at(8 * hour);
    const noReason = await send('POST', '/api/orgs/acme/plan-cancellations', operator, { invoiceId: 'INV-2', reason: '' });
    expect([noReason.statusCode, noReason.json().error.field]).toEqual([400, 'reason']);
    at(8 * hour + 1);
    expect((await send('POST', '/api/orgs/acme/plan-cancellations', operator, { invoiceId: 'INV-2', reason: 'they asked to renegotiate' })).statusCode).toBe(204);
    const cancelled = await timelineOf('INV-2');
    expect([cancelled.plans[0]!.status, cancelled.plans[0]!.installments.map((installment) => installment.state), cancelled.entries[0]!.kind]).toEqual(['cancelled', ['cancelled', 'cancelled'], 'plan_cancelled']);
    at(8 * hour + 2);
    const again = await send('POST', '/api/orgs/acme/plan-cancellations', operator, { invoiceId: 'INV-2', reason: 'twice' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'conflict']);
  });

  it('answers 404 naming an invoice the organisation does not have, including another organisation’s', async () => {
    const missing = await send('GET', '/api/orgs/acme/invoices/INV-404/timeline', viewer);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not_found']);
    expect(missing.json().error.message).toContain('invoice INV-404');
    const foreign = await send('GET', '/api/orgs/acme/invoices/G-1/timeline', viewer);
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'not_found']);
    expect(foreign.json().error.message).toContain('invoice G-1');
    expect(foreign.body).not.toContain('Globex');
    const across = await send('GET', '/api/orgs/globex/invoices/G-1/timeline', viewer);
    expect(across.statusCode).toBe(404);
    expect(across.body).not.toContain('Globex customer');
  });
});
