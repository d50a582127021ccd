import type { Selectable } from 'kysely';
import type { CollectionQueueStore, QueuedAction, QueueReason, StoredQueueEntry } from '../../app/ports/collection-queue-store.ts';
import { chunkRows } from './chunk-rows.ts';
import type { CollectionQueueTable } from './database-schema.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';

const columnCount = 14;

export function createCollectionQueueRepository(context: RepositoryContext): CollectionQueueStore {
  return {
    async replaceCollectionQueue(workspaceId, entries, refreshedAt) {
      await runAtomically(context, { record: `collections queue of ${workspaceId}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        // Two workers rescoring one organisation at once take turns (PostgreSQL: the
        // organisation's row, locked to the end of the transaction; SQLite has one writer), so
        // the second deletes what the first wrote instead of colliding with it on insert.
        if (context.dialect.capabilities.skipLocked) await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forUpdate().execute();
        await db.deleteFrom('collection_queue').where('workspace_id', '=', workspaceId).execute();
        const rows = entries.map((entry) => ({
          workspace_id: workspaceId,
          invoice_id: entry.invoiceId,
          invoice_number: entry.invoiceNumber,
          customer_id: entry.customerId,
          customer_name: entry.customerName,
          score: Math.round(entry.score),
          days_past_due: entry.daysPastDue,
          balance_minor: entry.balanceMinor,
          currency: entry.currency,
          reasons: JSON.stringify(entry.reasons),
          next_action_at: entry.nextActionAt,
          next_action: entry.nextAction === null ? null : JSON.stringify(entry.nextAction),
          refreshed_at: refreshedAt,
        }));
        for (const chunk of chunkRows(rows, columnCount, context.dialect.capabilities)) await db.insertInto('collection_queue').values(chunk).execute();
      });
    },

    async pageCollectionQueue(workspaceId, query) {
      const rows = await runQuery(context, { record: 'collections queue' }, () => {
        let select = context.db.selectFrom('collection_queue').selectAll().where('workspace_id', '=', workspaceId);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        if (query.after !== undefined) {
          const { score, invoiceId } = query.after;
          // A range on the (score desc, invoice id) index: at most this score, and past the cursor.
          select = select.where('score', '<=', score).where((eb) => eb.or([eb('score', '<', score), eb('invoice_id', '>', invoiceId)]));
        }
        return select.orderBy('score', 'desc').orderBy('invoice_id').limit(query.limit).execute();
      });
      return rows.map(toEntry);
    },

    async getCollectionQueueRefreshedAt(workspaceId) {
      const row = await runQuery(context, { record: 'collections queue' }, () =>
        context.db.selectFrom('collection_queue').select('refreshed_at').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst(),
      );
      return row ? Number(row.refreshed_at) : null;
    },
  };
}

function toEntry(row: Selectable<CollectionQueueTable>): StoredQueueEntry {
  return {
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    customerId: row.customer_id,
    customerName: row.customer_name,
    score: Number(row.score),
    daysPastDue: Number(row.days_past_due),
    balanceMinor: Number(row.balance_minor),
    currency: row.currency,
    reasons: JSON.parse(row.reasons) as QueueReason[],
    nextActionAt: row.next_action_at === null ? null : Number(row.next_action_at),
    nextAction: row.next_action === null ? null : (JSON.parse(row.next_action) as QueuedAction),
    refreshedAt: Number(row.refreshed_at),
  };
}
