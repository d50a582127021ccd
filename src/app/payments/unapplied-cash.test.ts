import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import { defaultApprovalSettings } from '../approvals/approval-settings.ts';
import { openBalance } from '../open-balance.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { addTestMember } from '../testing/add-test-member.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { allocateWithShortPays, type ShortPayChoice } from './allocate-with-short-pays.ts';
import { listUnappliedCash } from './list-unapplied-cash.ts';
import { recordIncomingPayment, type IncomingPayment } from './record-payment.ts';
import { searchInvoicesToAllocate } from './search-invoices-to-allocate.ts';

// Unapplied Cash over a real SQLite store: the searched, paged list with Cash-App Assist's
// suggestions for the payments shown, the invoices to allocate to with what they owe now, and
// Allocate with a decision for each short-paid invoice (a write-off within the credit caps or
// sent for approval, a promise for the rest, a dispute with the remittance, or left open), all in
// one transaction. Expected confidences are worked out from docs/cash-application.md.

const now = Date.UTC(2026, 11, 2, 12); // 07:00 on 2 December in New York
const cadence = `kind: Cadence
name: standard
tone: neutral
steps:
  - id: due
    day: 0
    template: reminder
caps:
  credit:
    - upTo: 100
    - approvers: [controller]
`;
const olu: Actor = { kind: 'user', id: 'u-olu', label: 'olu@acme.example', role: 'operator' };
const cy: Actor = { kind: 'user', id: 'u-cy', label: 'cy@acme.example', role: 'controller' };
const bo: Actor = { kind: 'user', id: 'u-bo', label: 'bo@acme.example', role: 'billing_admin' };
const erp = { kind: 'token' as const, id: 't1', label: 'token:erp', role: 'billing_admin' as const };

let database: DatabaseHandle;
let store: Store;
let sent: { to: string; subject: string }[];
const mailer: UserMailer = { send: async (message) => (sent.push({ to: message.to, subject: message.subject }), { sent: true, detail: 'ok' }) };

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  sent = [];
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'America/New_York', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'cadence.yaml': cadence }), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Acme GmbH', timeZone: 'UTC' }), buildCustomer({ id: 'c2', name: 'Initech Inc.', timeZone: 'UTC' })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'INV-1', number: 'INV-0104217', customerId: 'c1', amountMinor: 500_00, balanceMinor: 500_00, dueOn: '2026-11-01', knownAt: now - 86_400_000 }),
    buildInvoice({ id: 'INV-2', number: 'INV-0104218', customerId: 'c1', amountMinor: 300_00, balanceMinor: 300_00, dueOn: '2026-11-15', knownAt: now - 86_400_000 }),
    buildInvoice({ id: 'INV-40', number: 'INV-0104240', customerId: 'c2', amountMinor: 99_00, balanceMinor: 99_00, dueOn: '2026-10-01', knownAt: now - 86_400_000 }),
    buildInvoice({ id: 'INV-41', number: 'INV-0104241', customerId: 'c2', amountMinor: 99_00, balanceMinor: 99_00, dueOn: '2026-11-01', knownAt: now - 86_400_000 }),
  ]);
  for (const actor of [olu, cy, bo]) await addTestMember(store, { workspaceId: 'acme', id: actor.id, email: actor.label, role: actor.role!, createdAt: now });
});
afterEach(() => database.close());

const record = async (sourceId: string, overrides: Partial<IncomingPayment> = {}) =>
  (await recordIncomingPayment({ store, now, workspaceId: 'acme', by: erp, payment: { source: 'api', sourceId, amountMinor: 800_00, currency: 'EUR', receivedAt: now - 1000, ...overrides } })).payment;
const balances = async () => {
  const events = await store.listEvents('acme');
  return Object.fromEntries((await store.listInvoices('acme')).map((invoice) => [invoice.id, openBalance(invoice, events, now)]));
};

describe('the Unapplied Cash list', () => {
  beforeEach(async () => {
    await record('BANK-A', { amountMinor: 500_00, memo: 'INV-0104217', receivedAt: Date.UTC(2026, 11, 1, 3) });
    await record('BANK-B', { amountMinor: 99_00, customerId: 'c2', payerName: 'INITECH', receivedAt: Date.UTC(2026, 11, 1, 15) });
    await record('BANK-C', { amountMinor: 12_34, memo: 'thanks', receivedAt: Date.UTC(2026, 11, 2, 4, 59) });
    await record('BANK-D', { amountMinor: 1200, currency: 'JPY', receivedAt: Date.UTC(2026, 11, 2, 6) });
  });
  const list = (query: Partial<Parameters<typeof listUnappliedCash>[0]['query']> = {}) => listUnappliedCash({ store, now, workspaceId: 'acme', query: { limit: 10, ...query } });
  const sourceIds = async (query: Partial<Parameters<typeof listUnappliedCash>[0]['query']>) => (await list(query)).items.map((item) => item.payment.sourceId);

  it('suggests invoices for each payment of the page, best first, with confidence and reasons', async () => {
    const { items, hasMore, currencies } = await list({ limit: 3 });
    expect(items.map((item) => item.payment.sourceId)).toEqual(['BANK-D', 'BANK-C', 'BANK-B']);
    expect([hasMore, currencies]).toEqual([true, ['EUR', 'JPY']]);
    const [jpy, nothing, initech] = items;
    expect([jpy!.suggestions, nothing!.suggestions]).toEqual([[], []]);
    expect(nothing!.nothingFound).toMatch(/no open invoice/);
    // Two invoices of 99.00 for the processor's customer: each is 40 + 35 + 15, so the best is ambiguous (capped at 0.60).
    expect(initech!.suggestions.map((suggestion) => [suggestion.lines.map((line) => [line.invoiceNumber, line.amountMinor]), suggestion.confidence])).toEqual([
      [[['INV-0104240', 99_00]], 0.6],
      [[['INV-0104241', 99_00]], 0.9],
    ]);
    expect(initech!.suggestions[0]!.blockers.map((blocker) => blocker.code)).toEqual(['ambiguous']);
    expect(initech!.suggestions[1]!.reasons.map((reason) => [reason.code, reason.points])).toEqual([['amount_unique_for_customer', 40], ['amount_exact', 35], ['customer_known', 15]]);
    expect(initech!.suggestions[1]!.lines[0]).toMatchObject({ customerId: 'c2', customerName: 'Initech Inc.', dueOn: '2026-11-01', openMinor: 99_00 });

    const next = await list({ limit: 3, beforeId: initech!.payment.id });
    expect(next.hasMore).toBe(false);
    const [named] = next.items;
    // The memo names the invoice explicitly and the amount is its balance: 60 + 35.
    expect(named!.suggestions[0]).toMatchObject({ confidence: 0.95, shortMinor: 0, unappliedMinor: 0, lines: [{ invoiceId: 'INV-1', amountMinor: 500_00, openMinor: 500_00 }] });
  });

  it('matches only what is still unapplied, against what the invoices owe now', async () => {
    const payment = await record('BANK-E', { amountMinor: 800_00, memo: 'INV-0104218' });
    await allocateWithShortPays({ store, now, workspaceId: 'acme', by: olu, paymentId: payment.id, allocations: [{ invoiceId: 'INV-2', amount: '100.00' }], note: null, shortPays: [], approvals: defaultApprovalSettings, mailer, baseUrl: 'https://plixo.example/' });
    const [item] = (await list({ text: 'BANK-E' })).items;
    expect(item!.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor])).toEqual([['INV-2', 100_00]]);
    // 700.00 left against the 200.00 INV-2 still owes: paid in full, 500.00 over.
    expect(item!.suggestions[0]).toMatchObject({ unappliedMinor: 500_00, lines: [{ invoiceId: 'INV-2', amountMinor: 200_00, openMinor: 200_00 }] });
  });

  it.each([
    { name: 'words of the reference, in any case', query: { text: 'bank-b' }, found: ['BANK-B'] },
    { name: 'a word of the memo', query: { text: '0104217' }, found: ['BANK-A'] },
    { name: 'an amount, in every currency it can be written in', query: { amount: '1200' }, found: ['BANK-D'] },
    { name: 'an amount with grouping', query: { amount: '1,200' }, found: ['BANK-D'] },
    { name: 'an amount JPY cannot have', query: { amount: '12.34' }, found: ['BANK-C'] },
    { name: 'a range', query: { minAmount: '50', maxAmount: '500' }, found: ['BANK-B', 'BANK-A'] },
    { name: 'a currency', query: { currency: 'jpy' }, found: ['BANK-D'] },
    // 1 December in New York is 05:00 UTC on the 1st to 05:00 UTC on the 2nd.
    { name: 'dates in the organisation’s time zone', query: { receivedFrom: '2026-12-01', receivedTo: '2026-12-01' }, found: ['BANK-C', 'BANK-B'] },
  ])('searches by $name', async ({ query, found }) => {
    expect(await sourceIds(query)).toEqual(found);
  });

  it('refuses an amount or a date that is not one, naming the field', async () => {
    expect((await rejection(list({ amount: '12,3x' }))).details?.field).toBe('amount');
    expect((await rejection(list({ maxAmount: 'ten' }))).details?.field).toBe('maxAmount');
    expect((await rejection(list({ receivedFrom: '2026-13-01' }))).details?.field).toBe('receivedFrom');
    expect((await rejection(list({ receivedFrom: '2026-12-02', receivedTo: '2026-12-01' }))).details?.field).toBe('receivedTo');
  });
});

describe('searching invoices to allocate to', () => {
  const search = (query: Partial<Parameters<typeof searchInvoicesToAllocate>[0]['query']>) => searchInvoicesToAllocate({ store, now, workspaceId: 'acme', query: { limit: 10, ...query } });

  it('finds open invoices by number, customer and amount, oldest due first, with what they owe now', async () => {
    const payment = await record('BANK-F', { amountMinor: 400_00 });
    await allocateWithShortPays({ store, now, workspaceId: 'acme', by: olu, paymentId: payment.id, allocations: [{ invoiceId: 'INV-2', amount: '300.00' }, { invoiceId: 'INV-1', amount: '100.00' }], note: null, shortPays: [], approvals: defaultApprovalSettings, mailer, baseUrl: 'https://plixo.example/' });
    // INV-2 is paid in full in Plixo: not offered any more.
    expect((await search({ text: 'acme' })).items.map((invoice) => [invoice.id, invoice.openMinor, invoice.customerName])).toEqual([['INV-1', 400_00, 'Acme GmbH']]);
    expect((await search({ text: '0104241' })).items.map((invoice) => invoice.id)).toEqual(['INV-41']);
    expect((await search({ amount: '99.00', currency: 'EUR' })).items.map((invoice) => invoice.id)).toEqual(['INV-40', 'INV-41']);
    const first = await search({ customerId: 'c2', limit: 1 });
    expect([first.items.map((invoice) => invoice.id), first.next]).toEqual([['INV-40'], { dueOn: '2026-10-01', id: 'INV-40' }]);
    expect((await search({ customerId: 'c2', limit: 1, after: first.next! })).items.map((invoice) => invoice.id)).toEqual(['INV-41']);
  });
});

describe('Allocate with the short-pays decided', () => {
  const allocate = (paymentId: number, allocations: { invoiceId: string; amount: string }[], shortPays: ShortPayChoice[], by: Actor = olu, note: string | null = 'remittance 4711') =>
    allocateWithShortPays({ store, now, workspaceId: 'acme', by, paymentId, allocations, note, shortPays, approvals: defaultApprovalSettings, mailer, baseUrl: 'https://plixo.example/' });
  const actions = async () => (await store.listAudit({ workspaceId: 'acme' })).map((entry) => entry.action).reverse();

  it('splits a payment over two invoices and writes off a variance within the credit caps at once', async () => {
    const payment = await record('BANK-1', { amountMinor: 720_00 });
    const result = await allocate(payment.id, [{ invoiceId: 'INV-1', amount: '500.00' }, { invoiceId: 'INV-2', amount: '220.00' }], [{ invoiceId: 'INV-2', resolution: 'write_off' }]);
    expect(result.payment).toMatchObject({ status: 'applied', unappliedMinor: 0 });
    expect(result.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor, allocation.note])).toEqual([['INV-1', 500_00, 'remittance 4711'], ['INV-2', 220_00, 'remittance 4711']]);
    // 80.00 is within the first tier (up to 100, no approvers): credited at once.
    expect(result.shortPays).toEqual([{ invoiceId: 'INV-2', invoiceNumber: 'INV-0104218', remainderMinor: 80_00, resolution: 'write_off', approval: { id: expect.any(Number), status: 'approved', awaiting: [], explanation: 'cadence standard, credit cap up to 100: no approval needed' }, disputeId: null, promisedOn: null }]);
    expect(await balances()).toMatchObject({ 'INV-1': 0, 'INV-2': 0 });
    expect((await store.listEvents('acme')).map((event) => [event.type, event.invoiceId, event.payload.amount])).toEqual([['payment', 'INV-1', '500.00'], ['payment', 'INV-2', '220.00'], ['credit', 'INV-2', '80.00']]);
    expect(await actions()).toEqual(['payment.record', 'payment.allocate', 'approval.request', 'approval.applied', 'payment.short_pay']);
    const [shortPay] = await store.listAudit({ workspaceId: 'acme', action: 'payment.short_pay' });
    expect(shortPay).toMatchObject({ actor: 'olu@acme.example', subject: `invoice INV-0104218 short-paid by payment ${payment.id} (api BANK-1)`, detail: { after: { remainder: '80.00', currency: 'EUR', resolution: 'write_off', approvalStatus: 'approved' }, rationale: 'remittance 4711' } });
    const [request] = await store.listApprovalRequests('acme', { limit: 5 });
    expect(request).toMatchObject({ kind: 'credit', amountMinor: 80_00, detail: { origin: { shortPay: { payment: payment.id, source: 'api', sourceId: 'BANK-1' } } } });
    expect(sent).toEqual([]);
  });

  it('sends a variance above the caps for approval and emails the approvers once it is committed', async () => {
    const payment = await record('BANK-2', { amountMinor: 350_00 });
    const result = await allocate(payment.id, [{ invoiceId: 'INV-1', amount: '350.00' }], [{ invoiceId: 'INV-1', resolution: 'write_off', reason: 'pallet damaged in transit' }]);
    expect(result.shortPays[0]!.approval).toMatchObject({ status: 'pending', awaiting: ['controller'] });
    expect(await balances()).toMatchObject({ 'INV-1': 150_00 });
    const [request] = await store.listApprovalRequests('acme', { limit: 5 });
    expect(request).toMatchObject({ status: 'pending', amountMinor: 150_00, reason: 'pallet damaged in transit', requiredRoles: ['controller'], requestedBy: 'olu@acme.example' });
    expect(sent).toEqual([{ to: 'cy@acme.example', subject: 'Approval needed: credit of 150.00 EUR on invoice INV-0104217' }]);
  });

  it('records a promise for the rest', async () => {
    const payment = await record('BANK-3', { amountMinor: 200_00 });
    const result = await allocate(payment.id, [{ invoiceId: 'INV-1', amount: '200.00' }], [{ invoiceId: 'INV-1', resolution: 'promise', on: '2026-12-20', contact: 'ap@acme.example' }]);
    expect(result.shortPays[0]).toMatchObject({ resolution: 'promise', remainderMinor: 300_00, promisedOn: '2026-12-20' });
    expect((await store.listEvents('acme')).filter((event) => event.type === 'promise').map((event) => [event.invoiceId, event.payload])).toEqual([['INV-1', { amount: '300.00', on: '2026-12-20' }]]);
    expect(await actions()).toEqual(['payment.record', 'payment.allocate', 'promise.record', 'payment.short_pay']);
  });

  it('opens a dispute with the remittance and the file attached; the invoice leaves dunning', async () => {
    const payment = await record('BANK-4', { amountMinor: 450_00, payerName: 'ACME GMBH', memo: 'INV-0104217 less 50.00 damaged goods' });
    const pdf = new TextEncoder().encode('%PDF-1.4 remittance advice');
    const result = await allocate(payment.id, [{ invoiceId: 'INV-1', amount: '450.00' }], [{ invoiceId: 'INV-1', resolution: 'dispute', reason: 'quality', description: 'Two units arrived broken', attachment: { filename: 'advice.pdf', content: pdf } }]);
    const dispute = await store.getDispute('acme', result.shortPays[0]!.disputeId!);
    expect(dispute).toMatchObject({ invoiceId: 'INV-1', reason: 'quality', openedBy: 'olu@acme.example' });
    expect(dispute!.description).toBe(`Two units arrived broken\n\nPayment ${payment.id} (api BANK-4) left 50.00 EUR open on this invoice.`);
    const files = await store.listDisputeAttachments('acme', dispute!.id);
    expect(files.map((file) => [file.filename, file.contentType])).toEqual([[`remittance-payment-${payment.id}.txt`, 'text/plain; charset=utf-8'], ['advice.pdf', 'application/pdf']]);
    const remittance = await store.getDisputeAttachmentContent('acme', dispute!.id, files[0]!.id);
    expect(new TextDecoder().decode(remittance!.content)).toContain('Payer: ACME GMBH\n\nMemo / remittance:\nINV-0104217 less 50.00 damaged goods\n');
    expect((await store.listEvents('acme')).filter((event) => event.type === 'dispute').map((event) => event.invoiceId)).toEqual(['INV-1']);
  });

  it('leaves the rest open when asked, and audits that decision too', async () => {
    const payment = await record('BANK-5', { amountMinor: 100_00 });
    const result = await allocate(payment.id, [{ invoiceId: 'INV-1', amount: '100.00' }], [{ invoiceId: 'INV-1', resolution: 'leave_open' }]);
    expect(result.shortPays[0]).toMatchObject({ resolution: 'leave_open', remainderMinor: 400_00, approval: null, disputeId: null, promisedOn: null });
    expect(await balances()).toMatchObject({ 'INV-1': 400_00 });
    expect(await actions()).toEqual(['payment.record', 'payment.allocate', 'payment.short_pay']);
  });

  it.each([
    { name: 'a promise date that has passed', shortPays: [{ invoiceId: 'INV-1', resolution: 'promise' as const, on: '2026-12-01' }], field: 'shortPays[0].on', code: 'invalid_input' },
    { name: 'a dispute reason that is not one', shortPays: [{ invoiceId: 'INV-1', resolution: 'dispute' as const, reason: 'grumpy' }], field: 'shortPays[0].reason', code: 'invalid_input' },
    { name: 'a choice for an invoice paid in full', shortPays: [{ invoiceId: 'INV-2', resolution: 'leave_open' as const }], field: 'shortPays[0].invoiceId', code: 'invalid_input' },
    { name: 'a choice for an invoice not allocated to', shortPays: [{ invoiceId: 'INV-40', resolution: 'leave_open' as const }], field: 'shortPays[0].invoiceId', code: 'invalid_input' },
    { name: 'two choices for one invoice', shortPays: [{ invoiceId: 'INV-1', resolution: 'leave_open' as const }, { invoiceId: 'INV-1', resolution: 'write_off' as const }], field: 'shortPays[1].invoiceId', code: 'invalid_input' },
    { name: 'a file that is not a PDF, PNG or JPEG', shortPays: [{ invoiceId: 'INV-1', resolution: 'dispute' as const, reason: 'quality', attachment: { filename: 'x.exe', content: new Uint8Array([77, 90, 0, 1]) } }], field: 'shortPays[0].attachment', code: 'invalid_input' },
  ])('refuses $name, naming the field, and writes nothing at all', async ({ shortPays, field, code }) => {
    const payment = await record('BANK-6', { amountMinor: 400_00 });
    const error = await rejection(allocate(payment.id, [{ invoiceId: 'INV-1', amount: '100.00' }, { invoiceId: 'INV-2', amount: '300.00' }], shortPays));
    expect([error.code, error.details?.field]).toEqual([code, field]);
    expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'unapplied', unappliedMinor: 400_00 });
    expect(await store.listEvents('acme')).toEqual([]);
    expect(await store.listDisputes('acme', { limit: 5 })).toEqual([]);
    expect(await actions()).toEqual(['payment.record']);
  });

  it('lets a Billing Admin allocate and write off, but not promise or dispute (the queue’s work)', async () => {
    const payment = await record('BANK-7', { amountMinor: 400_00 });
    const refused = await rejection(allocate(payment.id, [{ invoiceId: 'INV-1', amount: '400.00' }], [{ invoiceId: 'INV-1', resolution: 'promise', on: '2026-12-20' }], bo));
    expect([refused.code, refused.details?.field]).toEqual(['forbidden', 'shortPays[0].resolution']);
    const done = await allocate(payment.id, [{ invoiceId: 'INV-1', amount: '400.00' }], [{ invoiceId: 'INV-1', resolution: 'write_off' }], bo);
    expect(done.shortPays[0]!.approval?.status).toBe('approved');
  });
});
