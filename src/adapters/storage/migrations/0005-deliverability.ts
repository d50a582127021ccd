import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.

const checkList = sql.raw(`'pass', 'warn', 'fail'`);
const inboundKindList = sql.raw(['reply', 'auto_reply', 'bounce', 'complaint', 'unmatched'].map((k) => `'${k}'`).join(', '));

export const deliverabilityMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const [idType, idColumn] = identity(capabilities);
    await db.schema
      .createTable('sending_domains')
      .addColumn('workspace_id', 'text', key)
      .addColumn('domain', 'text', key)
      .addColumn('status', 'text', (c) => c.check(sql`status in (${checkList})`))
      .addColumn('spf', 'text', (c) => c.check(sql`spf in (${checkList})`))
      .addColumn('dkim', 'text', (c) => c.check(sql`dkim in (${checkList})`))
      .addColumn('dmarc', 'text', (c) => c.check(sql`dmarc in (${checkList})`))
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('last_checked_at', 'bigint')
      .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0).check(sql`paused in (0, 1)`))
      .addColumn('paused_reason', 'text')
      .addColumn('paused_at', 'bigint')
      .addPrimaryKeyConstraint('sending_domains_pk', ['workspace_id', 'domain'])
      .addForeignKeyConstraint('sending_domains_workspace_fk', ['workspace_id'], 'workspaces', ['id'])
      .execute();
    await db.schema
      .createTable('inbound_messages')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', key)
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inboundKindList})`))
      .addColumn('from_address', 'text')
      // A redelivered message (the sender retried after a lost 250) is recorded once.
      .addColumn('message_id', 'text')
      .addColumn('subject', 'text')
      .addColumn('customer_id', 'text')
      .addColumn('outbox_id', 'bigint')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addUniqueConstraint('inbound_messages_once', ['workspace_id', 'message_id'])
      .addForeignKeyConstraint('inbound_messages_workspace_fk', ['workspace_id'], 'workspaces', ['id'])
      .execute();
  },
  async down(db) {
    for (const table of ['inbound_messages', 'sending_domains']) await db.schema.dropTable(table).execute();
  },
};
