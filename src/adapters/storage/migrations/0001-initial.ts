import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.

const eventTypeList = sql.raw(
  ['payment', 'reply', 'promise', 'dispute', 'dispute_resolved', 'pause', 'maintenance'].map((t) => `'${t}'`).join(', '),
);
const engineActionTypeList = sql.raw(['send', 'draft', 'task', 'escalate', 'skip'].map((t) => `'${t}'`).join(', '));

export const initialMigration: DialectMigration = {
  async up(db, capabilities) {
    // Keys and references compare byte-wise on both databases, so "ordered by customer id"
    // means the same order everywhere.
    const key = (col: ColumnDefinitionBuilder) =>
      col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const optionalKey = (col: ColumnDefinitionBuilder) =>
      col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`);

    await db.schema
      .createTable('workspaces')
      .addColumn('id', 'text', (c) => key(c).primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('customers')
      .addColumn('workspace_id', 'text', key)
      .addColumn('id', 'text', key)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('locale', 'text')
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('region', 'text')
      .addColumn('industry', 'text')
      .addColumn('score', 'double precision')
      .addColumn('tier', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('customers_pk', ['workspace_id', 'id'])
      .addForeignKeyConstraint('customers_workspace_fk', ['workspace_id'], 'workspaces', ['id'])
      .execute();

    await db.schema
      .createTable('contacts')
      .addColumn('workspace_id', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addColumn('email', 'text', key)
      .addColumn('name', 'text')
      .addColumn('role', 'text')
      .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('contacts_pk', ['workspace_id', 'customer_id', 'email'])
      .addForeignKeyConstraint('contacts_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'], (fk) =>
        fk.onDelete('cascade'),
      )
      .addCheckConstraint('contacts_is_primary_check', sql`is_primary in (0, 1)`)
      .execute();

    await db.schema
      .createTable('invoices')
      .addColumn('workspace_id', 'text', key)
      .addColumn('id', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'bigint', (c) => c.notNull())
      .addColumn('balance_minor', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('known_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('invoices_pk', ['workspace_id', 'id'])
      .addForeignKeyConstraint('invoices_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
      .addCheckConstraint('invoices_status_check', sql`status in ('open', 'closed')`)
      .execute();
    // The planning pass walks open invoices customer by customer, a page at a time (keyset).
    await db.schema
      .createIndex('invoices_open_by_customer')
      .on('invoices')
      .columns(['workspace_id', 'status', 'customer_id', 'id'])
      .execute();

    await db.schema
      .createTable('events')
      .addColumn('id', capabilities.identityColumn === 'autoincrement' ? 'integer' : 'bigint', (c) =>
        capabilities.identityColumn === 'autoincrement'
          ? c.primaryKey().autoIncrement()
          : c.primaryKey().generatedAlwaysAsIdentity(),
      )
      .addColumn('workspace_id', 'text', key)
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', optionalKey)
      .addColumn('invoice_id', 'text', optionalKey)
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .addForeignKeyConstraint('events_workspace_fk', ['workspace_id'], 'workspaces', ['id'])
      .addForeignKeyConstraint('events_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
      .addForeignKeyConstraint('events_invoice_fk', ['workspace_id', 'invoice_id'], 'invoices', ['workspace_id', 'id'])
      .addCheckConstraint('events_type_check', sql`type in (${eventTypeList})`)
      .execute();
    await db.schema.createIndex('events_by_customer').on('events').columns(['workspace_id', 'customer_id', 'at']).execute();
    await db.schema.createIndex('events_by_time').on('events').columns(['workspace_id', 'at']).execute();

    await db.schema
      .createTable('policy_versions')
      .addColumn('workspace_id', 'text', key)
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('bundle', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('published_at', 'bigint')
      .addPrimaryKeyConstraint('policy_versions_pk', ['workspace_id', 'version'])
      .addForeignKeyConstraint('policy_versions_workspace_fk', ['workspace_id'], 'workspaces', ['id'])
      .addCheckConstraint(
        'policy_versions_status_check',
        sql`(status = 'draft' and published_at is null) or (status = 'published' and published_at is not null)`,
      )
      .execute();

    await db.schema
      .createTable('engine_actions')
      .addColumn('workspace_id', 'text', key)
      .addColumn('invoice_id', 'text', key)
      .addColumn('cadence', 'text', key)
      .addColumn('step', 'text', key)
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('customer_id', 'text', key)
      .addColumn('action_key', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      // The engine's idempotency: a step of a cadence happens to an invoice at most once, however
      // often the worker runs, restarts or races another worker.
      .addPrimaryKeyConstraint('engine_actions_once', ['workspace_id', 'invoice_id', 'cadence', 'step'])
      .addForeignKeyConstraint('engine_actions_invoice_fk', ['workspace_id', 'invoice_id'], 'invoices', ['workspace_id', 'id'])
      .addForeignKeyConstraint('engine_actions_customer_fk', ['workspace_id', 'customer_id'], 'customers', [
        'workspace_id',
        'id',
      ])
      .addCheckConstraint('engine_actions_type_check', sql`type in (${engineActionTypeList})`)
      .execute();
    await db.schema.createIndex('engine_actions_by_time').on('engine_actions').columns(['workspace_id', 'at']).execute();
    await db.schema
      .createIndex('engine_actions_by_key')
      .on('engine_actions')
      .columns(['workspace_id', 'action_key'])
      .execute();
  },

  async down(db) {
    for (const table of ['engine_actions', 'policy_versions', 'events', 'invoices', 'contacts', 'customers', 'workspaces']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
