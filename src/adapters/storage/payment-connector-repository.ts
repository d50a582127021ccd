import type { Selectable } from 'kysely';
import { z } from 'zod';
import { webhookProcessors, type PaymentStore, type StoredPaymentConnector } from '../../app/ports/payment-store.ts';
import type { PaymentConnectorTable } from './database-schema.ts';
import { instantSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// The payment connectors: each workspace's processor keys and webhook secrets, one per processor.

const connectorSchema = z.object({
  processor: z.enum(webhookProcessors),
  secretKey: textSchema.max(500).nullable(),
  webhookSecret: textSchema.max(500),
  setBy: textSchema,
  setAt: instantSchema,
});

export type PaymentConnectorRepository = Pick<PaymentStore, 'getPaymentConnector' | 'listPaymentConnectors' | 'setPaymentConnector' | 'deletePaymentConnector'>;

export function createPaymentConnectorRepository(context: RepositoryContext): PaymentConnectorRepository {
  return {
    async getPaymentConnector(workspaceId, processor) {
      const row = await runQuery(context, { record: `payment connector ${processor}` }, () =>
        context.db.selectFrom('payment_connectors').selectAll().where('workspace_id', '=', workspaceId).where('processor', '=', processor).executeTakeFirst(),
      );
      return row ? toConnector(row) : null;
    },

    async listPaymentConnectors(workspaceId) {
      const rows = await runQuery(context, { record: `payment connectors of ${workspaceId}` }, () =>
        context.db.selectFrom('payment_connectors').selectAll().where('workspace_id', '=', workspaceId).orderBy('processor').execute(),
      );
      return rows.map(toConnector);
    },

    async setPaymentConnector(workspaceId, input) {
      const connector = validateOne(input, connectorSchema, `payment connector ${String((input as { processor?: unknown }).processor)}`);
      await runAtomically(context, { record: `payment connector ${connector.processor}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const values = { secret_key: connector.secretKey, webhook_secret: connector.webhookSecret, set_by: connector.setBy, set_at: connector.setAt };
        await db
          .insertInto('payment_connectors')
          .values({ workspace_id: workspaceId, processor: connector.processor, ...values })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'processor']).doUpdateSet(values))
          .execute();
      });
    },

    async deletePaymentConnector(workspaceId, processor) {
      const result = await runQuery(context, { record: `payment connector ${processor}` }, () =>
        context.db.deleteFrom('payment_connectors').where('workspace_id', '=', workspaceId).where('processor', '=', processor).executeTakeFirst(),
      );
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toConnector(row: Selectable<PaymentConnectorTable>): StoredPaymentConnector {
  return { processor: row.processor, secretKey: row.secret_key, webhookSecret: row.webhook_secret, setBy: row.set_by, setAt: Number(row.set_at) };
}
