import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.

export const operationsMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const [idType, idColumn] = identity(capabilities);
    // Install-wide switches (maintenance), one JSON value per name.
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => key(c).primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('scheduled_jobs')
      .addColumn('name', 'text', (c) => key(c).primaryKey())
      .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0).check(sql`paused in (0, 1)`))
      .addColumn('paused_reason', 'text')
      .addColumn('last_started_at', 'bigint')
      .addColumn('last_finished_at', 'bigint')
      .addColumn('last_status', 'text', (c) => c.check(sql`last_status in ('ok', 'failed')`))
      .addColumn('last_error', 'text')
      .execute();
    await db.schema
      .createTable('worker_heartbeats')
      .addColumn('worker_id', 'text', (c) => key(c).primaryKey())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => c.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`))
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_by_workspace').on('audit_log').columns(['workspace_id', 'id']).execute();
  },
  async down(db) {
    for (const table of ['audit_log', 'worker_heartbeats', 'scheduled_jobs', 'settings']) await db.schema.dropTable(table).execute();
  },
};
