import { sql } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// Operations at scale: the outbox grows by every message ever sent, so the queries that run
// often (a metrics scrape, /readyz, the daily retention job) must not walk it whole. Each index
// here is partial, holding only the rows its query reads: the many sent messages cost nothing in
// the first one, and the second and third hold only messages that left the queue (held ones
// never leave it: they are counted with the backlog, and deleted with the settled).
//
// On a large PostgreSQL outbox this migration takes a while (three index builds, writes to the
// table wait meanwhile); run it in a quiet hour.

const open = sql.raw(`status in ('draft', 'queued', 'sending', 'held')`);
const settled = sql.raw(`status in ('sent', 'failed', 'withdrawn', 'discarded', 'held')`);
// A held message has no body (it was never rendered, or had nobody to go to).
const rendered = sql.raw(`status in ('sent', 'failed', 'withdrawn', 'discarded')`);

export const outboxRetentionMigration: DialectMigration = {
  async up(db) {
    // When the retention job dropped the message's rendered body (its text, HTML and the bytes of
    // its attachments); subject, recipients, key and instants stay.
    await db.schema.alterTable('outbox_messages').addColumn('body_dropped_at', 'bigint').execute();
    // The backlog by status and the oldest due message: a count per status and one seek each for
    // the earliest instant, over the messages still waiting.
    await sql`create index outbox_messages_open on outbox_messages (status, not_before) where ${open}`.execute(db);
    // Retention deletes the oldest settled messages, a batch at a time, in this order.
    await sql`create index outbox_messages_settled on outbox_messages (updated_at, id) where ${settled}`.execute(db);
    // Retention drops bodies in this order; a message leaves the index once its body is dropped,
    // so the daily pass never walks the months of messages it already did.
    await sql`create index outbox_messages_with_body on outbox_messages (updated_at, id) where ${rendered} and body_dropped_at is null`.execute(db);
  },
  async down(db) {
    await db.schema.dropIndex('outbox_messages_with_body').execute();
    await db.schema.dropIndex('outbox_messages_settled').execute();
    await db.schema.dropIndex('outbox_messages_open').execute();
    await db.schema.alterTable('outbox_messages').dropColumn('body_dropped_at').execute();
  },
};
