import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// Exception approvals: discount, credit and payment-plan requests on an invoice, routed to the
// roles the governing cadence's caps name, and each approver's decision with its rationale.
// An approved discount or credit becomes a `credit` event (it lowers the balance the engine
// sees), so the events table learns that type: PostgreSQL swaps the check constraint, SQLite
// (which cannot alter a constraint) rebuilds the table with its rows and ids.

const eventTypes = ['payment', 'reply', 'promise', 'dispute', 'dispute_resolved', 'pause', 'maintenance', 'credit'];
const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

export const approvalsMigration: DialectMigration = {
  async up(db, capabilities) {
    const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
    const optionalKey = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`);
    const [idType, idColumn] = identity(capabilities);
    if (capabilities.identityColumn === 'autoincrement') {
      await db.schema
        .createTable('events_rebuilt')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
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
        .addCheckConstraint('events_type_check', sql`type in (${list(eventTypes)})`)
        .execute();
      await sql`insert into events_rebuilt (id, workspace_id, at, type, customer_id, invoice_id, payload, recorded_at)
                select id, workspace_id, at, type, customer_id, invoice_id, payload, recorded_at from events`.execute(db);
      await db.schema.dropTable('events').execute();
      await db.schema.alterTable('events_rebuilt').renameTo('events').execute();
      await db.schema.createIndex('events_by_customer').on('events').columns(['workspace_id', 'customer_id', 'at']).execute();
      await db.schema.createIndex('events_by_time').on('events').columns(['workspace_id', 'at']).execute();
    } else {
      await sql`alter table events drop constraint events_type_check`.execute(db);
      await sql`alter table events add constraint events_type_check check (type in (${list(eventTypes)}))`.execute(db);
    }

    await db.schema
      .createTable('approval_requests')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('invoice_id', 'text', key)
      .addColumn('customer_id', 'text', key)
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('discount', 'credit', 'payment_plan')`))
      .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      // JSON: the installments of a payment plan; the cap tier that routed it; the roles it waits for.
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('required_roles', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', key)
      .addColumn('requester_role', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'info_requested', 'approved', 'rejected', 'expired', 'withdrawn')`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .addForeignKeyConstraint('approval_requests_invoice_fk', ['workspace_id', 'invoice_id'], 'invoices', ['workspace_id', 'id'])
      .execute();
    await db.schema.createIndex('approval_requests_by_status').on('approval_requests').columns(['workspace_id', 'status', 'id']).execute();
    await db.schema.createIndex('approval_requests_by_invoice').on('approval_requests').columns(['workspace_id', 'invoice_id']).execute();
    await db.schema
      .createTable('approval_decisions')
      .addColumn('id', idType, idColumn)
      .addColumn('request_id', 'bigint', (c) => c.notNull().references('approval_requests.id'))
      .addColumn('workspace_id', 'text', key)
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approve', 'reject', 'ask_info', 'answer')`))
      .addColumn('decided_by', 'text', (c) => c.notNull())
      .addColumn('decider_id', 'text', key)
      .addColumn('rationale', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('approval_decisions_by_request').on('approval_decisions').columns(['request_id', 'id']).execute();
  },
  async down(db) {
    await db.schema.dropTable('approval_decisions').execute();
    await db.schema.dropTable('approval_requests').execute();
  },
};
