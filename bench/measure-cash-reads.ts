import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { migrateToLatest } from '../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import { listUnappliedCash } from '../src/app/payments/list-unapplied-cash.ts';
import type { InvoiceReads } from '../src/app/payments/read-invoice-index.ts';
import type { Store } from '../src/app/ports/store.ts';
import { createSeededRandom } from '../src/core/random/create-seeded-random.ts';
import { buildCashData } from './build-cash-data.ts';
import { buildCashHistory } from './build-cash-history.ts';
import { collectGarbage, readMemory } from './create-memory-probe.ts';

// A page of Unapplied Cash (50 payments with their suggestions) against a large portfolio in
// SQLite, read two ways: only the payments' candidates (what the product does) and every open
// invoice with its events (what it did before), each timed with the store's calls and the rows
// they returned counted, and the two pages compared: they must be the same. The portfolio is
// bench/build-cash-data.ts with the history of bench/build-cash-history.ts, written through the
// store (so its running balances, number keys and name words are the store's own).

export interface CashReadsSize {
  invoices: number;
  customers: number;
}

export interface CashReadsTask {
  kind: 'cash-reads';
  databasePath: string;
  size: CashReadsSize;
  /** Payments on the page. */
  pagePayments: number;
  seed: number;
  today: number;
  runs: number;
  /** Keep a file already seeded with exactly these inputs. */
  reuse: boolean;
}

export interface CashReadsPath {
  reads: InvoiceReads;
  ms: number[];
  /** Store calls of one page, and the rows (records) they returned. */
  storeCalls: number;
  rowsRead: number;
  /** The same by store method. */
  byMethod: Record<string, { calls: number; rows: number }>;
  /** How far the heap grew above what it held before the page, at its highest. */
  heapGrowthBytes: number;
}

export interface CashReadsMeasurement {
  kind: 'cash-reads';
  size: CashReadsSize;
  seeded: { invoices: number; events: number; customers: number; seedMs: number; reused: boolean; fileBytes: number };
  payments: number;
  /** Suggestions on the page, and payments with at least one. */
  suggestions: number;
  paymentsWithSuggestions: number;
  /** The two reads gave the same page, suggestion for suggestion. */
  same: boolean;
  candidates: CashReadsPath;
  everything: CashReadsPath;
}

const workspaceId = 'cash-reads';
const msPerDay = 86_400_000;

export async function measureCashReads(task: CashReadsTask): Promise<CashReadsMeasurement> {
  const now = task.today * msPerDay + 13 * 3_600_000;
  const seeded = await seedCashReads(task, now);
  const database = openDatabase(`file:${task.databasePath}`);
  try {
    const store = createStore(database, { now: () => now });
    const query = { limit: task.pagePayments };
    const candidates = await measurePath(store, 'candidates', task.runs, now, query);
    const everything = await measurePath(store, 'everything', task.runs, now, query);
    const page = candidates.page;
    return {
      kind: 'cash-reads',
      size: task.size,
      seeded,
      payments: page.items.length,
      suggestions: page.items.reduce((sum, item) => sum + item.suggestions.length, 0),
      paymentsWithSuggestions: page.items.filter((item) => item.suggestions.length > 0).length,
      same: JSON.stringify(page) === JSON.stringify(everything.page),
      candidates: candidates.path,
      everything: everything.path,
    };
  } finally {
    await database.close();
  }
}

async function measurePath(store: Store, reads: InvoiceReads, runs: number, now: number, query: { limit: number }) {
  const ms: number[] = [];
  let counted: Counted = { calls: 0, rows: 0, peakHeapBytes: 0, byMethod: {} };
  let page: Awaited<ReturnType<typeof listUnappliedCash>> | null = null;
  let heapGrowthBytes = 0;
  for (let run = 0; run < runs; run += 1) {
    collectGarbage();
    const before = readMemory().heapUsedBytes;
    const counting = countStoreRows(store);
    const started = performance.now();
    const result = await listUnappliedCash({ store: counting.store, now, workspaceId, query, reads });
    ms.push(performance.now() - started);
    counted = counting.counted;
    heapGrowthBytes = Math.max(heapGrowthBytes, counted.peakHeapBytes - before);
    page ??= result;
  }
  return { page: page!, path: { reads, ms, storeCalls: counted.calls, rowsRead: counted.rows, byMethod: counted.byMethod, heapGrowthBytes } satisfies CashReadsPath };
}

/** The store, counting its calls and the records they answer (a streamed invoice is one), sampling the heap at each. */
interface Counted {
  calls: number;
  rows: number;
  peakHeapBytes: number;
  byMethod: Record<string, { calls: number; rows: number }>;
}

function countStoreRows(store: Store): { store: Store; counted: Counted } {
  const counted: Counted = { calls: 0, rows: 0, peakHeapBytes: 0, byMethod: {} };
  const tally = (method: string, calls: number, rows: number) => {
    const entry = (counted.byMethod[method] ??= { calls: 0, rows: 0 });
    entry.calls += calls;
    entry.rows += rows;
    counted.calls += calls;
    counted.rows += rows;
  };
  const sample = () => {
    counted.peakHeapBytes = Math.max(counted.peakHeapBytes, process.memoryUsage().heapUsed);
  };
  // A list is its records; an answer of several lists ({ invoices, unsettled, counts }) theirs together.
  const rowsOf = (value: unknown): number => {
    if (Array.isArray(value)) return value.length;
    if (value === null || value === undefined) return 0;
    if (typeof value !== 'object') return 1;
    const lists = Object.values(value).filter((part) => Array.isArray(part)) as unknown[][];
    return lists.length === 0 ? 1 : lists.reduce((sum, list) => sum + list.length, 0);
  };
  const counting = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        tally(property, 1, 0);
        const result = (value as (...callArgs: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          return result.then((answer: unknown) => {
            tally(property, 0, rowsOf(answer));
            sample();
            return answer;
          });
        }
        if (result !== null && typeof result === 'object' && Symbol.asyncIterator in result) {
          return (async function* () {
            let seen = 0;
            for await (const row of result as AsyncIterable<unknown>) {
              tally(property, 0, 1);
              seen += 1;
              if (seen % 2_000 === 0) sample();
              yield row;
            }
            sample();
          })();
        }
        return result;
      };
    },
  });
  return { store: counting, counted };
}

async function seedCashReads(task: CashReadsTask, now: number): Promise<CashReadsMeasurement['seeded']> {
  const markerPath = `${task.databasePath}.seeded.json`;
  const key = JSON.stringify({ size: task.size, pagePayments: task.pagePayments, seed: task.seed, today: task.today, schema: 1 });
  if (task.reuse && existsSync(task.databasePath) && existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as { key: string; seeded: CashReadsMeasurement['seeded'] };
    if (marker.key === key) return { ...marker.seeded, reused: true };
  }
  for (const suffix of ['', '-wal', '-shm', '.seeded.json']) rmSync(`${task.databasePath}${suffix}`, { force: true });
  const started = performance.now();
  const database = openDatabase(`file:${task.databasePath}`);
  let counts: { invoices: number; events: number; customers: number };
  try {
    await migrateToLatest(database);
    const store = createStore(database, { now: () => now });
    // A few more payments than the page shows, so it has a next page.
    const data = buildCashData({ ...task.size, payments: task.pagePayments + 10, seed: task.seed, today: task.today });
    const history = buildCashHistory(data, { random: createSeededRandom(task.seed + 1), now });
    await store.upsertWorkspace({ id: workspaceId, name: 'Cash reads', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
    for (const chunk of chunks(history.customers)) await store.upsertCustomers(workspaceId, chunk);
    for (const chunk of chunks(history.invoices)) await store.upsertInvoices(workspaceId, chunk);
    for (const chunk of chunks(history.events)) await store.appendEvents(workspaceId, chunk);
    await store.upsertInvoices(workspaceId, history.corrections);
    for (const payment of data.payments) {
      await store.recordPayment(workspaceId, {
        source: 'api',
        sourceId: payment.id,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        receivedAt: payment.receivedAt,
        customerId: payment.customerId,
        payerName: payment.payerName === '' ? null : payment.payerName,
        memo: payment.memo === '' ? null : payment.memo,
        recordedBy: 'token:bench',
      });
    }
    counts = { invoices: history.invoices.length, events: history.events.length, customers: history.customers.length };
  } finally {
    await database.close();
  }
  const seeded = { ...counts, seedMs: performance.now() - started, reused: false, fileBytes: statSync(task.databasePath).size };
  writeFileSync(markerPath, JSON.stringify({ key, seeded }));
  return seeded;
}

function chunks<T>(rows: readonly T[], size = 5_000): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}
