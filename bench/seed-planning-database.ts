import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { migrateToLatest } from '../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import { generatePortfolio } from '../src/app/demo/generate-portfolio.ts';
import { nameWordKeys } from '../src/core/cash/compare-names.ts';
import { invoiceNumberKeys } from '../src/core/cash/normalise-invoice-number.ts';
import { parseAmount } from '../src/core/money/money.ts';
import type { EpochDay } from '../src/core/time/calendar-day.ts';
import type { Instant } from '../src/core/time/time-zone.ts';
import type { PlanningSize } from './read-bench-options.ts';

// The planning benchmark's SQLite file: the real schema (migrated by the store's own
// migrations), then one workspace per size, written with plain better-sqlite3 in one transaction
// per workspace. Seeding is not what is measured; going through upsertInvoices would only make
// the run longer.

export interface SeedPlanningInput {
  path: string;
  sizes: readonly PlanningSize[];
  timeZones: number;
  /** The portfolio's "today": due dates spread from 120 days before to 45 days after. */
  today: EpochDay;
  /** When the invoices became known (and rows were written). */
  knownAt: Instant;
  seed: number;
  /** Keep the file when it was seeded with exactly these inputs. */
  reuse: boolean;
}

export interface SeededWorkspace {
  workspaceId: string;
  customers: number;
  invoices: number;
  contacts: number;
}

export interface SeedPlanningResult {
  workspaces: SeededWorkspace[];
  seedMs: number;
  /** True when an earlier run's file was kept (BENCH_REUSE_DB=1); seedMs is then that run's. */
  reused: boolean;
  fileBytes: number;
}

export function planningWorkspaceId(size: PlanningSize): string {
  return `bench-${size.invoices}`;
}

export async function seedPlanningDatabase(input: SeedPlanningInput): Promise<SeedPlanningResult> {
  const markerPath = `${input.path}.seeded.json`;
  const key = JSON.stringify({ sizes: input.sizes, timeZones: input.timeZones, today: input.today, knownAt: input.knownAt, seed: input.seed });
  if (input.reuse && existsSync(input.path) && existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as { key: string; result: SeedPlanningResult };
    if (marker.key === key) return { ...marker.result, reused: true };
  }
  for (const suffix of ['', '-wal', '-shm', '.seeded.json']) rmSync(`${input.path}${suffix}`, { force: true });

  const started = performance.now();
  const database = openDatabase(input.path);
  try {
    await migrateToLatest(database);
  } finally {
    await database.close();
  }
  const sqlite = new BetterSqlite3(input.path);
  let workspaces: SeededWorkspace[];
  try {
    sqlite.pragma('synchronous = OFF');
    workspaces = input.sizes.map((size) => seedWorkspace(sqlite, size, input));
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
  const result: SeedPlanningResult = { workspaces, seedMs: performance.now() - started, reused: false, fileBytes: statSync(input.path).size };
  writeFileSync(markerPath, JSON.stringify({ key, result }));
  return result;
}

function seedWorkspace(sqlite: BetterSqlite3.Database, size: PlanningSize, input: SeedPlanningInput): SeededWorkspace {
  const workspaceId = planningWorkspaceId(size);
  const insertWorkspace = sqlite.prepare(
    'insert into workspaces (id, name, time_zone, locale, currency, created_at) values (?, ?, ?, ?, ?, ?)',
  );
  const insertCustomer = sqlite.prepare(
    `insert into customers (workspace_id, id, name, time_zone, locale, tags, region, industry, score, tier, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertContact = sqlite.prepare(
    'insert into contacts (workspace_id, customer_id, email, name, role, is_primary) values (?, ?, ?, ?, ?, ?)',
  );
  // With the columns the repositories keep (migration 0024): the number's keys, the running balance (no events yet), the name's words.
  const insertInvoice = sqlite.prepare(
    `insert into invoices (workspace_id, id, customer_id, number, issued_on, due_on, amount_minor, balance_minor, currency, known_at, status, updated_at, number_key, number_group_key, open_minor)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
  );
  const insertNameWord = sqlite.prepare('insert into customer_name_words (workspace_id, word_key, customer_id) values (?, ?, ?)');
  const seeded: SeededWorkspace = { workspaceId, customers: 0, invoices: 0, contacts: 0 };
  const at = input.knownAt;
  sqlite.transaction(() => {
    insertWorkspace.run(workspaceId, `Benchmark ${size.invoices}`, 'America/New_York', 'en-US', 'USD', at);
    const portfolio = generatePortfolio({ customers: size.customers, invoices: size.invoices, timeZones: input.timeZones, today: input.today, seed: input.seed });
    for (const { customer, invoices } of portfolio) {
      insertCustomer.run(
        workspaceId, customer.id, customer.name, customer.timezone, customer.locale, JSON.stringify(customer.tags),
        customer.region, customer.industry, customer.score, customer.tier, at, at,
      );
      for (const wordKey of nameWordKeys(customer.name)) insertNameWord.run(workspaceId, wordKey, customer.id);
      seeded.customers += 1;
      for (const contact of customer.contacts) {
        insertContact.run(workspaceId, customer.id, contact.email, contact.name, null, 1);
        seeded.contacts += 1;
      }
      for (const invoice of invoices) {
        const [numberKey, groupKey] = invoiceNumberKeys(invoice.number);
        const balanceMinor = toMinor(invoice.balance, invoice.currency);
        insertInvoice.run(
          workspaceId, invoice.id, invoice.customer, invoice.number, invoice.issuedOn, invoice.dueOn,
          toMinor(invoice.amount, invoice.currency), balanceMinor, invoice.currency, at, at, numberKey ?? null, groupKey ?? null, balanceMinor,
        );
        seeded.invoices += 1;
      }
    }
  })();
  return seeded;
}

function toMinor(amount: string, currency: string): number {
  const parsed = parseAmount(amount, currency);
  if (!parsed.ok) throw new Error(`generated amount ${amount} ${currency}: ${parsed.problem}`);
  return parsed.minor;
}
