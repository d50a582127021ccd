import { sql } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// The queue is read by score descending, then invoice id ascending: an index in that very order
// makes any page, however deep, a range read (the index of 0011 ran one way only, so a deep page
// sorted what it skipped). Each entry also keeps the invoice number and customer name it shows,
// so a page is one query.

export const queueOrderMigration: DialectMigration = {
  async up(db) {
    await db.schema.dropIndex('collection_queue_by_score').execute();
    await sql`create index collection_queue_in_order on collection_queue (workspace_id, score desc, invoice_id)`.execute(db);
    await db.schema.alterTable('collection_queue').addColumn('invoice_number', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('collection_queue').addColumn('customer_name', 'text', (c) => c.notNull().defaultTo('')).execute();
  },
  async down(db) {
    await db.schema.alterTable('collection_queue').dropColumn('customer_name').execute();
    await db.schema.alterTable('collection_queue').dropColumn('invoice_number').execute();
    await db.schema.dropIndex('collection_queue_in_order').execute();
    await db.schema.createIndex('collection_queue_by_score').on('collection_queue').columns(['workspace_id', 'score', 'invoice_id']).execute();
  },
};
