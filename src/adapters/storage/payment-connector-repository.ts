import type { Selectable } from 'kysely';
import { z } from 'zod';
import { isSealed, SecretBoxError, type SecretBox } from '../crypto/create-secret-box.ts';
import { StorageError } from '../../app/ports/store.ts';
import { webhookProcessors, type PaymentStore, type StoredPaymentConnector } from '../../app/ports/payment-store.ts';
import type { PaymentConnectorTable } from './database-schema.ts';
import { instantSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// The payment connectors: each workspace's processor keys and webhook secrets, one per processor,
// encrypted at rest with the instance secret (crypto/create-secret-box.ts), each bound to its
// workspace, processor and field. A value kept before encryption began is read as it is and
// encrypted the next time the connector is saved.

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
      return row ? toConnector(context, workspaceId, row) : null;
    },

    async listPaymentConnectors(workspaceId) {
      const rows = await runQuery(context, { record: `payment connectors of ${workspaceId}` }, () =>
        context.db.selectFrom('payment_connectors').selectAll().where('workspace_id', '=', workspaceId).orderBy('processor').execute(),
      );
      // A list shows every connector, also one whose keys no longer open, so it can be mended.
      return rows.map((row) => {
        try {
          return toConnector(context, workspaceId, row);
        } catch (error) {
          if (!(error instanceof StorageError) || !(error.cause instanceof SecretBoxError)) throw error;
          return { processor: row.processor, secretKey: null, webhookSecret: '', setBy: row.set_by, setAt: Number(row.set_at), unreadable: true as const };
        }
      });
    },

    async setPaymentConnector(workspaceId, input) {
      const connector = validateOne(input, connectorSchema, `payment connector ${String((input as { processor?: unknown }).processor)}`);
      await runAtomically(context, { record: `payment connector ${connector.processor}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const box = requireSecretBox(context, connector.processor);
        const seal = (value: string, field: string) => box.seal(value, sealContext(workspaceId, connector.processor, field));
        const values = {
          secret_key: connector.secretKey === null ? null : seal(connector.secretKey, 'secretKey'),
          webhook_secret: seal(connector.webhookSecret, 'webhookSecret'),
          set_by: connector.setBy,
          set_at: connector.setAt,
        };
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

function toConnector(context: RepositoryContext, workspaceId: string, row: Selectable<PaymentConnectorTable>): StoredPaymentConnector {
  const open = (value: string, field: string): string => {
    if (!isSealed(value)) return value;
    try {
      return requireSecretBox(context, row.processor).open(value, sealContext(workspaceId, row.processor, field));
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new StorageError(`payment connector ${row.processor} of ${workspaceId}, ${field}: ${error.message}; save the connector's keys again`, { cause: error });
    }
  };
  return {
    processor: row.processor,
    secretKey: row.secret_key === null ? null : open(row.secret_key, 'secretKey'),
    webhookSecret: open(row.webhook_secret, 'webhookSecret'),
    setBy: row.set_by,
    setAt: Number(row.set_at),
  };
}

function sealContext(workspaceId: string, processor: string, field: string): string {
  return `payment_connectors/${workspaceId}/${processor}/${field}`;
}

function requireSecretBox(context: RepositoryContext, processor: string): SecretBox {
  if (!context.secretBox) throw new StorageError(`payment connector ${processor}: this store was opened without the instance secret (PLIXO_SECRET), so it cannot keep or read processor keys`);
  return context.secretBox;
}
