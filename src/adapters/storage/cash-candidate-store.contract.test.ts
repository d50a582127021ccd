// Cash-App Assist's candidate reads, part of the storage contract: invoices by their number's
// keys (open, or closed too), open invoices by what they owe at an instant (a running balance
// kept by every upsert and every event appended: the first few in order, those of some
// customers, how many, and the invoices it cannot vouch for), customers by
// their names' words and how many share each word, and the invoices and events of just some
// customers and invoices; filled in for rows written before migration 0024; on SQLite and
// PostgreSQL, one organisation never seeing the other's.
import { sql } from 'kysely';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenBalanceQuery, Store } from '../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { createMigrationProvider } from './migrations/create-migration-provider.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 11, 2, 9);
const hour = 3_600_000;

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`cash candidate store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`cash candidate store contract on ${target.name}`, () => {
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ store } = await openTwoWorkspaceStore(target, {
        now: t0,
        invoices: [
          buildInvoice({ id: 'INV-1', number: 'INV-0104217' }),
          buildInvoice({ id: 'INV-2', number: 'RE 2024-00042' }),
          buildInvoice({ id: 'INV-3', number: 'inv-0104218', status: 'closed', balanceMinor: 0 }),
          buildInvoice({ id: 'INV-4', number: 'SO-2024A17' }),
        ],
      }));
    });

    describe('invoices by number key', () => {
      const find = async (keys: string[], status: 'open' | 'closed' | 'any' = 'open', workspaceId = 'acme') => ids(await store.findInvoicesByNumberKeys(workspaceId, { keys, status }));

      it('finds an invoice by its key and by the key of its groups, open ones unless asked', async () => {
        expect(await find(['104217'])).toEqual(['INV-1']);
        // "RE 2024-00042" has the keys 202400042 and, group by group, 202442.
        expect(await find(['202400042'])).toEqual(['INV-2']);
        expect(await find(['202442', '104217'])).toEqual(['INV-1', 'INV-2']);
        expect(await find(['2024A17'])).toEqual(['INV-4']);
        expect(await find(['104218'])).toEqual([]);
        expect(await find(['104218'], 'any')).toEqual(['INV-3']);
        expect(await find(['104218', '104217'], 'closed')).toEqual(['INV-3']);
        expect(await find(['0104217', 'INV-0104217', '10421', ''.padEnd(5, '9')])).toEqual([]);
        expect(await find([])).toEqual([]);
      });

      it('follows a number that changes, and keeps each organisation to its own', async () => {
        await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'INV-0109999' })]);
        expect(await find(['104217'])).toEqual([]);
        expect(await find(['109999'])).toEqual(['INV-1']);
        expect(await find(['104217'], 'open', 'beta')).toEqual(['INV-1']);
        expect(await find(['109999'], 'open', 'beta')).toEqual([]);
      });

      it('answers tens of thousands of keys, more than one statement may bind', async () => {
        const keys = Array.from({ length: 40_000 }, (_, position) => String(500_000 + position));
        expect(await find([...keys, '104217', '202442'])).toEqual(['INV-1', 'INV-2']);
      });
    });

    describe('open invoices by what they owe', () => {
      beforeEach(async () => {
        await store.upsertCustomers('acme', [buildCustomer({ id: 'c2', name: 'Initech Inc.' }), buildCustomer({ id: 'c3', name: 'Globex Ltd' })]);
        await store.upsertInvoices('acme', [
          buildInvoice({ id: 'J', customerId: 'c3', number: 'J-1', balanceMinor: 500_00 }),
          buildInvoice({ id: 'A', customerId: 'c2', number: 'A-1', balanceMinor: 500_00 }),
          buildInvoice({ id: 'B', customerId: 'c2', number: 'B-1', balanceMinor: 800_00 }),
          buildInvoice({ id: 'C', customerId: 'c2', number: 'C-1', balanceMinor: 500_00 }),
          buildInvoice({ id: 'D', customerId: 'c2', number: 'D-1', balanceMinor: 300_00 }),
          buildInvoice({ id: 'E', customerId: 'c2', number: 'E-1', balanceMinor: 500_00 }),
          buildInvoice({ id: 'F', customerId: 'c2', number: 'F-1', balanceMinor: 500_00, status: 'closed' }),
          buildInvoice({ id: 'G', customerId: 'c2', number: 'G-1', balanceMinor: 500_00, currency: 'USD' }),
          buildInvoice({ id: 'H', customerId: 'c2', number: 'H-1', balanceMinor: 700_00 }),
          buildInvoice({ id: 'I', customerId: 'c2', number: 'I-1', balanceMinor: 800_00 }),
        ]);
        await store.appendEvents('acme', [
          { at: t0 - hour, type: 'payment', invoiceId: 'B', payload: { amount: '300.00' } },
          { at: t0 - hour, type: 'payment', invoiceId: 'C', payload: { amount: '100.00' } },
          { at: t0 - 3 * hour, type: 'payment', invoiceId: 'D', payload: { amount: '100.00' } },
          { at: t0 - 2 * hour, type: 'payment_reversed', invoiceId: 'D', payload: { amount: '100.00' } },
          { at: t0 - hour, type: 'credit', invoiceId: 'D', payload: { amount: 'not a number' } },
          { at: t0 - hour, type: 'promise', invoiceId: 'D', payload: { amount: '300.00', on: '2026-12-10' } },
          // After the instant asked about: E still owes 500.00 then.
          { at: t0 + hour, type: 'credit', invoiceId: 'E', payload: { amount: '50.00' } },
          { at: t0 - hour, type: 'payment', invoiceId: 'H', payload: { amount: '200.00' } },
          { at: t0 - hour, type: 'payment', invoiceId: 'I', payload: { amount: '100.00' } },
        ]);
        // The ERP lowers I's balance to 600.00: with the payment recorded since, 500.00 is open.
        await store.upsertInvoices('acme', [buildInvoice({ id: 'I', customerId: 'c2', number: 'I-1', balanceMinor: 600_00 })]);
      });
      const find = async (amounts: OpenBalanceQuery[], at = t0) => {
        const answer = await store.findOpenInvoicesByOpenBalance('acme', { at, amounts });
        return { invoices: ids(answer.invoices), unsettled: ids(answer.unsettled), counts: answer.counts.map((count) => `${count.currency} ${count.amountMinor}: ${count.invoices}`) };
      };

      it('finds every open invoice that owes the amount once its payments, credits and reversals count, and counts them', async () => {
        // A owes 500.00; B 800.00 less 300.00; H 700.00 less 200.00; I 600.00 less 100.00; J 500.00. E has a credit after the instant: unsettled.
        expect(await find([{ currency: 'EUR', amountMinor: 500_00 }])).toEqual({ invoices: ['A', 'B', 'H', 'I', 'J'], unsettled: ['E'], counts: ['EUR 50000: 5'] });
        expect(await find([{ currency: 'EUR', amountMinor: 400_00 }, { currency: 'EUR', amountMinor: 300_00 }])).toEqual({
          invoices: ['C', 'D'],
          unsettled: ['E'],
          counts: ['EUR 40000: 1', 'EUR 30000: 1'],
        });
        expect(await find([{ currency: 'EUR', amountMinor: 800_00 }])).toEqual({ invoices: [], unsettled: ['E'], counts: ['EUR 80000: 0'] });
        // E's running balance (450.00) counts its credit already: not counted at an instant before the credit.
        expect(await find([{ currency: 'EUR', amountMinor: 450_00 }])).toEqual({ invoices: [], unsettled: ['E'], counts: ['EUR 45000: 0'] });
        // Once the credit's instant has passed, E owes 450.00.
        expect(await find([{ currency: 'EUR', amountMinor: 450_00 }, { currency: 'EUR', amountMinor: 500_00 }], t0 + 2 * hour)).toEqual({
          invoices: ['A', 'B', 'E', 'H', 'I', 'J'],
          unsettled: [],
          counts: ['EUR 45000: 1', 'EUR 50000: 5'],
        });
        expect(await find([{ currency: 'USD', amountMinor: 500_00 }])).toEqual({ invoices: ['G'], unsettled: [], counts: ['USD 50000: 1'] });
        expect(await find([])).toEqual({ invoices: [], unsettled: [], counts: [] });
        expect(ids((await store.findOpenInvoicesByOpenBalance('beta', { at: t0, amounts: [{ currency: 'EUR', amountMinor: 1200_00 }] })).invoices)).toEqual(['INV-1', 'INV-2', 'INV-4']);
      });

      it('gives the first few owing an amount in customer then invoice order, and all of some customers', async () => {
        // c2 comes before c3: A, B, H, I, then J.
        expect(await find([{ currency: 'EUR', amountMinor: 500_00, first: 2 }])).toEqual({ invoices: ['A', 'B'], unsettled: ['E'], counts: ['EUR 50000: 5'] });
        expect(await find([{ currency: 'EUR', amountMinor: 500_00, first: 1, customerIds: ['c3', 'c9'] }])).toEqual({ invoices: ['A', 'J'], unsettled: ['E'], counts: ['EUR 50000: 5'] });
      });

      it('counts an invoice again from its events when its currency changes: the amounts read differently now', async () => {
        // The payment of "200.00" is 200 yen: 700 less 200.
        await store.upsertInvoices('acme', [buildInvoice({ id: 'H', customerId: 'c2', number: 'H-1', balanceMinor: 700, currency: 'JPY' })]);
        expect((await find([{ currency: 'JPY', amountMinor: 500 }])).invoices).toEqual(['H']);
        expect((await find([{ currency: 'JPY', amountMinor: 700 }])).invoices).toEqual([]);
        expect((await find([{ currency: 'EUR', amountMinor: 500_00 }])).invoices).toEqual(['A', 'B', 'I', 'J']);
        await store.upsertInvoices('acme', [buildInvoice({ id: 'H', customerId: 'c2', number: 'H-1', balanceMinor: 700_00, currency: 'EUR' })]);
        expect((await find([{ currency: 'EUR', amountMinor: 500_00 }])).invoices).toEqual(['A', 'B', 'H', 'I', 'J']);
      });
    });

    describe('customers by the words of their names', () => {
      beforeEach(async () => {
        await store.upsertCustomers('acme', [
          buildCustomer({ id: 'c1', name: 'Korvex Logistics GmbH' }),
          buildCustomer({ id: 'c2', name: 'Korwind Logistics AG' }),
          buildCustomer({ id: 'c3', name: 'Velton Foods Ltd' }),
          buildCustomer({ id: 'c4', name: 'Korvex Systems Inc.' }),
        ]);
        await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-c2', customerId: 'c2', number: 'X-2' }), buildInvoice({ id: 'INV-c3', customerId: 'c3', number: 'X-3' })]);
      });

      it('counts the customers of the organisation and those each word key files', async () => {
        expect(await store.countNameWords('acme', { wordKeys: ['KORV', 'LOGI', 'FOOD', 'NONE'] })).toEqual({
          customers: 4,
          words: [
            { wordKey: 'FOOD', customers: 1 },
            { wordKey: 'KORV', customers: 2 },
            { wordKey: 'LOGI', customers: 2 },
          ],
        });
        expect(await store.countNameWords('beta', { wordKeys: ['KORV', 'ACME'] })).toEqual({ customers: 1, words: [{ wordKey: 'ACME', customers: 1 }] });
      });

      it('finds the customers filed under a word that have something open, and follows a change of name', async () => {
        // c4 is filed under KORV but has no invoice; c1 has INV-1..4, c3 only X-3.
        expect(await store.findCustomersByNameWords('acme', { wordKeys: ['KORV'] })).toEqual([{ id: 'c1', name: 'Korvex Logistics GmbH' }]);
        expect(await store.findCustomersByNameWords('acme', { wordKeys: ['LOGI', 'VELT'] })).toEqual([
          { id: 'c1', name: 'Korvex Logistics GmbH' },
          { id: 'c2', name: 'Korwind Logistics AG' },
          { id: 'c3', name: 'Velton Foods Ltd' },
        ]);
        await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-c3', customerId: 'c3', number: 'X-3', status: 'closed' })]);
        expect(await store.findCustomersByNameWords('acme', { wordKeys: ['VELT'] })).toEqual([]);
        await store.upsertCustomers('acme', [buildCustomer({ id: 'c2', name: 'Brightmar Retail AG' })]);
        expect(await store.findCustomersByNameWords('acme', { wordKeys: ['KORW', 'LOGI'] })).toEqual([{ id: 'c1', name: 'Korvex Logistics GmbH' }]);
        expect(await store.findCustomersByNameWords('acme', { wordKeys: ['BRIG'] })).toEqual([{ id: 'c2', name: 'Brightmar Retail AG' }]);
        expect((await store.countNameWords('acme', { wordKeys: ['LOGI'] })).words).toEqual([{ wordKey: 'LOGI', customers: 1 }]);
        expect(await store.findCustomersByNameWords('beta', { wordKeys: ['KORV', 'LOGI'] })).toEqual([]);
      });
    });

    it('lists the invoices of some customers, open ones when asked, and the events of some invoices and types', async () => {
      await store.upsertCustomers('acme', [buildCustomer({ id: 'c2', name: 'Initech Inc.' })]);
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-9', customerId: 'c2', number: 'INV-9' })]);
      expect(ids(await store.listInvoices('acme', { customerIds: ['c1'], status: 'open' }))).toEqual(['INV-1', 'INV-2', 'INV-4']);
      expect(ids(await store.listInvoices('acme', { customerIds: ['c2', 'c1'] }))).toEqual(['INV-1', 'INV-2', 'INV-3', 'INV-4', 'INV-9']);
      expect(ids(await store.listInvoices('acme', { ids: ['INV-9', 'INV-3'], customerIds: ['c1'] }))).toEqual(['INV-3']);
      expect(ids(await store.listInvoices('acme', { customerIds: [] }))).toEqual([]);
      await store.appendEvents('acme', [
        { at: t0, type: 'payment', invoiceId: 'INV-1', payload: { amount: '1.00' } },
        { at: t0 - 1, type: 'promise', invoiceId: 'INV-1', payload: { amount: '5.00', on: '2026-12-10' } },
        { at: t0 - 2, type: 'credit', invoiceId: 'INV-9', payload: { amount: '2.00' } },
        { at: t0 - 3, type: 'payment', invoiceId: 'INV-2', payload: { amount: '3.00' } },
      ]);
      const events = await store.listEvents('acme', { invoiceIds: ['INV-1', 'INV-9'], types: ['payment', 'credit'] });
      expect(events.map((event) => [event.invoiceId, event.type])).toEqual([
        ['INV-9', 'credit'],
        ['INV-1', 'payment'],
      ]);
      expect(await store.listEvents('acme', { invoiceIds: ['INV-1'], types: [] })).toEqual([]);
      expect(await store.listEvents('beta', { invoiceIds: ['INV-1', 'INV-9'] })).toEqual([]);
    });
  });

  describe.skipIf(target.skipReason !== null)(`cash candidate columns filled for earlier rows on ${target.name}`, () => {
    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());

    it('gives invoices and customers written before migration 0024 their keys, running balances and name words', async () => {
      const database = await target.openFreshDatabase();
      const migrator = new Migrator({ db: database.db, provider: createMigrationProvider(database.dialect.capabilities) });
      expect((await migrator.migrateTo('0020-payment-plans')).error).toBeUndefined();
      const db = database.db;
      await sql`insert into workspaces (id, name, time_zone, locale, currency, created_at) values ('acme', 'Acme', 'UTC', 'en-US', 'EUR', ${t0})`.execute(db);
      await sql`insert into customers (workspace_id, id, name, tags, created_at, updated_at) values
        ('acme', 'c1', 'Korvex Logistics GmbH', '[]', ${t0}, ${t0}), ('acme', 'c2', 'Velton Foods Ltd', '[]', ${t0}, ${t0})`.execute(db);
      // More invoices than one page of the fill, so it pages.
      const many = Array.from({ length: 2_100 }, (_, position) => sql`('acme', ${`N${String(position).padStart(5, '0')}`}, 'c2', ${`INV-${500_000 + position}`}, '2026-11-01', '2026-12-01', 100, 100, 'EUR', ${t0}, 'open', ${t0})`);
      await sql`insert into invoices (workspace_id, id, customer_id, number, issued_on, due_on, amount_minor, balance_minor, currency, known_at, status, updated_at) values
        ('acme', 'INV-1', 'c1', 'INV-0104217', '2026-11-01', '2026-12-01', 80000, 80000, 'EUR', ${t0}, 'open', ${t0}),
        ('acme', 'INV-2', 'c1', 'RE 2024-00042', '2026-11-01', '2026-12-01', 50000, 50000, 'EUR', ${t0}, 'open', ${t0}),
        ${sql.join(many)}`.execute(db);
      await sql`insert into events (workspace_id, at, type, customer_id, invoice_id, payload, recorded_at) values
        ('acme', ${t0 - hour}, 'payment', 'c1', 'INV-1', '{"amount":"300.00"}', ${t0}),
        ('acme', ${t0 + hour}, 'credit', 'c1', 'INV-2', '{"amount":"10.00"}', ${t0}),
        ('acme', ${t0 - hour}, 'promise', 'c1', 'INV-2', '{"amount":"99.00"}', ${t0})`.execute(db);
      await migrateToLatest(database);
      const store = createStore(database, { now: () => t0 });
      expect(ids(await store.findInvoicesByNumberKeys('acme', { keys: ['104217', '202442', '502099'], status: 'open' }))).toEqual(['INV-1', 'INV-2', 'N02099']);
      // INV-1 owes 800.00 less 300.00; INV-2 has a credit after t0.
      expect(await store.findOpenInvoicesByOpenBalance('acme', { at: t0, amounts: [{ currency: 'EUR', amountMinor: 500_00 }] })).toMatchObject({
        invoices: [{ id: 'INV-1' }],
        unsettled: [{ id: 'INV-2' }],
        counts: [{ currency: 'EUR', amountMinor: 500_00, invoices: 1 }],
      });
      expect(ids((await store.findOpenInvoicesByOpenBalance('acme', { at: t0 + 2 * hour, amounts: [{ currency: 'EUR', amountMinor: 490_00 }] })).invoices)).toEqual(['INV-2']);
      expect(await store.countNameWords('acme', { wordKeys: ['KORV', 'VELT', 'FOOD'] })).toEqual({
        customers: 2,
        words: [
          { wordKey: 'FOOD', customers: 1 },
          { wordKey: 'KORV', customers: 1 },
          { wordKey: 'VELT', customers: 1 },
        ],
      });
      // And the store keeps them from there.
      await store.appendEvents('acme', [{ at: t0 - hour, type: 'payment', invoiceId: 'INV-1', payload: { amount: '100.00' } }]);
      expect(ids((await store.findOpenInvoicesByOpenBalance('acme', { at: t0, amounts: [{ currency: 'EUR', amountMinor: 400_00 }] })).invoices)).toEqual(['INV-1']);
    });
  });

  function ids(invoices: readonly { id: string }[]): string[] {
    return invoices.map((invoice) => invoice.id);
  }
}
