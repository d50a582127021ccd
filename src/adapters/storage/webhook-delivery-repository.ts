import type { Selectable } from 'kysely';
import { z } from 'zod';
import { webhookProcessors, type PaymentStore, type StoredWebhookDelivery } from '../../app/ports/payment-store.ts';
import type { JsonObject } from '../../app/ports/store.ts';
import type { WebhookDeliveryTable } from './database-schema.ts';
import { idSchema, instantSchema, jsonObjectSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// Webhook deliveries, kept once per (workspace, processor, event id): the key is what makes a
// redelivery a no-op.

const deliverySchema = z.object({
  processor: z.enum(webhookProcessors),
  eventId: idSchema,
  eventType: textSchema.max(255),
  eventAt: instantSchema,
  receivedAt: instantSchema,
  event: jsonObjectSchema,
});

export type WebhookDeliveryRepository = Pick<PaymentStore, 'receiveWebhookDelivery' | 'listWebhookDeliveries' | 'claimWebhookDelivery' | 'settleWebhookDelivery' | 'latestWebhookDeliveryAt'>;

export function createWebhookDeliveryRepository(context: RepositoryContext): WebhookDeliveryRepository {
  return {
    async receiveWebhookDelivery(workspaceId, input) {
      const delivery = validateOne(input, deliverySchema, `webhook delivery ${String((input as { eventId?: unknown }).eventId)}`);
      const record = `webhook delivery ${delivery.processor}:${delivery.eventId}`;
      return runAtomically(context, { record }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const inserted = await db
          .insertInto('webhook_deliveries')
          .values({
            workspace_id: workspaceId,
            processor: delivery.processor,
            event_id: delivery.eventId,
            event_type: delivery.eventType,
            event_at: delivery.eventAt,
            received_at: delivery.receivedAt,
            event: JSON.stringify(delivery.event),
            status: 'received',
            waiting_for: null,
            outcome: null,
            processed_at: null,
          })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'processor', 'event_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { delivery: toDelivery(inserted), created: true };
        const existing = await db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('processor', '=', delivery.processor)
          .where('event_id', '=', delivery.eventId)
          .executeTakeFirstOrThrow();
        return { delivery: toDelivery(existing), created: false };
      });
    },

    async listWebhookDeliveries(workspaceId, query) {
      const rows = await runQuery(context, { record: `webhook deliveries of ${workspaceId}` }, () => {
        let select = context.db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('status', 'in', query.statuses.length > 0 ? [...query.statuses] : ['received']);
        if (query.waitingFor !== undefined) select = select.where('waiting_for', '=', query.waitingFor);
        return select.orderBy('event_at').orderBy('received_at').orderBy('event_id').limit(query.limit).execute();
      });
      return rows.map(toDelivery);
    },

    async claimWebhookDelivery(workspaceId, key, expected) {
      // An update that changes nothing but takes the row's lock, and sees the committed status.
      const result = await runQuery(context, { record: `webhook delivery ${key.processor}:${key.eventId}` }, () =>
        context.db
          .updateTable('webhook_deliveries')
          .set((eb) => ({ status: eb.ref('status') }))
          .where('workspace_id', '=', workspaceId)
          .where('processor', '=', key.processor)
          .where('event_id', '=', key.eventId)
          .where('status', '=', expected)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async latestWebhookDeliveryAt(workspaceId, processor, since) {
      const row = await runQuery(context, { record: `webhook deliveries of ${workspaceId}` }, () =>
        context.db
          .selectFrom('webhook_deliveries')
          .select((eb) => eb.fn.max('received_at').as('latest'))
          .where('workspace_id', '=', workspaceId)
          .where('processor', '=', processor)
          .where('received_at', '>=', since)
          .executeTakeFirst(),
      );
      return row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
    },

    async settleWebhookDelivery(workspaceId, key, outcome) {
      await runQuery(context, { record: `webhook delivery ${key.processor}:${key.eventId}` }, () =>
        context.db
          .updateTable('webhook_deliveries')
          .set({ status: outcome.status, waiting_for: outcome.waitingFor, outcome: outcome.outcome, processed_at: outcome.at })
          .where('workspace_id', '=', workspaceId)
          .where('processor', '=', key.processor)
          .where('event_id', '=', key.eventId)
          .execute(),
      );
    },
  };
}

function toDelivery(row: Selectable<WebhookDeliveryTable>): StoredWebhookDelivery {
  return {
    workspaceId: row.workspace_id,
    processor: row.processor,
    eventId: row.event_id,
    eventType: row.event_type,
    eventAt: Number(row.event_at),
    receivedAt: Number(row.received_at),
    event: JSON.parse(row.event) as JsonObject,
    status: row.status,
    waitingFor: row.waiting_for,
    outcome: row.outcome,
    processedAt: row.processed_at === null ? null : Number(row.processed_at),
  };
}
