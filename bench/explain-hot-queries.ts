import { writeFileSync } from 'node:fs';
import { CompiledQuery, sql, type LogEvent } from 'kysely';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { migrateToLatest } from '../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../src/adapters/storage/open-database.ts';
import { findPostgres, startPostgres } from '../src/adapters/storage/testing/start-postgres.ts';
import type { Store } from '../src/app/ports/store.ts';
import { buildCustomer, buildEngineAction, buildInvoice, buildOutboxMessage, buildPayment, buildWorkspace } from '../src/app/testing/build-store-inputs.ts';

// `npm run explain`: the query plans of the store's hot queries, on SQLite and on PostgreSQL, as
// each database's planner chooses them over a seeded portfolio (so PostgreSQL's statistics are
// real). The queries are the store's own: each call below runs against a database whose Kysely
// log catches the SQL it sends, and each SQL is then explained with the parameters it was sent
// with. Written to docs/query-plans.md; the indexes they use are in the migrations.

const now = Date.UTC(2026, 11, 2, 12);
const workspaces = ['big', 'small'];
const customersPerWorkspace = 2_000;
const invoicesPerCustomer = 10;

interface HotQuery {
  name: string;
  /** Why it is hot: how often it runs. */
  why: string;
  run(store: Store): Promise<unknown>;
}

const hotQueries: HotQuery[] = [
  {
    name: 'Outbox claim (every tick of every worker)',
    why: 'messages whose lease ran out, then each organisation’s oldest due messages, in turns',
    run: (store) => store.claimOutboxMessages({ now, limit: 50, workerId: 'explain', leaseMs: 60_000 }),
  },
  { name: 'Collections queue, first page (the queue screen)', why: 'every open of the queue screen', run: (store) => store.pageCollectionQueue('big', { limit: 50 }) },
  { name: 'Collections queue, a page by cursor', why: 'every later page of the queue screen', run: (store) => store.pageCollectionQueue('big', { limit: 50, after: { score: 500, invoiceId: 'big-INV-0001000' } }) },
  { name: 'Invoice list, a page by cursor (the invoice list)', why: 'every page of the invoice list', run: (store) => store.pageInvoices('big', { limit: 50, afterId: 'big-INV-0005000', status: 'open' }) },
  { name: 'One customer’s open invoices', why: 'the queue inspector, the portal, the timeline', run: (store) => store.pageInvoices('big', { limit: 200, status: 'open', customerId: 'big-c00042' }) },
  {
    name: 'Open invoices streamed by customer (the planning pass)',
    why: 'the planning pass and every whole-workspace read, a batch at a time',
    run: async (store) => {
      for await (const invoice of store.streamOpenInvoices('big', { batchSize: 500 })) void invoice;
    },
  },
  { name: 'A batch of customers’ events', why: 'open balances, the planner, Cash-App Assist', run: (store) => store.listEvents('big', { customerIds: ['big-c00001', 'big-c00002', 'big-c00003'] }) },
  { name: 'Unapplied Cash, first page', why: 'every open of Unapplied Cash', run: (store) => store.searchUnappliedPayments('big', { limit: 51 }) },
  { name: 'Outbox of one customer (the inspector’s timeline)', why: 'every invoice opened in the inspector', run: (store) => store.listOutboxMessages('big', { customerId: 'big-c00042', limit: 100 }) },
];

async function seed(store: Store): Promise<void> {
  for (const workspaceId of workspaces) {
    await store.upsertWorkspace(buildWorkspace({ id: workspaceId, plan: 'enterprise' }));
    const customers = Array.from({ length: workspaceId === 'big' ? customersPerWorkspace : 50 }, (_, index) => buildCustomer({ id: `${workspaceId}-c${String(index).padStart(5, '0')}`, name: `Customer ${index}` }));
    await store.upsertCustomers(workspaceId, customers);
    const invoices = customers.flatMap((customer, customerIndex) =>
      Array.from({ length: invoicesPerCustomer }, (_, index) => {
        const number = customerIndex * invoicesPerCustomer + index;
        return buildInvoice({ id: `${workspaceId}-INV-${String(number).padStart(7, '0')}`, number: `INV-${number}`, customerId: customer.id, amountMinor: 10_000 + number, balanceMinor: 10_000 + number, status: number % 7 === 0 ? 'closed' : 'open' });
      }),
    );
    for (let index = 0; index < invoices.length; index += 1_000) await store.upsertInvoices(workspaceId, invoices.slice(index, index + 1_000));
    const open = invoices.filter((invoice) => invoice.status === 'open');
    await store.appendEvents(
      workspaceId,
      open.slice(0, 3_000).map((invoice, index) => ({ at: now - 86_400_000 + index, type: 'payment' as const, invoiceId: invoice.id, payload: { amount: '1.00' } })),
    );
    const messages = open.slice(0, workspaceId === 'big' ? 5_000 : 20).map((invoice, index) =>
      buildOutboxMessage({ key: `send:${invoice.customerId}:${invoice.id}/standard/due`, customerId: invoice.customerId, invoiceIds: [invoice.id], notBefore: now - 3_600_000 + index, decidedAt: now - 7_200_000 }),
    );
    for (let index = 0; index < messages.length; index += 1_000) await store.enqueueOutboxMessages(workspaceId, messages.slice(index, index + 1_000));
    await store.recordEngineActions(
      workspaceId,
      open.slice(0, 2_000).map((invoice) => buildEngineAction({ invoiceId: invoice.id, customerId: invoice.customerId, actionKey: `send:${invoice.customerId}:${invoice.id}/standard/due`, step: 'due' })),
    );
    await store.replaceCollectionQueue(
      workspaceId,
      open.map((invoice, index) => ({ invoiceId: invoice.id, invoiceNumber: invoice.number, customerId: invoice.customerId, customerName: 'Customer', score: (index * 7919) % 1000, daysPastDue: index % 90, balanceMinor: invoice.balanceMinor, currency: invoice.currency, reasons: [], nextActionAt: null, nextAction: null })),
      now,
    );
    for (let index = 0; index < 300; index += 1) await store.recordPayment(workspaceId, buildPayment({ sourceId: `PAY-${index}`, amountMinor: 1_000 + index }));
  }
}

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

async function explainAll(handle: DatabaseHandle, captured: Captured[][]): Promise<string[][]> {
  const plans: string[][] = [];
  for (const statements of captured) {
    const texts: string[] = [];
    for (const statement of statements) {
      if (!/^\s*(select|update|with)/i.test(statement.sql)) continue;
      const explain = handle.dialect.name === 'sqlite' ? `explain query plan ${statement.sql}` : `explain (costs off) ${statement.sql}`;
      const result = await handle.db.executeQuery(CompiledQuery.raw(explain, [...statement.parameters]));
      const rows = result.rows as Record<string, unknown>[];
      const lines = handle.dialect.name === 'sqlite' ? rows.map((row) => String(row.detail)) : rows.map((row) => String(row['QUERY PLAN']));
      texts.push(`${oneLine(statement.sql)}\n${lines.map((line) => `  ${line}`).join('\n')}`);
    }
    plans.push(texts);
  }
  return plans;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

async function capture(databaseUrl: string): Promise<{ plans: string[][] }> {
  let sink: Captured[] | null = null;
  const log = (event: LogEvent) => {
    if (sink && event.level === 'query') sink.push({ sql: event.query.sql, parameters: event.query.parameters });
  };
  const handle = openDatabase(databaseUrl, { log });
  try {
    await migrateToLatest(handle);
    const store = createStore(handle, { now: () => now });
    await seed(store);
    if (handle.dialect.name === 'postgres') await sql`analyze`.execute(handle.db);
    const captured: Captured[][] = [];
    for (const query of hotQueries) {
      sink = [];
      await query.run(store);
      captured.push(sink);
      sink = null;
    }
    return { plans: await explainAll(handle, captured) };
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const sqlite = await capture(':memory:');
  const postgres = findPostgres();
  if (!postgres.available) throw new Error(`npm run explain needs PostgreSQL: ${postgres.reason}`);
  const server = await startPostgres(postgres.binDir);
  let pg: { plans: string[][] };
  try {
    pg = await capture(await server.createDatabase('plixo_explain'));
  } finally {
    await server.stop();
  }
  const sections = hotQueries.map((query, index) =>
    [
      `## ${query.name}`,
      '',
      `Runs: ${query.why}.`,
      '',
      '**SQLite** (`EXPLAIN QUERY PLAN`):',
      '',
      '```',
      ...(sqlite.plans[index]!.length > 0 ? sqlite.plans[index]! : ['(no statement)']),
      '```',
      '',
      '**PostgreSQL** (`EXPLAIN (COSTS OFF)`, after `ANALYZE`):',
      '',
      '```',
      ...(pg.plans[index]!.length > 0 ? pg.plans[index]! : ['(no statement)']),
      '```',
      '',
    ].join('\n'),
  );
  const text = [
    '# Query plans of the hot queries',
    '',
    `Printed by \`npm run explain\` (bench/explain-hot-queries.ts) on ${new Date().toISOString().slice(0, 10)}: each query is the store's own SQL, caught from`,
    `its Kysely log while the call ran, over a seeded portfolio (two organisations, ${customersPerWorkspace.toLocaleString('en')} customers and`,
    `${(customersPerWorkspace * invoicesPerCustomer).toLocaleString('en')} invoices in the larger, payments, events and 5,000 queued messages), then explained with`,
    'the parameters it was sent with. A plan that reads a table whole (`SCAN` on SQLite, `Seq Scan` on PostgreSQL)',
    'where an index should serve is a bug; the claim reads the organisations whole on purpose (one row each, to give each its turn),',
    'and SQLite\'s `SCAN due` walks the few rows an index search already picked. The indexes are in src/adapters/storage/migrations.',
    '',
    ...sections,
  ].join('\n');
  writeFileSync(new URL('../docs/query-plans.md', import.meta.url), text);
  process.stdout.write(`wrote docs/query-plans.md (${hotQueries.length} queries, SQLite and PostgreSQL)\n`);
}

await main();
