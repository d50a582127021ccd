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
    const candidates = await readInvoiceIndex({ store, workspaceId: 'acme', now, payments: batch, reads: 'candidates' });
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
    expect(read.map((invoice) => invoice.id).sort()).toEqual([...later].filter((id) => euro.has(id!)).sort());
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
