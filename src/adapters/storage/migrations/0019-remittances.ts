import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// Remittance advices uploaded for a payment: the file (base64, as the outbox and dispute
// attachments keep files), the advice read from it and the allocation proposed (JSON), and who
// accepted it when, with what was applied (JSON). A payment's remittances are listed newest first.

export const remittancesMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const [idType, idColumn] = identity(capabilities);
    await db.schema
      .createTable('remittances')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('payment_id', 'bigint', (c) => c.notNull().references('payments.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes >= 0`))
      .addColumn('content_base64', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'pdf', 'text')`))
      .addColumn('advice', 'text', (c) => c.notNull())
      .addColumn('proposal', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('proposed', 'accepted')`))
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
      .addColumn('accepted_by', 'text')
      .addColumn('accepted_at', 'bigint')
      .addColumn('acceptance', 'text')
      .execute();
    await db.schema.createIndex('remittances_by_payment').on('remittances').columns(['workspace_id', 'payment_id', 'id']).execute();
  },
  async down(db) {
    await db.schema.dropTable('remittances').execute();
  },
};
