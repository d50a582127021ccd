import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { openBalance } from '../open-balance.ts';
import type { Store } from '../ports/store.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { allocatePayment } from './allocate-payment.ts';
import { recordIncomingPayment, type IncomingPayment } from './record-payment.ts';
import { reversePayment } from './reverse-payment.ts';

// The ledger's use cases over a real SQLite store: recording is idempotent by the source's id,
// a payment that names its invoices unambiguously is applied at once, allocations split and never
// exceed the payment or an invoice's open balance, and a reversal takes money back from the
// unapplied part first, then from the newest allocations, as engine events.

const now = Date.UTC(2026, 11, 2, 12);
const erp = { kind: 'token' as const, id: 't1', label: 'token:erp', role: 'billing_admin' as const };
const olu = { kind: 'user' as const, id: 'u1', label: 'olu@acme.example', role: 'operator' as const };
let database: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', currency: 'EUR' }));
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2', name: 'Beta' })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', amountMinor: 500_00, balanceMinor: 500_00 }),
    buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1', amountMinor: 300_00, balanceMinor: 300_00 }),
    buildInvoice({ id: 'INV-3', number: 'INV-3', customerId: 'c2', amountMinor: 100_00, balanceMinor: 100_00 }),
    buildInvoice({ id: 'INV-USD', number: 'INV-USD', customerId: 'c1', currency: 'USD' }),
  ]);
});
afterEach(async () => {
  await database.close();
});

const incoming = (overrides: Partial<IncomingPayment> = {}): IncomingPayment => ({ source: 'api', sourceId: 'RCPT-1', amountMinor: 800_00, currency: 'EUR', receivedAt: now - 1000, customerId: 'c1', ...overrides });
const record = (overrides: Partial<IncomingPayment> = {}) => recordIncomingPayment({ store, now, workspaceId: 'acme', by: erp, payment: incoming(overrides) });
const balances = async () => {
  const events = await store.listEvents('acme');
  return Object.fromEntries((await store.listInvoices('acme')).map((invoice) => [invoice.id, openBalance(invoice, events, now)]));
};

describe('recording a payment', () => {
  it('is idempotent by the source id: a retry records nothing and applies nothing again', async () => {
    const first = await record({ invoices: [{ invoiceId: 'INV-1', amountMinor: null }] });
    const again = await record({ invoices: [{ invoiceId: 'INV-1', amountMinor: null }] });
    expect(again.created).toBe(false);
    expect(again.payment.id).toBe(first.payment.id);
    expect((await store.listEvents('acme')).map((event) => [event.type, event.invoiceId, event.payload.amount])).toEqual([['payment', 'INV-1', '500.00']]);
    expect((await store.listAudit({ workspaceId: 'acme', action: 'payment.' })).map((entry) => entry.action)).toEqual(['payment.record']);
  });

  it.each([
    { name: 'one invoice, no amount: as much as it owes, the rest unapplied', invoices: [{ invoiceId: 'INV-1', amountMinor: null }], applied: { 'INV-1': 500_00 }, unapplied: 300_00 },
    { name: 'several invoices whose balances it covers in full', invoices: [{ invoiceId: 'INV-1', amountMinor: null }, { invoiceId: 'INV-2', amountMinor: null }], applied: { 'INV-1': 500_00, 'INV-2': 300_00 }, unapplied: 0 },
    { name: 'amounts given for each', invoices: [{ invoiceId: 'INV-1', amountMinor: 400_00 }, { invoiceId: 'INV-2', amountMinor: 100_00 }], applied: { 'INV-1': 400_00, 'INV-2': 100_00 }, unapplied: 300_00 },
    { name: 'no invoice named: unapplied', invoices: [], applied: {}, unapplied: 800_00 },
    { name: 'an invoice that does not exist: unapplied', invoices: [{ invoiceId: 'INV-9', amountMinor: null }], applied: {}, unapplied: 800_00 },
    { name: 'another customer’s invoice: unapplied', invoices: [{ invoiceId: 'INV-3', amountMinor: null }], applied: {}, unapplied: 800_00 },
    { name: 'an invoice in another currency: unapplied', invoices: [{ invoiceId: 'INV-USD', amountMinor: null }], applied: {}, unapplied: 800_00 },
    { name: 'more than an invoice owes for it: unapplied', invoices: [{ invoiceId: 'INV-2', amountMinor: 300_01 }], applied: {}, unapplied: 800_00 },
  ])('applies what it names unambiguously — $name', async ({ invoices, applied, unapplied }) => {
    const result = await record({ invoices });
    expect(Object.fromEntries(result.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor]))).toEqual(applied);
    expect(result.payment.unappliedMinor).toBe(unapplied);
    expect(result.allocations.every((allocation) => allocation.by === 'auto' && allocation.confidencePercent === 100)).toBe(true);
  });

  it('leaves a payment that covers several invoices only in part unapplied: which is short is for a person', async () => {
    const result = await record({ amountMinor: 600_00, invoices: [{ invoiceId: 'INV-1', amountMinor: null }, { invoiceId: 'INV-2', amountMinor: null }] });
    expect(result).toMatchObject({ allocations: [], payment: { status: 'unapplied', unappliedMinor: 600_00 } });
    expect(result.unappliedReason).toContain('in part');
    expect((await store.listPayments('acme', { unapplied: true, limit: 10 })).map((payment) => payment.sourceId)).toEqual(['RCPT-1']);
  });
});

describe('allocating a payment', () => {
  it('splits it across invoices with a note: payment events, the status, and the audit trail', async () => {
    const { payment } = await record();
    const result = await allocatePayment({ store, now, workspaceId: 'acme', by: olu, paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amount: '500.00' }, { invoiceId: 'INV-2', amount: '120.50' }], note: 'remittance advice 4711' });
    expect(result.payment).toMatchObject({ status: 'partially_applied', unappliedMinor: 179_50 });
    expect(result.allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor, allocation.by, allocation.note])).toEqual([
      ['INV-1', 500_00, 'olu@acme.example', 'remittance advice 4711'],
      ['INV-2', 120_50, 'olu@acme.example', 'remittance advice 4711'],
    ]);
    expect(await balances()).toMatchObject({ 'INV-1': 0, 'INV-2': 179_50 });
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'payment.allocate' });
    expect(audit).toMatchObject({ actor: 'olu@acme.example', subject: `payment ${payment.id} (api RCPT-1)`, detail: { role: 'operator', rationale: 'remittance advice 4711' } });
  });

  it.each([
    { name: 'more than the payment has unapplied', allocations: [{ invoiceId: 'INV-1', amount: '500.00' }, { invoiceId: 'INV-2', amount: '300.00' }, { invoiceId: 'INV-3', amount: '0.01' }], field: 'allocations' },
    { name: 'more than the invoice owes', allocations: [{ invoiceId: 'INV-2', amount: '300.01' }], field: 'allocations[0].amount' },
    { name: 'the same invoice twice, together more than it owes', allocations: [{ invoiceId: 'INV-2', amount: '200.00' }, { invoiceId: 'INV-2', amount: '100.01' }], field: 'allocations[1].amount' },
    { name: 'an invoice in another currency', allocations: [{ invoiceId: 'INV-USD', amount: '1.00' }], field: 'allocations[0].invoiceId' },
    { name: 'an amount that is not one', allocations: [{ invoiceId: 'INV-1', amount: '1,00' }], field: 'allocations[0].amount' },
    { name: 'a zero amount', allocations: [{ invoiceId: 'INV-1', amount: '0.00' }], field: 'allocations[0].amount' },
  ])('refuses $name, naming the field, and writes nothing', async ({ allocations, field }) => {
    // INV-3 is another customer's, but a person may apply a payment to it: the limit here is the payment's 800.00.
    const { payment } = await record({ amountMinor: 800_00 });
    const error = await rejection(allocatePayment({ store, now, workspaceId: 'acme', by: olu, paymentId: payment.id, allocations, note: null }));
    expect(error.details?.field).toBe(field);
    expect(await store.listPaymentAllocations('acme', { paymentIds: [payment.id] })).toEqual([]);
    expect(await store.listEvents('acme')).toEqual([]);
  });
});

describe('reversing a payment', () => {
  it('takes the money from the unapplied part first, then the newest allocation; each invoice owes its part again, once', async () => {
    const { payment } = await record();
    await allocatePayment({ store, now, workspaceId: 'acme', by: olu, paymentId: payment.id, allocations: [{ invoiceId: 'INV-1', amount: '500.00' }], note: null });
    await allocatePayment({ store, now, workspaceId: 'acme', by: olu, paymentId: payment.id, allocations: [{ invoiceId: 'INV-2', amount: '200.00' }], note: null });
    // Unapplied 100.00; a refund of 250.00 takes it, then 150.00 of INV-2 (allocated last).
    const reversed = await reversePayment({ store, now, workspaceId: 'acme', by: erp, paymentId: payment.id, amountMinor: 250_00, reason: 'refund', reference: 'R-1', note: 'goods returned' });
    expect(reversed.reversal).toMatchObject({ fromUnappliedMinor: 100_00, parts: [{ invoiceId: 'INV-2', amountMinor: 150_00 }] });
    expect((await reversePayment({ store, now, workspaceId: 'acme', by: erp, paymentId: payment.id, amountMinor: 250_00, reason: 'refund', reference: 'R-1', note: null })).created).toBe(false);
    expect(await balances()).toMatchObject({ 'INV-1': 0, 'INV-2': 250_00 });
    expect((await store.listEvents('acme')).filter((event) => event.type === 'payment_reversed').map((event) => [event.invoiceId, event.payload.amount, event.payload.reason])).toEqual([['INV-2', '150.00', 'refund']]);
    expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'applied', unappliedMinor: 0, reversedMinor: 250_00 });
    const error = await rejection(reversePayment({ store, now, workspaceId: 'acme', by: erp, paymentId: payment.id, amountMinor: 550_01, reason: 'chargeback', reference: 'R-2', note: null }));
    expect(error.details?.field).toBe('amount');
  });

  it('opens an invoice the ERP had closed again, since it is owed again', async () => {
    const { payment } = await record({ amountMinor: 500_00, invoices: [{ invoiceId: 'INV-1', amountMinor: null }] });
    const [invoice] = await store.listInvoices('acme', { ids: ['INV-1'] });
    const { workspaceId: _w, updatedAt: _u, ...closed } = invoice!;
    await store.upsertInvoices('acme', [{ ...closed, status: 'closed' }]);
    await reversePayment({ store, now, workspaceId: 'acme', by: erp, paymentId: payment.id, amountMinor: 500_00, reason: 'chargeback', reference: 'dp_1', note: null });
    expect((await store.listInvoices('acme', { ids: ['INV-1'] }))[0]?.status).toBe('open');
    expect(await store.getPayment('acme', payment.id)).toMatchObject({ status: 'reversed' });
  });
});
