import { sql } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.

export const outboxWrittenAtMigration: DialectMigration = {
  async up(db) {
    // The instant of the data a message was written from, for the last look before sending.
    await db.schema.alterTable('outbox_messages').addColumn('written_at', 'bigint').execute();
    // Claiming walks due messages in order, and runs-out claims in order, each from an index.
    // Partial: only queued and sending rows are in them, so the many sent messages cost nothing
    // here and marking one sent touches one small index.
    await db.schema.createIndex('outbox_messages_claim_due').on('outbox_messages').columns(['next_attempt_at', 'id']).where(sql.ref('status'), '=', sql.lit('queued')).execute();
    await db.schema.createIndex('outbox_messages_claim_expired').on('outbox_messages').columns(['lease_until', 'id']).where(sql.ref('status'), '=', sql.lit('sending')).execute();
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
