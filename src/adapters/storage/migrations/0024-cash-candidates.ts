import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { nameWordKeys } from '../../../core/cash/compare-names.ts';
import { invoiceNumberKeys } from '../../../core/cash/normalise-invoice-number.ts';
import { parseAmount } from '../../../core/money/money.ts';
import type { StorageCapabilities } from '../storage-dialect.ts';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// Cash-App Assist reads only the open invoices a few payments could be matched to, by index:
// - invoices.number_key / number_group_key: the number's lookup keys (normalise-invoice-number.ts:
//   "INV-0104217" → 104217; a number of several groups has a second key), kept by the invoice
//   repository on every upsert;
// - invoices.open_minor: the stored balance moved by every payment, credit and reversal recorded
//   on the invoice so far (null: not known, its events must be read), and balance_event_at, the latest
//   instant of those events: an invoice whose open balance at `now` is an amount has that amount
//   here unless an event lies after `now`; the event repository keeps both on every append;
// - customer_name_words: each customer under its name's word keys (compare-names.ts), kept by the
//   customer repository, so payer names find customers, and common words are counted, by index;
// - events_by_invoice, so the events of just those invoices are read.
// Existing rows are filled here with the code of this release; a later change to how numbers or
// names are keyed needs a migration that fills them again. A later migration that rebuilds the
// events table on SQLite (as 0010, 0017 and 0020 did) must create events_by_invoice again.

// The balance events and their direction as of this migration (app/open-balance.ts).
const balanceDirection: Record<string, -1 | 1> = { payment: -1, credit: -1, payment_reversed: 1 };
const pageSize = 2_000;

export const cashCandidatesMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    await db.schema.alterTable('invoices').addColumn('number_key', 'text').execute();
    await db.schema.alterTable('invoices').addColumn('number_group_key', 'text').execute();
    await db.schema.alterTable('invoices').addColumn('open_minor', 'bigint').execute();
    await db.schema.alterTable('invoices').addColumn('balance_event_at', 'bigint').execute();
    await db.schema.createIndex('events_by_invoice').on('events').columns(['workspace_id', 'invoice_id']).execute();
    await db.schema
      .createTable('customer_name_words')
      .addColumn('workspace_id', 'text', key)
      .addColumn('word_key', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addPrimaryKeyConstraint('customer_name_words_pk', ['workspace_id', 'word_key', 'customer_id'])
      .addForeignKeyConstraint('customer_name_words_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
      .execute();
    await db.schema.createIndex('customer_name_words_by_customer').on('customer_name_words').columns(['workspace_id', 'customer_id']).execute();
    await fillInvoices(db, capabilities);
    await fillNameWords(db, capabilities);
    // Built after the fill: one sort each instead of a million index updates.
    await db.schema.createIndex('invoices_by_number_key').on('invoices').columns(['workspace_id', 'number_key']).execute();
    await db.schema.createIndex('invoices_by_number_group_key').on('invoices').columns(['workspace_id', 'number_group_key']).execute();
    // Ordered by customer and id within an amount: the first few owing it come without a sort.
    await db.schema.createIndex('invoices_by_open_minor').on('invoices').columns(['workspace_id', 'status', 'currency', 'open_minor', 'customer_id', 'id']).execute();
    await db.schema.createIndex('invoices_by_balance_event').on('invoices').columns(['workspace_id', 'balance_event_at']).execute();
  },
  async down(db) {
    for (const index of ['invoices_by_balance_event', 'invoices_by_open_minor', 'invoices_by_number_group_key', 'invoices_by_number_key', 'events_by_invoice']) {
      await db.schema.dropIndex(index).execute();
    }
    await db.schema.dropTable('customer_name_words').execute();
    for (const column of ['balance_event_at', 'open_minor', 'number_group_key', 'number_key']) {
      await db.schema.alterTable('invoices').dropColumn(column).execute();
    }
  },
};

interface InvoiceRow {
  workspace_id: string;
  id: string;
  number: string;
  balance_minor: number | string;
  currency: string;
}

interface CustomerRow {
  workspace_id: string;
  id: string;
  name: string;
}

interface EventRow {
  invoice_id: string;
  type: string;
  at: number | string;
  payload: string;
}

/**
 * Every invoice's keys and running balance, a page at a time (keyset on the primary key), into a
 * staging table; then one UPDATE … FROM (SQLite 3.33 and later, PostgreSQL) writes them all.
 */
async function fillInvoices(db: Kysely<unknown>, capabilities: StorageCapabilities): Promise<void> {
  const collation = sql.id(capabilities.binaryCollation);
  await sql`create table cash_candidates_fill (
    workspace_id text collate ${collation} not null, id text collate ${collation} not null,
    number_key text, number_group_key text, open_minor bigint, balance_event_at bigint,
    primary key (workspace_id, id))`.execute(db);
  let after: { workspaceId: string; id: string } | null = null;
  for (;;) {
    const from: { workspaceId: string; id: string } | null = after;
    const rows: InvoiceRow[] = (
      await sql<InvoiceRow>`select workspace_id, id, number, balance_minor, currency from invoices
        ${from === null ? sql`` : sql`where (workspace_id, id) > (${from.workspaceId}, ${from.id})`}
        order by workspace_id, id limit ${pageSize}`.execute(db)
    ).rows;
    if (rows.length === 0) break;
    const events = await readBalanceEvents(db, rows);
    const filled = rows.map((row) => {
      const keys = invoiceNumberKeys(row.number);
      let open = Number(row.balance_minor);
      let latest: number | null = null;
      for (const event of events.get(`${row.workspace_id}\u0000${row.id}`) ?? []) {
        const sign = balanceDirection[event.type]!;
        const amount = parseAmount(String((JSON.parse(event.payload) as { amount?: unknown }).amount ?? ''), row.currency);
        if (amount.ok) open += sign * amount.minor;
        latest = Math.max(latest ?? Number(event.at), Number(event.at));
      }
      return [row.workspace_id, row.id, keys[0] ?? null, keys[1] ?? null, open, latest];
    });
    for (const chunk of chunkBy(filled, 6, capabilities)) {
      await sql`insert into cash_candidates_fill (workspace_id, id, number_key, number_group_key, open_minor, balance_event_at)
        values ${sql.join(chunk.map((values) => sql`(${sql.join(values)})`))}`.execute(db);
    }
    const last: InvoiceRow = rows[rows.length - 1]!;
    after = { workspaceId: last.workspace_id, id: last.id };
    if (rows.length < pageSize) break;
  }
  await sql`update invoices set number_key = f.number_key, number_group_key = f.number_group_key, open_minor = f.open_minor, balance_event_at = f.balance_event_at
    from cash_candidates_fill as f where f.workspace_id = invoices.workspace_id and f.id = invoices.id`.execute(db);
  await sql`drop table cash_candidates_fill`.execute(db);
}

async function readBalanceEvents(db: Kysely<unknown>, invoices: readonly InvoiceRow[]): Promise<Map<string, EventRow[]>> {
  const byWorkspace = new Map<string, string[]>();
  for (const invoice of invoices) byWorkspace.set(invoice.workspace_id, [...(byWorkspace.get(invoice.workspace_id) ?? []), invoice.id]);
  const found = new Map<string, EventRow[]>();
  const types = Object.keys(balanceDirection);
  for (const [workspaceId, ids] of byWorkspace) {
    const { rows } = await sql<EventRow>`select invoice_id, type, at, payload from events
      where workspace_id = ${workspaceId} and invoice_id in (${sql.join(ids)}) and type in (${sql.join(types)})`.execute(db);
    for (const row of rows) {
      const key = `${workspaceId}\u0000${row.invoice_id}`;
      found.set(key, [...(found.get(key) ?? []), row]);
    }
  }
  return found;
}

async function fillNameWords(db: Kysely<unknown>, capabilities: StorageCapabilities): Promise<void> {
  let after: { workspaceId: string; id: string } | null = null;
  for (;;) {
    const from: { workspaceId: string; id: string } | null = after;
    const rows: CustomerRow[] = (
      await sql<CustomerRow>`select workspace_id, id, name from customers
        ${from === null ? sql`` : sql`where (workspace_id, id) > (${from.workspaceId}, ${from.id})`}
        order by workspace_id, id limit ${pageSize}`.execute(db)
    ).rows;
    if (rows.length === 0) break;
    const words = rows.flatMap((row) => nameWordKeys(row.name).map((wordKey) => [row.workspace_id, wordKey, row.id]));
    for (const chunk of chunkBy(words, 3, capabilities)) {
      await sql`insert into customer_name_words (workspace_id, word_key, customer_id) values ${sql.join(chunk.map((values) => sql`(${sql.join(values)})`))}`.execute(db);
    }
    const last: CustomerRow = rows[rows.length - 1]!;
    after = { workspaceId: last.workspace_id, id: last.id };
    if (rows.length < pageSize) break;
  }
}

function chunkBy<T>(rows: readonly T[], columns: number, capabilities: StorageCapabilities): T[][] {
  const size = Math.max(1, Math.floor((capabilities.maxBindParameters - 16) / columns));
  const chunks: T[][] = [];
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
  return chunks;
}
