import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.

export const outboxWrittenAtMigration: DialectMigration = {
  async up(db) {
    // The instant of the data a message was written from, for the last look before sending.
    await db.schema.alterTable('outbox_messages').addColumn('written_at', 'bigint').execute();
    // Claiming walks due messages in order, and runs-out claims in order, each from an index.
    await db.schema.createIndex('outbox_messages_claim_due').on('outbox_messages').columns(['status', 'next_attempt_at', 'id']).execute();
    await db.schema.createIndex('outbox_messages_claim_expired').on('outbox_messages').columns(['status', 'lease_until', 'id']).execute();
    // Superseded by outbox_messages_claim_due, which also orders ties by id.
    await db.schema.dropIndex('outbox_messages_due').execute();
  },
  async down(db) {
    await db.schema.createIndex('outbox_messages_due').on('outbox_messages').columns(['status', 'next_attempt_at']).execute();
    await db.schema.dropIndex('outbox_messages_claim_expired').execute();
    await db.schema.dropIndex('outbox_messages_claim_due').execute();
    await db.schema.alterTable('outbox_messages').dropColumn('written_at').execute();
  },
};
