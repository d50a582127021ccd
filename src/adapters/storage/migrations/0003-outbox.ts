import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { StorageCapabilities } from '../storage-dialect.ts';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.

const statusList = sql.raw(['draft', 'queued', 'sending', 'sent', 'failed', 'held', 'withdrawn', 'discarded'].map((s) => `'${s}'`).join(', '));

export function identity(capabilities: StorageCapabilities) {
  return [
    capabilities.identityColumn === 'autoincrement' ? 'integer' : 'bigint',
    (c: ColumnDefinitionBuilder) => (capabilities.identityColumn === 'autoincrement' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity()),
  ] as const;
}

export const outboxMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const [idType, idColumn] = identity(capabilities);
    await db.schema
      .createTable('outbox_messages')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', key)
      .addColumn('key', 'text', key)
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('send', 'draft')`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${statusList})`))
      .addColumn('status_reason', 'text')
      .addColumn('customer_id', 'text', key)
      .addColumn('invoice_ids', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'bigint', (c) => c.notNull())
      .addColumn('not_before', 'bigint', (c) => c.notNull())
      .addColumn('sending_domain', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('content', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('claimed_by', 'text')
      .addColumn('response', 'text')
      .addColumn('sent_at', 'bigint')
      .addColumn('bounced_at', 'bigint')
      .addColumn('complained_at', 'bigint')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'bigint')
      .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      // The sending idempotency: one decision, one message, however often it is enqueued.
      .addUniqueConstraint('outbox_messages_once', ['workspace_id', 'key'])
      .addForeignKeyConstraint('outbox_messages_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
      .execute();
    // Claiming walks due rows by status and time.
    await db.schema.createIndex('outbox_messages_due').on('outbox_messages').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('outbox_messages_by_message_id').on('outbox_messages').column('message_id').execute();
    await db.schema.createIndex('outbox_messages_by_domain').on('outbox_messages').columns(['workspace_id', 'sending_domain', 'sent_at']).execute();
    await db.schema.createIndex('outbox_messages_by_customer').on('outbox_messages').columns(['workspace_id', 'customer_id']).execute();
  },
  async down(db) {
    await db.schema.dropTable('outbox_messages').execute();
  },
};
