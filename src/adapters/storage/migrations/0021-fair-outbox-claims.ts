import { sql } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// A claim shares the due messages fairly between organisations: each organisation's oldest due
// messages, read from this index with one seek each, however many other organisations have due.

export const fairOutboxClaimsMigration: DialectMigration = {
  async up(db) {
    await sql`create index outbox_messages_due_by_workspace on outbox_messages (workspace_id, next_attempt_at, id) where status = 'queued'`.execute(db);
  },
  async down(db) {
    await db.schema.dropIndex('outbox_messages_due_by_workspace').execute();
  },
};
