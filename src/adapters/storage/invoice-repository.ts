import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { balanceEventTypes, balanceMovement } from '../../app/open-balance.ts';
import {
  StorageInputError,
  type EventType,
  type InvoiceInput,
  type JsonObject,
  type Store,
  type StorageInputIssue,
  type StoredInvoice,
} from '../../app/ports/store.ts';
import { chunkRows } from './chunk-rows.ts';
import { compareCodePoints } from './compare-code-points.ts';
import type { Database, InvoiceTable } from './database-schema.ts';
import { calendarDateSchema, currencySchema, idSchema, instantSchema, minorUnitsSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { selectByIds } from './select-by-ids.ts';
import { describeById, throwIfAny, validateRecords } from './validate-records.ts';
import { invoiceNumberKeys } from '../../core/cash/normalise-invoice-number.ts';

const invoiceSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  number: textSchema,
  issuedOn: calendarDateSchema,
  dueOn: calendarDateSchema,
  amountMinor: minorUnitsSchema,
  balanceMinor: minorUnitsSchema,
  currency: currencySchema,
  knownAt: instantSchema,
  status: z.enum(['open', 'closed']),
});

type ValidInvoice = z.infer<typeof invoiceSchema>;

// Selected under the port's names, so rows need no mapping (it adds up over a million invoices).
export const invoiceColumns = [
  'workspace_id as workspaceId',
  'id',
  'customer_id as customerId',
  'number',
  'issued_on as issuedOn',
  'due_on as dueOn',
  'amount_minor as amountMinor',
  'balance_minor as balanceMinor',
  'currency',
  'known_at as knownAt',
  'status',
  'updated_at as updatedAt',
] as const;

const invoiceColumnCount = 16;
const defaultBatchSize = 1_000;
const maxBatchSize = 10_000;

export type InvoiceRepository = Pick<Store, 'upsertInvoices' | 'listInvoices' | 'streamOpenInvoices' | 'pageInvoices'>;

export function createInvoiceRepository(context: RepositoryContext): InvoiceRepository {
  return {
    async upsertInvoices(workspaceId, invoices) {
      const valid = validateInvoices(invoices);
      await runAtomically(context, { record: 'invoices', field: 'customerId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        await requireCustomers(db, context, workspaceId, valid);
        await writeInvoices(db, context, workspaceId, valid);
      });
      return { upserted: valid.length };
    },

    async listInvoices(workspaceId, query = {}) {
      // Chunked by the ids, or else by the customers; the other list, when both are given, filters the rows.
      const byIds = query.ids !== undefined;
      const rows = await runQuery(context, { record: 'invoices' }, () =>
        selectByIds({
          ids: query.ids ?? query.customerIds,
          capabilities: context.dialect.capabilities,
          select: (chunk) => {
            let select = context.db.selectFrom('invoices').select(invoiceColumns).where('workspace_id', '=', workspaceId);
            if (chunk !== undefined) select = select.where(byIds ? 'id' : 'customer_id', 'in', chunk);
            if (query.status !== undefined) select = select.where('status', '=', query.status);
            // By customers, sorted here: asked to sort by id, SQLite (no statistics) walks the primary key instead of invoices_open_by_customer.
            return byIds || chunk === undefined ? select.orderBy('id').execute() : select.execute();
          },
          compare: (a, b) => compareCodePoints(a.id, b.id),
        }),
      );
      if (!byIds && query.customerIds !== undefined) return rows.sort((a, b) => compareCodePoints(a.id, b.id));
      if (query.customerIds === undefined) return rows;
      const customers = new Set(query.customerIds);
      return rows.filter((invoice) => customers.has(invoice.customerId));
    },

    pageInvoices(workspaceId, query) {
      return runQuery(context, { record: 'invoices' }, () => {
        let select = context.db.selectFrom('invoices').select(invoiceColumns).where('workspace_id', '=', workspaceId);
        if (query.status !== undefined) select = select.where('status', '=', query.status);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
        return select.orderBy('id').limit(query.limit).execute();
      });
    },

    streamOpenInvoices(workspaceId, options = {}) {
      return streamOpenInvoices(context, workspaceId, readBatchSize(options.batchSize));
    },
  };
}

// Keyset pages, not a server-side cursor: a cursor (or better-sqlite3's iterate) would hold the
// connection, and SQLite has one, so a consumer that records actions while iterating would wait
// on itself forever. Each page is an index range scan that starts after the last key seen; every
// invoice open throughout the walk is yielded exactly once.
async function* streamOpenInvoices(
  context: RepositoryContext,
  workspaceId: string,
  batchSize: number,
): AsyncGenerator<StoredInvoice> {
  let after: { customerId: string; id: string } | undefined;
  for (;;) {
    const from = after;
    const page = await runQuery(context, { record: 'open invoices' }, () => {
      let select = context.db
        .selectFrom('invoices')
        .select(invoiceColumns)
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'open');
      if (from !== undefined) {
        select = select.where((eb) => eb(eb.refTuple('customer_id', 'id'), '>', eb.tuple(from.customerId, from.id)));
      }
      return select.orderBy('customer_id').orderBy('id').limit(batchSize).execute();
    });
    yield* page;
    const last = page[page.length - 1];
    if (page.length < batchSize || last === undefined) return;
    after = { customerId: last.customerId, id: last.id };
  }
}

function readBatchSize(batchSize: number | undefined): number {
  if (batchSize === undefined) return defaultBatchSize;
  if (Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= maxBatchSize) return batchSize;
  throw new StorageInputError([
    {
      record: 'open invoices',
      field: 'batchSize',
      message: `open invoices: batchSize must be a whole number from 1 to ${maxBatchSize}, got ${String(batchSize)}`,
    },
  ]);
}

function validateInvoices(invoices: readonly InvoiceInput[]): ValidInvoice[] {
  const seen = new Set<string>();
  return validateRecords(invoices, {
    schema: invoiceSchema,
    describe: describeById('invoice', 'invoices'),
    check(invoice) {
      if (seen.has(invoice.id)) return { field: 'id', message: `id ${JSON.stringify(invoice.id)} appears twice in the batch` };
      seen.add(invoice.id);
      return null;
    },
  });
}

async function requireCustomers(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  invoices: readonly ValidInvoice[],
): Promise<void> {
  const found = await selectByIds({
    ids: invoices.map((invoice) => invoice.customerId),
    capabilities: context.dialect.capabilities,
    select: (ids = []) =>
      db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute(),
    compare: () => 0,
  });
  const known = new Set(found.map((row) => row.id));
  const issues: StorageInputIssue[] = invoices
    .filter((invoice) => !known.has(invoice.customerId))
    .map((invoice) => ({
      record: `invoice ${invoice.id}`,
      field: 'customerId',
      message: `invoice ${invoice.id}: customerId ${JSON.stringify(invoice.customerId)} is not a known customer`,
    }));
  throwIfAny(issues);
}

async function writeInvoices(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  invoices: readonly ValidInvoice[],
): Promise<void> {
  const now = context.now();
  const rows: InvoiceTable[] = invoices.map((invoice) => {
    const [numberKey, groupKey] = invoiceNumberKeys(invoice.number);
    return {
      workspace_id: workspaceId,
      id: invoice.id,
      customer_id: invoice.customerId,
      number: invoice.number,
      issued_on: invoice.issuedOn,
      due_on: invoice.dueOn,
      amount_minor: invoice.amountMinor,
      balance_minor: invoice.balanceMinor,
      currency: invoice.currency,
      known_at: invoice.knownAt,
      status: invoice.status,
      updated_at: now,
      number_key: numberKey ?? null,
      number_group_key: groupKey ?? null,
      // A new invoice has no events yet; an existing one keeps what its events moved (below).
      open_minor: invoice.balanceMinor,
      balance_event_at: null,
    };
  });
  for (const chunk of chunkRows(rows, invoiceColumnCount, context.dialect.capabilities)) {
    await db
      .insertInto('invoices')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
          customer_id: eb.ref('excluded.customer_id'),
          number: eb.ref('excluded.number'),
          issued_on: eb.ref('excluded.issued_on'),
          due_on: eb.ref('excluded.due_on'),
          amount_minor: eb.ref('excluded.amount_minor'),
          balance_minor: eb.ref('excluded.balance_minor'),
          currency: eb.ref('excluded.currency'),
          known_at: eb.ref('excluded.known_at'),
          status: eb.ref('excluded.status'),
          updated_at: eb.ref('excluded.updated_at'),
          number_key: eb.ref('excluded.number_key'),
          number_group_key: eb.ref('excluded.number_group_key'),
          // What the recorded events moved stays moved from the new balance; in another currency
          // their amounts read differently: counted again below.
          open_minor: sql<number | null>`case
            when invoices.balance_event_at is null then excluded.balance_minor
            when invoices.currency = excluded.currency then invoices.open_minor + excluded.balance_minor - invoices.balance_minor
            else null end`,
        })),
      )
      .execute();
  }
  await recountOpenBalances(db, context, workspaceId, invoices.map((invoice) => invoice.id));
}

/** The running balance of invoices whose currency changed after balance events, counted again from their events as app/open-balance.ts reads them. */
async function recountOpenBalances(db: Kysely<Database>, context: RepositoryContext, workspaceId: string, ids: readonly string[]): Promise<void> {
  const unknown = await selectByIds({
    ids,
    capabilities: context.dialect.capabilities,
    select: (chunk = []) =>
      db.selectFrom('invoices').select(['id', 'balance_minor', 'currency']).where('workspace_id', '=', workspaceId).where('id', 'in', chunk).where('open_minor', 'is', null).execute(),
    compare: () => 0,
  });
  if (unknown.length === 0) return;
  const events = await selectByIds({
    ids: unknown.map((invoice) => invoice.id),
    capabilities: context.dialect.capabilities,
    select: (chunk = []) =>
      db.selectFrom('events').select(['invoice_id', 'type', 'payload']).where('workspace_id', '=', workspaceId).where('invoice_id', 'in', chunk).where('type', 'in', [...balanceEventTypes]).execute(),
    compare: () => 0,
  });
  for (const invoice of unknown) {
    let open = invoice.balance_minor;
    for (const event of events) {
      if (event.invoice_id === invoice.id) open += balanceMovement({ type: event.type as EventType, payload: JSON.parse(event.payload) as JsonObject }, invoice.currency);
    }
    await db.updateTable('invoices').set({ open_minor: open }).where('workspace_id', '=', workspaceId).where('id', '=', invoice.id).execute();
  }
}
