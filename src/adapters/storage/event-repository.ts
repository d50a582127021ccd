import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import {
  eventTypes,
  type EventInput,
  type EventType,
  type JsonObject,
  type StorageInputIssue,
  type Store,
  type StoredEvent,
} from '../../app/ports/store.ts';
import { balanceEventTypes, balanceMovement } from '../../app/open-balance.ts';
import { chunkRows } from './chunk-rows.ts';
import type { Database, EventTable } from './database-schema.ts';
import { idSchema, instantSchema, jsonObjectSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { selectByIds } from './select-by-ids.ts';
import { throwIfAny, validateRecords } from './validate-records.ts';

const eventSchema = z.object({
  at: instantSchema,
  type: z.enum(eventTypes),
  customerId: idSchema.nullish(),
  invoiceId: idSchema.nullish(),
  payload: jsonObjectSchema.optional(),
});

type ValidEvent = z.infer<typeof eventSchema>;

// What each event type must point at (spec §5): payments, promises, plans and disputes concern an
// invoice; replies and pauses a customer or an invoice; maintenance the whole workspace.
const references: Record<EventType, 'invoice' | 'customer-or-invoice' | 'none'> = {
  payment: 'invoice',
  credit: 'invoice',
  payment_reversed: 'invoice',
  promise: 'invoice',
  plan: 'invoice',
  plan_cancelled: 'invoice',
  dispute: 'invoice',
  dispute_resolved: 'invoice',
  reply: 'customer-or-invoice',
  pause: 'customer-or-invoice',
  maintenance: 'none',
};

const eventColumnCount = 7;

export type EventRepository = Pick<Store, 'appendEvents' | 'listEvents'>;

export function createEventRepository(context: RepositoryContext): EventRepository {
  return {
    async appendEvents(workspaceId, events) {
      const valid = validateEvents(events);
      await runAtomically(context, { record: 'events' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const invoices = await readEventInvoices(db, context, workspaceId, valid);
        const rows = await resolveReferences(db, context, workspaceId, valid, invoices);
        for (const chunk of chunkRows(rows, eventColumnCount, context.dialect.capabilities)) {
          await db.insertInto('events').values(chunk).execute();
        }
        await moveOpenBalances(db, workspaceId, valid, invoices);
      });
      return { appended: valid.length };
    },

    async listEvents(workspaceId, query = {}) {
      if (query.types !== undefined && query.types.length === 0) return [];
      const rows = await runQuery(context, { record: 'events' }, () =>
        selectByIds({
          ids: query.invoiceIds,
          capabilities: context.dialect.capabilities,
          select: (invoiceIds) => {
            let select = context.db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId);
            if (invoiceIds !== undefined) select = select.where('invoice_id', 'in', invoiceIds);
            if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
            if (query.customerIds !== undefined) select = select.where('customer_id', 'in', query.customerIds.length > 0 ? [...query.customerIds] : ['']);
            if (query.types !== undefined) select = select.where('type', 'in', [...query.types]);
            if (query.sinceAt !== undefined) select = select.where('at', '>=', query.sinceAt);
            return select.orderBy('at').orderBy('id').execute();
          },
          compare: (a, b) => a.at - b.at || a.id - b.id,
        }),
      );
      return rows.map(toStoredEvent);
    },
  };
}

function validateEvents(events: readonly EventInput[]): ValidEvent[] {
  return validateRecords(events, {
    schema: eventSchema,
    describe: (_event, index) => `events[${index}]`,
    check(event) {
      const needs = references[event.type];
      const hasCustomer = event.customerId != null;
      const hasInvoice = event.invoiceId != null;
      if (needs === 'invoice' && !hasInvoice) return { field: 'invoiceId', message: `invoiceId is required for a ${event.type} event` };
      if (needs === 'customer-or-invoice' && !hasCustomer && !hasInvoice) {
        return { field: 'customerId', message: `customerId or invoiceId is required for a ${event.type} event` };
      }
      if (needs === 'none' && (hasCustomer || hasInvoice)) {
        return { field: hasCustomer ? 'customerId' : 'invoiceId', message: `a ${event.type} event concerns the whole workspace: leave out customerId and invoiceId` };
      }
      return null;
    },
  });
}

/** Checks every reference and fills the customer of invoice events, so per-customer history finds them. */
async function resolveReferences(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  events: readonly ValidEvent[],
  invoices: ReadonlyMap<string, EventInvoice>,
): Promise<Omit<EventTable, 'id'>[]> {
  const knownCustomers = await readKnownCustomers(db, context, workspaceId, events);
  const recordedAt = context.now();
  const issues: StorageInputIssue[] = [];
  const rows = events.map((event, index) => {
    const record = `events[${index}]`;
    const issue = (field: string, problem: string) => issues.push({ record, field, message: `${record}: ${field} ${problem}` });
    let customerId = event.customerId ?? null;
    if (event.invoiceId != null) {
      const owner = invoices.get(event.invoiceId)?.customerId;
      if (owner === undefined) issue('invoiceId', `${JSON.stringify(event.invoiceId)} is not a known invoice`);
      else if (customerId !== null && customerId !== owner) {
        issue('customerId', `${JSON.stringify(customerId)} is not the customer of invoice ${event.invoiceId} (${owner})`);
      } else customerId = owner;
    } else if (customerId !== null && !knownCustomers.has(customerId)) {
      issue('customerId', `${JSON.stringify(customerId)} is not a known customer`);
    }
    return {
      workspace_id: workspaceId,
      at: event.at,
      type: event.type,
      customer_id: customerId,
      invoice_id: event.invoiceId ?? null,
      payload: JSON.stringify(event.payload ?? {}),
      recorded_at: recordedAt,
    };
  });
  throwIfAny(issues);
  return rows;
}

interface EventInvoice {
  customerId: string;
  currency: string;
}

/** The customer and currency of each invoice the events name that exists in the workspace. */
async function readEventInvoices(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  events: readonly ValidEvent[],
): Promise<Map<string, EventInvoice>> {
  const rows = await selectByIds({
    ids: events.flatMap((event) => (event.invoiceId == null ? [] : [event.invoiceId])),
    capabilities: context.dialect.capabilities,
    select: (ids = []) =>
      db.selectFrom('invoices').select(['id', 'customer_id', 'currency']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute(),
    compare: () => 0,
  });
  return new Map(rows.map((row) => [row.id, { customerId: row.customer_id, currency: row.currency }]));
}

/**
 * Keeps each invoice's running balance (invoices.open_minor, migration 0024) and the latest
 * instant of its balance events in step with what was appended, in the same transaction, as
 * app/open-balance.ts counts it: that is how an invoice is found by what it owes.
 */
async function moveOpenBalances(db: Kysely<Database>, workspaceId: string, events: readonly ValidEvent[], invoices: ReadonlyMap<string, EventInvoice>): Promise<void> {
  const moved = new Map<string, { minor: number; latestAt: number }>();
  for (const event of events) {
    if (event.invoiceId == null || !balanceEventTypes.has(event.type)) continue;
    const invoice = invoices.get(event.invoiceId)!;
    const minor = balanceMovement({ type: event.type, payload: event.payload ?? {} }, invoice.currency);
    const before = moved.get(event.invoiceId);
    moved.set(event.invoiceId, { minor: (before?.minor ?? 0) + minor, latestAt: Math.max(before?.latestAt ?? event.at, event.at) });
  }
  for (const [invoiceId, { minor, latestAt }] of moved) {
    await db
      .updateTable('invoices')
      .set({
        open_minor: sql<number | null>`open_minor + ${minor}`,
        balance_event_at: sql<number>`case when balance_event_at is null or balance_event_at < ${latestAt} then ${latestAt} else balance_event_at end`,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', invoiceId)
      .execute();
  }
}

async function readKnownCustomers(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  events: readonly ValidEvent[],
): Promise<Set<string>> {
  const rows = await selectByIds({
    ids: events.flatMap((event) => (event.invoiceId == null && event.customerId != null ? [event.customerId] : [])),
    capabilities: context.dialect.capabilities,
    select: (ids = []) =>
      db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute(),
    compare: () => 0,
  });
  return new Set(rows.map((row) => row.id));
}

function toStoredEvent(row: Selectable<EventTable>): StoredEvent {
  return {
    workspaceId: row.workspace_id,
    id: row.id,
    at: row.at,
    type: row.type as EventType,
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    payload: JSON.parse(row.payload) as JsonObject,
    recordedAt: row.recorded_at,
  };
}
