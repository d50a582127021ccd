import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../storage-dialect.ts';
import type { DialectMigration } from './dialect-migration.ts';

// Written once, never edited after release: a change is a new numbered migration.
//
// Payment plans are engine events: `plan` (an agreed plan with its instalments, in the payload)
// and `plan_cancelled`. The events table learns both types: PostgreSQL swaps the check
// constraint, SQLite (which cannot alter a constraint) rebuilds the table with its rows and ids,
// as 0010 and 0017 did. Going down puts the constraint of 0017 back once no plan event is left.

const before = ['payment', 'reply', 'promise', 'dispute', 'dispute_resolved', 'pause', 'maintenance', 'credit', 'payment_reversed'];
const after = [...before, 'plan', 'plan_cancelled'];
const list = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

async function constrainEventTypes(db: Kysely<unknown>, capabilities: StorageCapabilities, types: readonly string[]): Promise<void> {
  if (capabilities.identityColumn !== 'autoincrement') {
    await sql`alter table events drop constraint events_type_check`.execute(db);
    await sql`alter table events add constraint events_type_check check (type in (${list(types)}))`.execute(db);
    return;
  }
  const key = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`).notNull();
  const optionalKey = (col: ColumnDefinitionBuilder) => col.modifyFront(sql`collate ${sql.id(capabilities.binaryCollation)}`);
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
    .addCheckConstraint('events_type_check', sql`type in (${list(types)})`)
    .execute();
  await sql`insert into events_rebuilt (id, workspace_id, at, type, customer_id, invoice_id, payload, recorded_at)
            select id, workspace_id, at, type, customer_id, invoice_id, payload, recorded_at from events`.execute(db);
  await db.schema.dropTable('events').execute();
  await db.schema.alterTable('events_rebuilt').renameTo('events').execute();
  await db.schema.createIndex('events_by_customer').on('events').columns(['workspace_id', 'customer_id', 'at']).execute();
  await db.schema.createIndex('events_by_time').on('events').columns(['workspace_id', 'at']).execute();
}

export const paymentPlansMigration: DialectMigration = {
  async up(db, capabilities) {
    await constrainEventTypes(db, capabilities, after);
  },
  async down(db, capabilities) {
    await sql`delete from events where type in ('plan', 'plan_cancelled')`.execute(db);
    await constrainEventTypes(db, capabilities, before);
  },
};
