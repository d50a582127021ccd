import type { Kysely, Selectable } from 'kysely';
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
import { chunkRows } from './chunk-rows.ts';
import type { Database, EventTable } from './database-schema.ts';
import { idSchema, instantSchema, jsonObjectSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { readInvoiceOwners } from './read-invoice-owners.ts';
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
        const rows = await resolveReferences(db, context, workspaceId, valid);
        for (const chunk of chunkRows(rows, eventColumnCount, context.dialect.capabilities)) {
          await db.insertInto('events').values(chunk).execute();
        }
      });
      return { appended: valid.length };
    },

    async listEvents(workspaceId, query = {}) {
      const rows = await runQuery(context, { record: 'events' }, () => {
        let select = context.db.selectFrom('events').selectAll().where('workspace_id', '=', workspaceId);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        if (query.customerIds !== undefined) select = select.where('customer_id', 'in', query.customerIds.length > 0 ? [...query.customerIds] : ['']);
        if (query.sinceAt !== undefined) select = select.where('at', '>=', query.sinceAt);
        return select.orderBy('at').orderBy('id').execute();
      });
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
): Promise<Omit<EventTable, 'id'>[]> {
  const invoiceCustomers = await readInvoiceCustomers(db, context, workspaceId, events);
  const knownCustomers = await readKnownCustomers(db, context, workspaceId, events);
  const recordedAt = context.now();
  const issues: StorageInputIssue[] = [];
  const rows = events.map((event, index) => {
    const record = `events[${index}]`;
    const issue = (field: string, problem: string) => issues.push({ record, field, message: `${record}: ${field} ${problem}` });
    let customerId = event.customerId ?? null;
    if (event.invoiceId != null) {
      const owner = invoiceCustomers.get(event.invoiceId);
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

async function readInvoiceCustomers(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  events: readonly ValidEvent[],
): Promise<Map<string, string>> {
  return readInvoiceOwners(db, context, workspaceId, events.flatMap((event) => (event.invoiceId == null ? [] : [event.invoiceId])));
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
