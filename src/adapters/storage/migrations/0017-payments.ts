import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { DialectMigration } from './dialect-migration.ts';
import { identity } from './0003-outbox.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// The payments ledger: payments received (unique per workspace, source and the source's id),
// their allocations to invoices, their reversals (refunds, chargebacks); the webhook deliveries
// that brought them (unique per workspace, processor and event id, so a redelivery is
// acknowledged and ignored); and each workspace's payment connectors. A reversal is an engine
// event, so the events table learns `payment_reversed`: PostgreSQL swaps the check constraint,
// SQLite (which cannot alter a constraint) rebuilds the table with its rows and ids, as 0010 did.

const eventTypes = ['payment', 'reply', 'promise', 'dispute', 'dispute_resolved', 'pause', 'maintenance', 'credit', 'payment_reversed'];
const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

export const paymentsMigration: DialectMigration = {
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
      .createTable('payments')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('stripe', 'api', 'webhook', 'csv', 'portal')`))
      .addColumn('source_id', 'text', key)
      .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('customer_id', 'text', optionalKey)
      .addColumn('payer_name', 'text')
      .addColumn('memo', 'text')
      // JSON: what the source adds (invoices it names, checkout and charge ids, the payer link).
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unapplied', 'partially_applied', 'applied', 'reversed')`))
      .addColumn('unapplied_minor', 'bigint', (c) => c.notNull().check(sql`unapplied_minor >= 0`))
      .addColumn('reversed_minor', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`reversed_minor >= 0`))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('payments_source_unique', ['workspace_id', 'source', 'source_id'])
      .addForeignKeyConstraint('payments_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
      .addCheckConstraint('payments_amounts_check', sql`unapplied_minor + reversed_minor <= amount_minor`)
      .execute();
    // The Unapplied Cash list: money left to allocate, newest first.
    await db.schema.createIndex('payments_by_unapplied').on('payments').columns(['workspace_id', 'unapplied_minor', 'id']).execute();
    await db.schema.createIndex('payments_by_customer').on('payments').columns(['workspace_id', 'customer_id', 'id']).execute();

    await db.schema
      .createTable('payment_allocations')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', key)
      .addColumn('payment_id', 'bigint', (c) => c.notNull().references('payments.id'))
      .addColumn('invoice_id', 'text', key)
      .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('reversed_minor', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('allocated_by', 'text', (c) => c.notNull())
      .addColumn('confidence_percent', 'integer', (c) => c.check(sql`confidence_percent between 0 and 100`))
      .addColumn('note', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addForeignKeyConstraint('payment_allocations_invoice_fk', ['workspace_id', 'invoice_id'], 'invoices', ['workspace_id', 'id'])
      .addCheckConstraint('payment_allocations_reversed_check', sql`reversed_minor between 0 and amount_minor`)
      .execute();
    await db.schema.createIndex('payment_allocations_by_payment').on('payment_allocations').columns(['workspace_id', 'payment_id', 'id']).execute();
    await db.schema.createIndex('payment_allocations_by_invoice').on('payment_allocations').columns(['workspace_id', 'invoice_id', 'id']).execute();

    await db.schema
      .createTable('payment_reversals')
      .addColumn('id', idType, idColumn)
      .addColumn('workspace_id', 'text', key)
      .addColumn('payment_id', 'bigint', (c) => c.notNull().references('payments.id'))
      .addColumn('reference', 'text', key)
      .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('refund', 'chargeback')`))
      .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('from_unapplied_minor', 'bigint', (c) => c.notNull().check(sql`from_unapplied_minor >= 0`))
      // JSON: [{allocationId, invoiceId, amountMinor}], what came out of each allocation.
      .addColumn('parts', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('recorded_by', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('reinstated_at', 'bigint')
      .addUniqueConstraint('payment_reversals_reference_unique', ['workspace_id', 'payment_id', 'reference'])
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('processor', 'text', (c) => key(c).check(sql`processor in ('stripe', 'webhook')`))
      .addColumn('event_id', 'text', key)
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('event_at', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      // JSON: the event in the payment-processor port's words.
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('received', 'waiting', 'applied', 'ignored')`))
      .addColumn('waiting_for', 'text', optionalKey)
      .addColumn('outcome', 'text')
      .addColumn('processed_at', 'bigint')
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['workspace_id', 'processor', 'event_id'])
      .execute();
    await db.schema.createIndex('webhook_deliveries_by_status').on('webhook_deliveries').columns(['workspace_id', 'status', 'waiting_for', 'event_at']).execute();

    await db.schema
      .createTable('payment_connectors')
      .addColumn('workspace_id', 'text', (c) => key(c).references('workspaces.id'))
      .addColumn('processor', 'text', (c) => key(c).check(sql`processor in ('stripe', 'webhook')`))
      .addColumn('secret_key', 'text')
      .addColumn('webhook_secret', 'text', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull())
      .addColumn('set_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('payment_connectors_pk', ['workspace_id', 'processor'])
      .execute();
  },
  async down(db) {
    await db.schema.dropTable('payment_connectors').execute();
    await db.schema.dropTable('webhook_deliveries').execute();
    await db.schema.dropTable('payment_reversals').execute();
    await db.schema.dropTable('payment_allocations').execute();
    await db.schema.dropTable('payments').execute();
  },
};
