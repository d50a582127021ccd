import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// People and credentials: users (global, one email each), their memberships of organisations
// (a workspace is an organisation) with one role each, sign-in sessions, invitations, API tokens,
// sign-in attempts for rate limiting, and the responses kept for idempotency keys. Secrets are
// never stored: sessions, invitations and tokens keep the SHA-256 of their random value.

const roleList = sql.raw(['controller', 'ar_manager', 'operator', 'legal', 'billing_admin', 'sales', 'csm', 'viewer'].map((role) => `'${role}'`).join(', '));

export const accessMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const [idType, idColumn] = identity(capabilities);
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => key(c).primaryKey())
      .addColumn('email', 'text', (c) => key(c).unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('memberships')
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('user_id', 'text', (c) => key(c).references('users.id'))
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${roleList})`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
      .execute();
    await db.schema.createIndex('memberships_by_user').on('memberships').columns(['user_id', 'workspace_id']).execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => key(c).primaryKey())
      .addColumn('user_id', 'text', (c) => key(c).references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => key(c).primaryKey())
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('email', 'text', key)
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${roleList})`))
      .addColumn('token_hash', 'text', (c) => key(c).unique())
      .addColumn('invited_by', 'text', key)
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('accepted_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('invitations_by_workspace').on('invitations').columns(['workspace_id', 'created_at']).execute();
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => key(c).primaryKey())
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${roleList})`))
      .addColumn('token_hash', 'text', (c) => key(c).unique())
      .addColumn('created_by', 'text', key)
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('api_tokens_by_workspace').on('api_tokens').columns(['workspace_id', 'created_at']).execute();
    await db.schema
      .createTable('login_attempts')
      .addColumn('id', idType, idColumn)
      .addColumn('subject', 'text', key)
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('succeeded', 'integer', (c) => c.notNull().check(sql`succeeded in (0, 1)`))
      .execute();
    await db.schema.createIndex('login_attempts_by_subject').on('login_attempts').columns(['subject', 'at']).execute();
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', key)
      .addColumn('key', 'text', key)
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done')`))
      .addColumn('status_code', 'integer')
      .addColumn('response', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
    await db.schema.createIndex('idempotency_keys_by_age').on('idempotency_keys').column('created_at').execute();
  },
  async down(db) {
    for (const table of ['idempotency_keys', 'login_attempts', 'api_tokens', 'invitations', 'sessions', 'memberships', 'users']) await db.schema.dropTable(table).execute();
  },
};
