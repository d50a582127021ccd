import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// The Autopilot switch of each segment: an A/R manager turns a segment to Autopilot or back to
// Shadow Mode without publishing a version. A row overrides the `mode` the segment's published
// file gives; without one the file's mode applies.

export const segmentModesMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    await db.schema
      .createTable('segment_modes')
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('segment', 'text', key)
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('shadow', 'autopilot')`))
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('segment_modes_pk', ['workspace_id', 'segment'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('segment_modes').execute();
  },
};
