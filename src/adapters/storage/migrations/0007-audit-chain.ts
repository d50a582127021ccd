import { sql } from 'kysely';
import { genesisHash, hashAuditEntry } from '../../../app/audit/audit-chain.ts';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.

interface AuditRow {
  id: number | string;
  workspace_id: string | null;
  at: number | string;
  actor: string;
  action: string;
  subject: string;
  detail: string;
}

/** The audit trail becomes a hash chain, and append-only in the database itself. */
export const auditChainMigration: DialectMigration = {
  async up(db, capabilities) {
    await db.schema.alterTable('audit_log').addColumn('seq', 'bigint').execute();
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
    // Entries written before the chain existed are chained in the order they were written.
    const rows = (await sql<AuditRow>`select id, workspace_id, at, actor, action, subject, detail from audit_log order by id`.execute(db)).rows;
    let prevHash = genesisHash;
    for (const [index, row] of rows.entries()) {
      const entry = { seq: index + 1, workspaceId: row.workspace_id, at: Number(row.at), actor: row.actor, action: row.action, subject: row.subject, detailJson: row.detail, prevHash };
      const hash = hashAuditEntry(entry);
      await sql`update audit_log set seq = ${entry.seq}, prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`.execute(db);
      prevHash = hash;
    }
    await db.schema.createIndex('audit_log_chain').on('audit_log').column('seq').unique().execute();
    for (const statement of capabilities.appendOnlyStatements('audit_log')) await sql.raw(statement).execute(db);
  },
  async down(db, capabilities) {
    for (const statement of capabilities.dropAppendOnlyStatements('audit_log')) await sql.raw(statement).execute(db);
    await db.schema.dropIndex('audit_log_chain').execute();
    for (const column of ['hash', 'prev_hash', 'seq']) await db.schema.alterTable('audit_log').dropColumn(column).execute();
  },
};
