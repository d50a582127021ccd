import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// The payer portal: one stored link per invoice behind every {pay_link} (the signed token in the
// address carries its id), the portal's settings of a workspace (a payment address when no
// processor is connected), and the files a payer attaches to a dispute.

export const payerLinksMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    await db.schema
      .createTable('payer_links')
      // 128 random bits, base64url: the id is never guessed, and the token's signature binds it.
      .addColumn('id', 'text', (c) => key(c).primaryKey())
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('invoice_id', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      // Seven days after this the link has expired (inactivity).
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('revoked_reason', 'text', (c) => c.check(sql`revoked_reason is null or revoked_reason in ('regenerated', 'superseded')`))
      .addColumn('revoked_by', 'text')
      .addColumn('spent_at', 'bigint')
      .addColumn('checkout_id', 'text')
      .addForeignKeyConstraint('payer_links_invoice_fk', ['workspace_id', 'invoice_id'], 'invoices', ['workspace_id', 'id'])
      .execute();
    // One link not revoked per invoice: two messages composed at once cannot both issue one.
    await sql`create unique index payer_links_current on payer_links (workspace_id, invoice_id) where revoked_at is null`.execute(db);
    await db.schema
      .createTable('portal_settings')
      .addColumn('workspace_id', 'text', (c) => key(c).primaryKey().references('workspaces.id'))
      .addColumn('payment_url_template', 'text')
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    const [idType, idColumn] = identity(capabilities);
    await db.schema
      .createTable('dispute_attachments')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('dispute_id', 'bigint', (c) => c.notNull().references('disputes.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      // Base64, as the outbox keeps attachments: one text type on both databases.
      .addColumn('content_base64', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dispute_attachments_by_dispute').on('dispute_attachments').columns(['workspace_id', 'dispute_id']).execute();
  },
  async down(db) {
    await db.schema.dropTable('dispute_attachments').execute();
    await db.schema.dropTable('portal_settings').execute();
    await db.schema.dropTable('payer_links').execute();
  },
};
