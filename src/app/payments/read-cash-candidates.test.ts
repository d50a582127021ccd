import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCashData, type CashBenchData } from '../../../bench/build-cash-data.ts';
import { buildCashHistory, type CashHistory } from '../../../bench/build-cash-history.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { InvoiceIndex } from '../../core/cash/build-invoice-index.ts';
import type { IncomingPayment } from '../../core/cash/cash-types.ts';
import { matchPayment } from '../../core/cash/match-payment.ts';
import { matchPayments } from '../../core/cash/match-payments.ts';
import { proposeRemittanceAllocations } from '../../core/cash/remittance/propose-remittance-allocations.ts';
import type { RemittanceAdvice } from '../../core/cash/remittance/remittance-advice.ts';
import { extractReferences } from '../../core/cash/extract-references.ts';
import { compareCodePoints } from '../../core/portfolio/compare-code-points.ts';
import { createSeededRandom } from '../../core/random/create-seeded-random.ts';
import type { Store } from '../ports/store.ts';
import { remittanceCandidates } from '../remittances/upload-remittance.ts';
import { readCashCandidates } from './read-cash-candidates.ts';
import { readCommonNameWords, readInvoiceIndex } from './read-invoice-index.ts';
import { listUnappliedCash } from './list-unapplied-cash.ts';
import { readOpenInvoices } from './read-open-invoices.ts';

// The candidate read proposes what the read of every open invoice proposes, payment for payment,
// on portfolios of bench/build-cash-data.ts (numbers from one sequence with gaps, typos, lists,
// short-pays, payer names cut off or abbreviated, customers billed the same every month, several
// currencies) stored with a history (part-payments, credits, refunds, a payment dated tomorrow,
// paid and closed invoices in the gaps, a currency corrected after a payment: bench/build-cash-
// history.ts): every proposal with its alternatives, reasons and blockers, a batch's decisions to
// apply, a remittance advice's proposal, and the Unapplied Cash list itself.

const msPerDay = 86_400_000;
const today = 20_400;
const now = today * msPerDay + 13 * 3_600_000;
const pageSize = 50;

interface Portfolio {
  name: string;
  seed: number;
  invoices: number;
  customers: number;
  payments: number;
  /** A page reads at most this share of the open invoices (a small portfolio is mostly its largest customers). */
  maxShareRead: number;
}

const portfolios: Portfolio[] = [
  // Few customers: "Logistics", "Foods"… are held by fewer than 50 and find customers.
  { name: '3,000 invoices of 400 customers', seed: 11, invoices: 3_000, customers: 400, payments: 300, maxShareRead: 0.75 },
  // More: the sectors and the commonest brand prefixes are too common to find anyone.
  { name: '12,000 invoices of 3,000 customers', seed: 23, invoices: 12_000, customers: 3_000, payments: 300, maxShareRead: 0.3 },
];

describe.each(portfolios)('the candidate read on $name', (portfolio) => {
  let database: DatabaseHandle;
  let store: Store;
  let data: CashBenchData;
  let history: CashHistory;
  let full: InvoiceIndex;

  beforeAll(async () => {
    data = buildCashData({ invoices: portfolio.invoices, customers: portfolio.customers, payments: portfolio.payments, seed: portfolio.seed, today });
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
    history = buildCashHistory(data, { random: createSeededRandom(portfolio.seed + 1), now });
    await seedPortfolio(store, data, history);
    full = await readInvoiceIndex({ store, workspaceId: 'acme', now, payments: data.payments, reads: 'everything' });
  }, 120_000);
  afterAll(() => database.close());

  it('stores a portfolio whose open invoices owe what the generated ones do', async () => {
    const open = await readOpenInvoices(store, 'acme', now);
    const byId = (a: { id: string }, b: { id: string }) => compareCodePoints(a.id, b.id);
    expect([...open].sort(byId)).toEqual([...data.invoices].sort(byId));
  });

  it('proposes the same for every payment of every page, with the same alternatives, reasons and blockers', async () => {
    let read = 0;
    for (const page of pages(data.payments)) {
      const candidates = await readInvoiceIndex({ store, workspaceId: 'acme', now, payments: page, reads: 'candidates' });
      read += candidates.size;
      for (const payment of page) {
        expect(matchPayment({ payment, index: candidates, describeAlternatives: true }), payment.memo).toEqual(matchPayment({ payment, index: full, describeAlternatives: true }));
      }
    }
    // And it read a part of the portfolio only, though every page reads the largest customers' invoices.
    expect(read / Math.ceil(data.payments.length / pageSize)).toBeLessThan(full.size * portfolio.maxShareRead);
  });

  it('decides the same payments to apply in a batch, where what one payment takes is no longer open to the next', async () => {
    const batch = data.payments.slice(0, 200);
    const candidates = await readInvoiceIndex({ store, workspaceId: 'acme', now, payments: batch, reads: 'candidates', batch: true });
    const matched = matchPayments({ payments: batch, index: candidates });
    expect(matched).toEqual(matchPayments({ payments: batch, index: full }));
    expect(matched.filter((each) => each.decision.autoApply).length).toBeGreaterThan(batch.length / 2);
  });

  it('proposes the same allocations for a remittance advice', async () => {
    const remittances = data.payments
      .map((payment) => ({
        advice: adviceOf(payment),
        payment: { id: payment.id, currency: payment.currency, unappliedMinor: payment.amountMinor, receivedAt: payment.receivedAt, customerId: payment.customerId, payerName: payment.payerName },
      }))
      .filter(({ advice }) => advice.lines.length > 0)
      .slice(0, 60);
    expect(remittances).toHaveLength(60);
    const everything = await readInvoiceIndex({ store, workspaceId: 'acme', now, payments: remittances.map(({ advice, payment }) => remittanceCandidates(payment, advice)), reads: 'everything' });
    for (const { advice, payment } of remittances) {
      const candidates = await readInvoiceIndex({ store, workspaceId: 'acme', now, payments: [remittanceCandidates(payment, advice)], reads: 'candidates' });
      expect(proposeRemittanceAllocations({ advice, payment, index: candidates, settled: [] })).toEqual(proposeRemittanceAllocations({ advice, payment, index: everything, settled: [] }));
    }
  });

  it('lists the same Unapplied Cash page either way', async () => {
    const query = { limit: pageSize };
    const candidates = await listUnappliedCash({ store, now, workspaceId: 'acme', query, reads: 'candidates' });
    expect(candidates.items).toHaveLength(pageSize);
    expect(candidates).toEqual(await listUnappliedCash({ store, now, workspaceId: 'acme', query, reads: 'everything' }));
  });

  it('reads, for a payment that names nothing, has no payer and an amount nothing owes, only the invoices with a payment dated later', async () => {
    const junk: IncomingPayment = { id: 'junk', amountMinor: 1_234_567, currency: 'EUR', receivedAt: now, customerId: null, payerName: '', memo: 'thank you', remittance: [] };
    const read = await readCashCandidates({ store, workspaceId: 'acme', now, payments: [junk], commonNameWords: await readCommonNameWords(store, 'acme', [junk]) });
    const later = new Set(history.events.filter((event) => event.at > now).map((event) => event.invoiceId));
    const euro = new Set(data.invoices.filter((invoice) => invoice.currency === 'EUR').map((invoice) => invoice.id));
    expect(read.invoices.map((invoice) => invoice.id).sort()).toEqual([...later].filter((id) => euro.has(id!)).sort());
  });
});

async function seedPortfolio(store: Store, data: CashBenchData, history: CashHistory): Promise<void> {
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.upsertCustomers('acme', history.customers);
  await store.upsertInvoices('acme', history.invoices);
  await store.appendEvents('acme', history.events);
  await store.upsertInvoices('acme', history.corrections);
  // The first payments as the ledger holds them, for the Unapplied Cash list.
  for (const payment of data.payments.slice(0, pageSize + 10)) {
    await store.recordPayment('acme', {
      source: 'api',
      sourceId: payment.id,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      receivedAt: payment.receivedAt,
      customerId: payment.customerId,
      payerName: payment.payerName === '' ? null : payment.payerName,
      memo: payment.memo === '' ? null : payment.memo,
      recordedBy: 'token:erp',
    });
  }
}

function pages(payments: readonly IncomingPayment[]): IncomingPayment[][] {
  const result: IncomingPayment[][] = [];
  for (let start = 0; start < payments.length; start += pageSize) result.push(payments.slice(start, start + pageSize));
  return result;
}

/** The payment's remittance lines as an advice, or else a line for each reference of its memo. */
function adviceOf(payment: IncomingPayment): RemittanceAdvice {
  const mentions = extractReferences(payment.memo).filter((mention) => mention.role !== 'part');
  const lines =
    payment.remittance.length > 0
      ? payment.remittance
      : mentions.map((mention) => ({ reference: mention.text, amountMinor: Math.max(1, Math.floor(payment.amountMinor / mentions.length)) }));
  return {
    format: 'csv',
    lines: lines.map((line, position) => ({
      number: position + 1,
      at: { line: position + 2, page: null },
      reference: line.reference,
      paidMinor: line.amountMinor,
      invoiceAmountMinor: null,
      discountMinor: 0,
      deductionMinor: 0,
      reason: null,
      currency: null,
    })),
    statedTotal: null,
    columns: {},
    decimalSeparator: '.',
    decimalSeparatorUncertain: false,
    issues: [],
  };
}

describe('the candidate read where the generated portfolios seldom go', () => {
  let database: DatabaseHandle;
  let store: Store;

  beforeAll(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
    await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
    // Ten customers come before Subra in id order, each with an invoice of 100.00 and one of 80.00:
    // the first few invoices owing either amount are never Subra's.
    const others = Array.from({ length: 10 }, (_, position) => `c${String(position).padStart(2, '0')}`);
    await store.upsertCustomers('acme', [...others.map((id) => ({ id, name: `Firm ${id.toUpperCase()} Trading` })), { id: 's1', name: 'Subra Media GmbH' }]);
    await store.upsertInvoices('acme', [
      // Numbers far apart (333333, 444444, …): no one is a typo of another.
      ...others.flatMap((customerId, position) => [
        invoice(`o${position}a`, customerId, `INV-0${(position + 3) * 111_111}`, 100_00),
        invoice(`o${position}b`, customerId, `INV-0${(position + 3) * 111_111 + 7}`, 80_00),
      ]),
      // Subra is billed 100.00 every month, and once 80.00.
      ...[1, 2, 3, 4].map((month) => invoice(`s${month}`, 's1', `INV-020000${month}`, 100_00)),
      invoice('s9', 's1', 'INV-0200009', 80_00),
    ]);
  });
  afterAll(() => database.close());

  const payment = (overrides: Partial<IncomingPayment>): IncomingPayment => ({ id: 'p', amountMinor: 100_00, currency: 'EUR', receivedAt: now, customerId: null, payerName: 'J SMITH', memo: '', remittance: [], ...overrides });
  const both = async (payments: IncomingPayment[], batch = false) => ({
    candidates: await readInvoiceIndex({ store, workspaceId: 'acme', now, payments, reads: 'candidates', batch }),
    everything: await readInvoiceIndex({ store, workspaceId: 'acme', now, payments, reads: 'everything' }),
  });

  it('sees the other invoices of the customer a typo points at that owe the payment, however far down the amount\'s list', async () => {
    // "2000010" is INV-0200001 with a character too many; Subra has three more invoices of 100.00.
    const typo = payment({ memo: 'INV 2000010' });
    const { candidates, everything } = await both([typo]);
    const proposal = matchPayment({ payment: typo, index: candidates, describeAlternatives: true });
    expect(proposal).toEqual(matchPayment({ payment: typo, index: everything, describeAlternatives: true }));
    expect(proposal.reasons.find((reason) => reason.code === 'amount_exact')?.text).toContain('also that of 3 other open invoices of the customer');
  });

  it('sees that another invoice of the customer is open for exactly a short-pay', async () => {
    const short = payment({ amountMinor: 80_00, memo: 'Invoice INV-0200002' });
    const { candidates, everything } = await both([short]);
    const proposal = matchPayment({ payment: short, index: candidates, describeAlternatives: true });
    expect(proposal).toEqual(matchPayment({ payment: short, index: everything, describeAlternatives: true }));
    expect(proposal.blockers.map((blocker) => blocker.code)).toContain('other_invoice_fits_amount');
  });

  it('in a batch, lists past the first invoices owing an amount once earlier payments took some of them', async () => {
    // The first two pay c00's and c01's invoices of 100.00 by name; the third, 100.00 from nobody, is read by amount alone among the rest.
    const batch = [
      payment({ id: 'p1', customerId: 'c00', payerName: '', memo: 'Invoice INV-0333333' }),
      payment({ id: 'p2', customerId: 'c01', payerName: '', memo: 'Invoice INV-0444444' }),
      payment({ id: 'p3', payerName: '' }),
    ];
    const { candidates, everything } = await both(batch, true);
    const matched = matchPayments({ payments: batch, index: candidates });
    expect(matched).toEqual(matchPayments({ payments: batch, index: everything }));
    expect(matched.map((each) => each.decision.autoApply)).toEqual([true, true, false]);
    expect(matched[2]!.proposal.reasons[0]!.text).toContain('(12 open invoices have that balance)');
    expect(matched[2]!.proposal.alternatives).toHaveLength(3);
  });
});

function invoice(id: string, customerId: string, number: string, balanceMinor: number) {
  return { id, customerId, number, issuedOn: '2025-10-01', dueOn: '2025-10-31', amountMinor: balanceMinor, balanceMinor, currency: 'EUR', knownAt: now - msPerDay, status: 'open' as const };
}
