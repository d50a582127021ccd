import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// The collections queue, scored ahead of reading: one row per open invoice with its score, the
// reasons that make it up and its next planned action, rewritten for a workspace by the worker.
// A page of the queue is an index range, whatever the size of the portfolio.

export const collectionQueueMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    await db.schema
      .createTable('collection_queue')
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('invoice_id', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('days_past_due', 'integer', (c) => c.notNull())
      .addColumn('balance_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      // JSON: [{ code, points, text }], the largest first.
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('next_action_at', 'bigint')
      // JSON: the next action the engine plans (type, step, segment, why it waits), or null.
      .addColumn('next_action', 'text')
      .addColumn('refreshed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('collection_queue_pk', ['workspace_id', 'invoice_id'])
      .execute();
    await db.schema.createIndex('collection_queue_by_score').on('collection_queue').columns(['workspace_id', 'score', 'invoice_id']).execute();
    await db.schema.createIndex('collection_queue_by_customer').on('collection_queue').columns(['workspace_id', 'customer_id', 'score']).execute();
  },
  async down(db) {
    await db.schema.dropTable('collection_queue').execute();
  },
};
