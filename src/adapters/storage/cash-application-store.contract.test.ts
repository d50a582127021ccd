// The Unapplied Cash part of the storage contract: searching the payments with money left to
// allocate (words in payer, reference and memo in any case, currency, amount ranges per currency,
// received between two instants, newest first by pages) and the open invoices to allocate to
// (words in number, customer name and id, amount ranges, oldest due first by pages); on SQLite and
// PostgreSQL, one organisation never seeing the other's.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildPayment } from '../../app/testing/build-store-inputs.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 11, 2, 9);
const day = 86_400_000;

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`cash application store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`cash application store contract on ${target.name}`, () => {
    let store: Store;
    const ids: Record<string, number> = {};

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ store } = await openTwoWorkspaceStore(target, {
        now: t0,
        invoices: [
          buildInvoice({ id: 'INV-1', number: 'INV-0104217', customerId: 'c1', dueOn: '2026-11-30', amountMinor: 1200_00, balanceMinor: 1200_00 }),
          buildInvoice({ id: 'INV-2', number: 'INV-0104218', customerId: 'c1', dueOn: '2026-10-31', amountMinor: 500_00, balanceMinor: 450_00 }),
          buildInvoice({ id: 'INV-3', number: 'INV-0104219', customerId: 'c1', dueOn: '2026-10-31', amountMinor: 99_00, balanceMinor: 99_00, currency: 'USD' }),
          buildInvoice({ id: 'INV-4', number: 'INV-0100001', customerId: 'c1', dueOn: '2026-09-30', status: 'closed', balanceMinor: 0 }),
        ],
      }));
      await store.upsertCustomers('acme', [buildCustomer({ id: 'c2', name: 'Venzor Trading AG' })]);
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-5', number: 'RE-2024-7', customerId: 'c2', dueOn: '2026-11-15', amountMinor: 1200_00, balanceMinor: 1200_00 })]);
      const record = async (name: string, overrides: Parameters<typeof buildPayment>[0]) => {
        ids[name] = (await store.recordPayment('acme', buildPayment({ sourceId: name, ...overrides }))).payment.id;
      };
      await record('BANK-100', { amountMinor: 1200_00, receivedAt: t0 - 3 * day, payerName: 'ACME LOGISTICS GMBH', memo: 'Rechnung 104217' });
      await record('BANK-101', { amountMinor: 450_00, receivedAt: t0 - 2 * day, payerName: 'Venzor Trading', memo: '50% off as agreed_' });
      await record('BANK-102', { amountMinor: 1200, currency: 'JPY', receivedAt: t0 - day, payerName: null, memo: null });
      await record('BANK-103', { amountMinor: 99_00, currency: 'USD', receivedAt: t0, payerName: 'acme inc', memo: 'INV-0104219' });
      // Applied in full: never in Unapplied Cash.
      await record('BANK-104', { amountMinor: 10_00, receivedAt: t0, payerName: 'Acme GmbH' });
      await store.addPaymentAllocations('acme', { paymentId: ids['BANK-104']!, allocations: [{ invoiceId: 'INV-1', amountMinor: 10_00 }], by: 'olu', confidencePercent: null, note: null, at: t0 });
      // Partly applied: 700.00 of 1,200.00 left.
      await store.addPaymentAllocations('acme', { paymentId: ids['BANK-100']!, allocations: [{ invoiceId: 'INV-1', amountMinor: 500_00 }], by: 'olu', confidencePercent: null, note: null, at: t0 });
      await store.recordPayment('beta', buildPayment({ sourceId: 'BETA-1', payerName: 'ACME LOGISTICS GMBH', amountMinor: 1200_00 }));
    });

    const search = async (query: Omit<Parameters<Store['searchUnappliedPayments']>[1], 'limit'> & { limit?: number }) =>
      (await store.searchUnappliedPayments('acme', { limit: 50, ...query })).map((payment) => payment.sourceId);

    it('lists the payments with money left to allocate, newest first, a page at a time', async () => {
      expect(await search({})).toEqual(['BANK-103', 'BANK-102', 'BANK-101', 'BANK-100']);
      expect(await search({ limit: 2 })).toEqual(['BANK-103', 'BANK-102']);
      expect(await search({ limit: 2, beforeId: ids['BANK-102']! })).toEqual(['BANK-101', 'BANK-100']);
      expect((await store.searchUnappliedPayments('beta', { limit: 50 })).map((payment) => payment.sourceId)).toEqual(['BETA-1']);
      expect(await store.listUnappliedCurrencies('acme')).toEqual(['EUR', 'JPY', 'USD']);
      expect(await store.listUnappliedCurrencies('beta')).toEqual(['EUR']);
    });

    it.each([
      { name: 'a word of the payer’s name in another case', words: ['acme'], found: ['BANK-103', 'BANK-100'] },
      { name: 'two words, each somewhere', words: ['acme', '104217'], found: ['BANK-100'] },
      { name: 'the source’s reference', words: ['bank-101'], found: ['BANK-101'] },
      { name: 'LIKE’s wildcards as text', words: ['50%'], found: ['BANK-101'] },
      // Taken as wildcards, these would find "agreed" and "% off".
      { name: 'an underscore as text, not any character', words: ['ag_eed'], found: [] },
      { name: 'a percent sign as text, not any characters', words: ['%off'], found: [] },
    ])('finds words in payer, reference and memo — $name', async ({ words, found }) => {
      expect(await search({ words })).toEqual(found);
    });

    it('filters by currency, amount ranges per currency (amount or what is unapplied) and the instant received', async () => {
      expect(await search({ currency: 'USD' })).toEqual(['BANK-103']);
      expect(await search({ amounts: [{ currency: 'EUR', minMinor: 1200_00, maxMinor: 1200_00 }] })).toEqual(['BANK-100']);
      expect(await search({ amounts: [{ currency: 'EUR', minMinor: 700_00, maxMinor: 700_00 }] })).toEqual(['BANK-100']);
      expect(await search({ amounts: [{ currency: 'EUR', minMinor: 400_00, maxMinor: 500_00 }, { currency: 'JPY', minMinor: 1200, maxMinor: 1200 }] })).toEqual(['BANK-102', 'BANK-101']);
      expect(await search({ amounts: [] })).toEqual([]);
      expect(await search({ receivedFrom: t0 - 2 * day, receivedBefore: t0 })).toEqual(['BANK-102', 'BANK-101']);
      expect(await search({ words: ['acme'], currency: 'EUR', receivedFrom: t0 - 3 * day })).toEqual(['BANK-100']);
    });

    const invoices = async (query: Omit<Parameters<Store['searchOpenInvoices']>[1], 'limit'> & { limit?: number }) =>
      (await store.searchOpenInvoices('acme', { limit: 50, ...query })).map((invoice) => invoice.id);

    it('searches the open invoices oldest due first, by number, customer name or id, amount and currency, a page at a time', async () => {
      expect(await invoices({})).toEqual(['INV-2', 'INV-3', 'INV-5', 'INV-1']);
      expect(await invoices({ limit: 2 })).toEqual(['INV-2', 'INV-3']);
      expect(await invoices({ limit: 2, after: { dueOn: '2026-10-31', id: 'INV-3' } })).toEqual(['INV-5', 'INV-1']);
      expect(await invoices({ words: ['104217'] })).toEqual(['INV-1']);
      expect(await invoices({ words: ['venzor'] })).toEqual(['INV-5']);
      expect(await invoices({ words: ['C1', 'inv-01042'] })).toEqual(['INV-2', 'INV-3', 'INV-1']);
      expect(await invoices({ customerId: 'c2' })).toEqual(['INV-5']);
      expect(await invoices({ currency: 'USD' })).toEqual(['INV-3']);
      // The invoice's amount, or its balance as Plixo learned it.
      expect(await invoices({ amounts: [{ currency: 'EUR', minMinor: 450_00, maxMinor: 450_00 }] })).toEqual(['INV-2']);
      expect(await invoices({ amounts: [{ currency: 'EUR', minMinor: 1200_00, maxMinor: 1200_00 }] })).toEqual(['INV-5', 'INV-1']);
      expect(await invoices({ amounts: [] })).toEqual([]);
      const [hit] = await store.searchOpenInvoices('acme', { words: ['RE-2024'], limit: 5 });
      expect(hit).toMatchObject({ id: 'INV-5', number: 'RE-2024-7', customerId: 'c2', customerName: 'Venzor Trading AG', amountMinor: 1200_00, balanceMinor: 1200_00, currency: 'EUR', status: 'open', dueOn: '2026-11-15' });
      expect((await store.searchOpenInvoices('beta', { words: ['venzor'], limit: 5 })).map((invoice) => invoice.id)).toEqual([]);
      expect(await store.listOpenInvoiceCurrencies('acme')).toEqual(['EUR', 'USD']);
    });
  });
}
