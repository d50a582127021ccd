import { sql } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// One customer's part of the queue (the inspector, the customer's page) is read in queue order
// too. The index of 0011 (workspace, customer, score) could not give that order, so the planner
// walked the whole workspace's queue in score order instead (seconds at 100,000 entries under
// load); this one gives both the customer and the order.

export const queueByCustomerMigration: DialectMigration = {
  async up(db) {
    await db.schema.dropIndex('collection_queue_by_customer').execute();
    await sql`create index collection_queue_customer_in_order on collection_queue (workspace_id, customer_id, score desc, invoice_id)`.execute(db);
  },
  async down(db) {
    await db.schema.dropIndex('collection_queue_customer_in_order').execute();
    await db.schema.createIndex('collection_queue_by_customer').on('collection_queue').columns(['workspace_id', 'customer_id', 'score']).execute();
  },
};
