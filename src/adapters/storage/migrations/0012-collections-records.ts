import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// The collections team's records: disputes (reason, owner, the time to answer, resolution) and
// internal notes with the members they mention. Promises and pauses are events (the engine's
// input) and need no table of their own.

export const collectionsRecordsMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const [idType, idColumn] = identity(capabilities);
    await db.schema
      .createTable('disputes')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('invoice_id', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('escalated_to_legal', 'integer', (c) => c.notNull().defaultTo(0).check(sql`escalated_to_legal in (0, 1)`))
      .addColumn('opened_by', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('at_risk_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('resolution', 'text')
      .addColumn('resolution_note', 'text')
      .addForeignKeyConstraint('disputes_invoice_fk', ['workspace_id', 'invoice_id'], 'invoices', ['workspace_id', 'id'])
      .execute();
    await db.schema.createIndex('disputes_by_invoice').on('disputes').columns(['workspace_id', 'invoice_id']).execute();
    await db.schema.createIndex('disputes_open_by_due').on('disputes').columns(['workspace_id', 'resolved_at', 'due_at']).execute();
    await db.schema
      .createTable('notes')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('customer_id', 'text', key)
      .addColumn('invoice_id', 'text', (c) => c.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`))
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', key)
      .addColumn('body', 'text', (c) => c.notNull())
      // JSON array of user ids.
      .addColumn('mentions', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addForeignKeyConstraint('notes_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
      .execute();
    await db.schema.createIndex('notes_by_customer').on('notes').columns(['workspace_id', 'customer_id', 'id']).execute();
  },
  async down(db) {
    await db.schema.dropTable('notes').execute();
    await db.schema.dropTable('disputes').execute();
  },
};
