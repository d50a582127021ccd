import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.

const reasonList = sql.raw(['invalid', 'opted_out', 'legal_hold'].map((reason) => `'${reason}'`).join(', '));

export const suppressionsMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    await db.schema
      .createTable('suppressions')
      .addColumn('workspace_id', 'text', key)
      // Stored lower-cased: mailbox names are case-insensitive in practice.
      .addColumn('email', 'text', key)
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in (${reasonList})`))
      .addColumn('until_at', 'bigint')
      .addColumn('note', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('suppressions_pk', ['workspace_id', 'email'])
      .addForeignKeyConstraint('suppressions_workspace_fk', ['workspace_id'], 'workspaces', ['id'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('suppressions').execute();
  },
};
