import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// Unapplied Cash over HTTP: the searched list with suggestions, the invoices to allocate to, and
// Allocate with a short-pay decision for each partly paid invoice (a write-off within the caps, one
// sent for approval, a promise, a dispute with a file), refusals naming the field, and a retried
// Allocate (same Idempotency-Key) done once.

const now = Date.UTC(2026, 11, 2, 12);
const cadence = 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\ncaps:\n  credit:\n    - upTo: 100\n    - approvers: [controller]\n';
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const sessions: Record<string, { token: string; csrfToken: string }> = {};
let sequence = 0;

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'cadence.yaml': cadence }), status: 'published' });
  for (const [id, role] of [['olu', 'operator'], ['cy', 'controller'], ['vi', 'viewer']] as const) {
    await store.createUser({ id, email: `${id}@acme.example`, name: id, passwordHash: '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA' });
    await store.addMembership({ workspaceId: 'acme', userId: id, role, createdAt: now });
    sessions[id] = await startSession({ store, userId: id, now, settings: defaultAccessSettings });
  }
});
afterAll(async () => {
  await server.close();
});

// Each test has invoices and payments of its own (ids made unique), on the one server.
let ids: { customer: string; a: string; b: string; other: string };
beforeEach(async () => {
  sequence += 1;
  const customer = `c${sequence}`;
  ids = { customer, a: `A${sequence}`, b: `B${sequence}`, other: `O${sequence}` };
  await store.upsertCustomers('acme', [buildCustomer({ id: customer, name: `Firm-${sequence}-q GmbH`, timeZone: 'UTC' })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: ids.a, number: `INV-${sequence}0001`, customerId: customer, amountMinor: 500_00, balanceMinor: 500_00, dueOn: '2026-11-01', knownAt: now - 86_400_000 }),
    buildInvoice({ id: ids.b, number: `INV-${sequence}0002`, customerId: customer, amountMinor: 300_00, balanceMinor: 300_00, dueOn: '2026-11-15', knownAt: now - 86_400_000 }),
    buildInvoice({ id: ids.other, number: `INV-${sequence}0003`, customerId: customer, amountMinor: 2000_00, balanceMinor: 2000_00, dueOn: '2026-11-20', knownAt: now - 86_400_000 }),
  ]);
});

const as = (who: string) => (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
  app.inject({ method, url, headers: { cookie: `plixo_session=${sessions[who]!.token}`, 'x-csrf-token': sessions[who]!.csrfToken, ...headers }, ...(payload ? { payload } : {}) });
const recordPayment = async (body: object) => {
  const response = await as('olu')('POST', '/api/orgs/acme/payments', { currency: 'EUR', receivedAt: new Date(now - 60_000).toISOString(), ...body });
  expect(response.statusCode).toBe(201);
  return response.json().id as number;
};

describe('the Unapplied Cash list over HTTP', () => {
  it('finds payments by payer and amount, with suggestions that say why, a page at a time', async () => {
    const named = await recordPayment({ id: `BANK-${sequence}-1`, amount: '500.00', payerName: `Firm-${sequence}-q GmbH`, memo: `Invoice INV-${sequence}0001` });
    await recordPayment({ id: `BANK-${sequence}-2`, amount: '77.00', payerName: `Firm-${sequence}-q GmbH` });
    const page = await as('olu')('GET', `/api/orgs/acme/unapplied-cash?q=${encodeURIComponent(`firm-${sequence}-q`)}&limit=1`);
    expect(page.statusCode).toBe(200);
    expect(page.json().items.map((item: { sourceId: string }) => item.sourceId)).toEqual([`BANK-${sequence}-2`]);
    const next = await as('olu')('GET', `/api/orgs/acme/unapplied-cash?q=${encodeURIComponent(`firm-${sequence}-q`)}&limit=1&cursor=${page.json().nextCursor}`);
    const [item] = next.json().items;
    expect(item).toMatchObject({ id: named, sourceId: `BANK-${sequence}-1`, unapplied: { minor: 500_00, currency: 'EUR' } });
    // Named explicitly, the amount exactly, the payer's name exactly: 60 + 35 + 15, capped at 100.
    expect(item.suggestions[0]).toMatchObject({ confidence: 1, lines: [{ invoiceId: ids.a, invoiceNumber: `INV-${sequence}0001`, amount: { formatted: '€500.00' }, open: { minor: 500_00 } }] });
    expect(item.suggestions[0].reasons.map((reason: { code: string }) => reason.code)).toEqual(['reference_explicit', 'amount_exact', 'payer_name_exact']);
    const byAmount = await as('olu')('GET', '/api/orgs/acme/unapplied-cash?amount=77.00&currency=EUR');
    expect(byAmount.json().items.map((each: { sourceId: string }) => each.sourceId)).toEqual([`BANK-${sequence}-2`]);
    const bad = await as('olu')('GET', '/api/orgs/acme/unapplied-cash?amount=seventy');
    expect([bad.statusCode, bad.json().error.field]).toEqual([400, 'amount']);
    expect((await as('vi')('GET', '/api/orgs/acme/unapplied-cash')).statusCode).toBe(403);
  });

  it('searches the open invoices to allocate to by number, customer and amount', async () => {
    const byCustomer = await as('olu')('GET', `/api/orgs/acme/unapplied-cash/invoices?q=${encodeURIComponent(`FIRM-${sequence}-Q`)}&limit=2`);
    expect(byCustomer.json().items.map((invoice: { id: string }) => invoice.id)).toEqual([ids.a, ids.b]);
    const rest = await as('olu')('GET', `/api/orgs/acme/unapplied-cash/invoices?q=${encodeURIComponent(`FIRM-${sequence}-Q`)}&limit=2&cursor=${byCustomer.json().nextCursor}`);
    expect(rest.json()).toMatchObject({ items: [{ id: ids.other, customerName: `Firm-${sequence}-q GmbH`, open: { minor: 2000_00, formatted: '€2,000.00' } }], nextCursor: null });
    const byAmount = await as('olu')('GET', `/api/orgs/acme/unapplied-cash/invoices?customerId=${ids.customer}&amount=300&currency=EUR`);
    expect(byAmount.json().items.map((invoice: { id: string }) => invoice.id)).toEqual([ids.b]);
  });
});

describe('Allocate over HTTP', () => {
  it('splits one payment over two invoices with a note, writes one variance off within the caps and sends the other for approval', async () => {
    const paymentId = await recordPayment({ id: `BANK-${sequence}-3`, amount: '1600.00' });
    const response = await as('olu')('POST', `/api/orgs/acme/payments/${paymentId}/allocations`, {
      allocations: [{ invoiceId: ids.b, amount: '250.00' }, { invoiceId: ids.other, amount: '1350.00' }],
      note: 'remittance advice 4711',
      shortPays: [{ invoiceId: ids.b, resolution: 'write_off' }, { invoiceId: ids.other, resolution: 'write_off', reason: 'volume rebate claimed' }],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ status: 'applied', unapplied: { minor: 0 }, allocations: [{ invoiceId: ids.b, note: 'remittance advice 4711' }, { invoiceId: ids.other }] });
    expect(body.shortPays).toMatchObject([
      { invoiceId: ids.b, resolution: 'write_off', remainder: { minor: 50_00, formatted: '€50.00' }, approval: { status: 'approved', awaiting: [] } },
      { invoiceId: ids.other, resolution: 'write_off', remainder: { minor: 650_00 }, approval: { status: 'pending', awaiting: ['controller'] } },
    ]);
    const approvalId = body.shortPays[1].approval.id as number;
    expect(server.mail.filter((message) => message.text.includes(`/approvals/${approvalId}`)).map((message) => message.to)).toEqual(['cy@acme.example']);
    const events = (await store.listEvents('acme')).filter((event) => event.invoiceId === ids.b || event.invoiceId === ids.other);
    expect(events.map((event) => [event.type, event.invoiceId, event.payload.amount])).toEqual([['payment', ids.b, '250.00'], ['payment', ids.other, '1350.00'], ['credit', ids.b, '50.00']]);
    const approved = await as('cy')('POST', `/api/orgs/acme/approvals/${approvalId}/decision`, { decision: 'approve', rationale: 'rebate agreed in the contract' });
    expect(approved.json().status).toBe('approved');
    expect((await store.listEvents('acme')).filter((event) => event.type === 'credit' && event.invoiceId === ids.other).map((event) => event.payload.amount)).toEqual(['650.00']);
  });

  it('records a promise for the rest, and opens a dispute with the remittance and an uploaded file', async () => {
    const paymentId = await recordPayment({ id: `BANK-${sequence}-4`, amount: '400.00', memo: `INV-${sequence}0001 less damaged goods` });
    const pdf = Buffer.from('%PDF-1.4 remittance').toString('base64');
    const response = await as('olu')('POST', `/api/orgs/acme/payments/${paymentId}/allocations`, {
      allocations: [{ invoiceId: ids.a, amount: '200.00' }, { invoiceId: ids.b, amount: '200.00' }],
      shortPays: [
        { invoiceId: ids.a, resolution: 'promise', on: '2026-12-24', contact: 'ap@acme.example' },
        { invoiceId: ids.b, resolution: 'dispute', reason: 'quality', description: 'Broken units', attachment: { filename: 'advice.pdf', contentBase64: pdf } },
      ],
    });
    expect(response.statusCode).toBe(201);
    const [promise, dispute] = response.json().shortPays;
    expect(promise).toMatchObject({ resolution: 'promise', promisedOn: '2026-12-24', remainder: { minor: 300_00 } });
    const files = await as('olu')('GET', `/api/orgs/acme/disputes/${dispute.disputeId}/attachments`);
    expect(files.json().items.map((file: { filename: string; contentType: string }) => [file.filename, file.contentType])).toEqual([[`remittance-payment-${paymentId}.txt`, 'text/plain; charset=utf-8'], ['advice.pdf', 'application/pdf']]);
  });

  it('refuses a choice that cannot be made, naming the field, and allocates nothing', async () => {
    const paymentId = await recordPayment({ id: `BANK-${sequence}-5`, amount: '100.00' });
    const allocations = [{ invoiceId: ids.a, amount: '100.00' }];
    const cases = [
      { shortPays: [{ invoiceId: ids.a, resolution: 'promise' }], field: 'shortPays[0].on' },
      { shortPays: [{ invoiceId: ids.a, resolution: 'dispute' }], field: 'shortPays[0].reason' },
      { shortPays: [{ invoiceId: ids.a, resolution: 'dispute', reason: 'quality', attachment: { filename: 'a.txt', contentBase64: Buffer.from('hello').toString('base64') } }], field: 'shortPays[0].attachment' },
      { shortPays: [{ invoiceId: ids.a, resolution: 'shrug' }], field: 'shortPays.0.resolution' },
    ];
    for (const each of cases) {
      const refused = await as('olu')('POST', `/api/orgs/acme/payments/${paymentId}/allocations`, { allocations, shortPays: each.shortPays });
      expect([refused.statusCode, refused.json().error.field], JSON.stringify(each.shortPays)).toEqual([400, each.field]);
    }
    expect(await store.listPaymentAllocations('acme', { paymentIds: [paymentId] })).toEqual([]);
  });

  it('allocates once when the same Allocate is sent again with its Idempotency-Key', async () => {
    const paymentId = await recordPayment({ id: `BANK-${sequence}-6`, amount: '100.00' });
    const payload = { allocations: [{ invoiceId: ids.a, amount: '100.00' }], shortPays: [{ invoiceId: ids.a, resolution: 'leave_open' }] };
    const headers = { 'idempotency-key': `allocate-${sequence}` };
    const first = await as('olu')('POST', `/api/orgs/acme/payments/${paymentId}/allocations`, payload, headers);
    const again = await as('olu')('POST', `/api/orgs/acme/payments/${paymentId}/allocations`, payload, headers);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json()).toEqual(first.json());
    expect(await store.listPaymentAllocations('acme', { paymentIds: [paymentId] })).toHaveLength(1);
    expect((await store.listAudit({ workspaceId: 'acme', action: 'payment.short_pay' })).filter((entry) => entry.subject.includes(`payment ${paymentId} `))).toHaveLength(1);
  });
});
