import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';

/**
 * A workspace with customers, invoices and events written with plain SQL into a database migrated
 * only part of the way, for the tests of a migration: the store writes the columns and tables of
 * every migration (invoice keys, name words, running balances: 0024), which an older schema lacks.
 */
export async function seedOlderSchema(
  db: Kysely<Database>,
  seed: {
    workspaceId: string;
    at: number;
    customers: readonly { id: string; name: string }[];
    invoices: readonly { id: string; customerId: string; number: string; balanceMinor: number; currency: string }[];
    events: readonly { at: number; type: string; customerId: string; invoiceId: string | null; payload: Record<string, unknown> }[];
  },
): Promise<void> {
  const { workspaceId, at } = seed;
  await sql`insert into workspaces (id, name, time_zone, locale, currency, created_at) values (${workspaceId}, 'Acme Corp', 'America/New_York', 'en-US', 'USD', ${at})`.execute(db);
  for (const customer of seed.customers) {
    await sql`insert into customers (workspace_id, id, name, tags, created_at, updated_at) values (${workspaceId}, ${customer.id}, ${customer.name}, '[]', ${at}, ${at})`.execute(db);
  }
  for (const invoice of seed.invoices) {
    await sql`insert into invoices (workspace_id, id, customer_id, number, issued_on, due_on, amount_minor, balance_minor, currency, known_at, status, updated_at)
      values (${workspaceId}, ${invoice.id}, ${invoice.customerId}, ${invoice.number}, '2024-03-01', '2024-03-31', ${invoice.balanceMinor}, ${invoice.balanceMinor}, ${invoice.currency}, ${at}, 'open', ${at})`.execute(db);
  }
  for (const event of seed.events) {
    await sql`insert into events (workspace_id, at, type, customer_id, invoice_id, payload, recorded_at)
      values (${workspaceId}, ${event.at}, ${event.type}, ${event.customerId}, ${event.invoiceId}, ${JSON.stringify(event.payload)}, ${at})`.execute(db);
  }
}
