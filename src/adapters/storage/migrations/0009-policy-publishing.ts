import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// Policies as versions published to segments. A workspace keeps its live version (what every
// segment runs unless told otherwise) and a publish revision that each publish advances, so of two
// concurrent publishes one wins and the other sees the revision moved. A segment may run another
// published version than the live one (a publish to chosen segments): segment_versions holds those.
// Drafts carry an edit revision for the same reason, and who created, based and published them.
// The workspace's plan decides what its members may use (Starter, Growth, Scale, Enterprise).

const plans = sql.raw(['starter', 'growth', 'scale', 'enterprise'].map((plan) => `'${plan}'`).join(', '));

export const policyPublishingMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    await db.schema.alterTable('workspaces').addColumn('live_policy_version', 'integer').execute();
    await db.schema.alterTable('workspaces').addColumn('policy_revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema
      .alterTable('workspaces')
      .addColumn('plan', 'text', (c) => c.notNull().defaultTo('growth').check(sql`plan in (${plans})`))
      .execute();
    for (const column of ['created_by', 'published_by', 'note']) await db.schema.alterTable('policy_versions').addColumn(column, 'text').execute();
    await db.schema.alterTable('policy_versions').addColumn('based_on', 'integer').execute();
    await db.schema.alterTable('policy_versions').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema
      .createTable('segment_versions')
      .addColumn('workspace_id', 'text', key)
      .addColumn('segment', 'text', key)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('assigned_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('segment_versions_pk', ['workspace_id', 'segment'])
      .addForeignKeyConstraint('segment_versions_version_fk', ['workspace_id', 'version'], 'policy_versions', ['workspace_id', 'version'])
      .execute();
    // Until now the live version was the highest published one.
    await sql`
      update workspaces set
        live_policy_version = (select max(version) from policy_versions p where p.workspace_id = workspaces.id and p.status = 'published'),
        policy_revision = (select count(*) from policy_versions p where p.workspace_id = workspaces.id and p.status = 'published')
    `.execute(db);
  },
  async down(db) {
    await db.schema.dropTable('segment_versions').execute();
    for (const column of ['revision', 'based_on', 'note', 'published_by', 'created_by']) await db.schema.alterTable('policy_versions').dropColumn(column).execute();
    for (const column of ['plan', 'policy_revision', 'live_policy_version']) await db.schema.alterTable('workspaces').dropColumn(column).execute();
  },
};
