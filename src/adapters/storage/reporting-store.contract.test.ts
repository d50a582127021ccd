// The reporting part of the storage contract (aging, A/R at checkpoints, money events, cadence
// coverage, outbox counts, the suppression list by page): every test on SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../app/ports/store.ts';
import { buildCustomer, buildEvent, buildInvoice, buildOutboxMessage, buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2024, 5, 30, 12);

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`reporting store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`reporting store contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;
    let clock = t0;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      clock = t0;
      store = createStore(database, { now: () => clock });
      for (const id of ['acme', 'beta']) {
        await store.upsertWorkspace(buildWorkspace({ id }));
        await store.upsertCustomers(id, [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2', contacts: [{ email: 'Gone@Example.com' }] }), buildCustomer({ id: 'c3', contacts: [] })]);
      }
    });

    it('ages open invoices with a balance by days past due, per currency, at the bucket edges', async () => {
      const due = (id: string, dueOn: string, balanceMinor: number, extra: Partial<Parameters<typeof buildInvoice>[0]> = {}) =>
        buildInvoice({ id, number: id, dueOn, issuedOn: '2024-01-01', amountMinor: balanceMinor, balanceMinor, ...extra });
      await store.upsertInvoices('acme', [
        due('A', '2024-06-30', 100), // due today: current
        due('B', '2024-06-29', 200), // 1 day
        due('C', '2024-05-31', 300), // 30 days
        due('D', '2024-05-30', 400), // 31 days
        due('E', '2024-04-01', 500), // 90 days
        due('F', '2024-03-31', 600), // 91 days
        due('G', '2024-03-01', 700, { currency: 'USD' }),
        due('H', '2024-03-01', 800, { status: 'closed' }),
        due('I', '2024-03-01', 0),
      ]);
      await store.upsertInvoices('beta', [due('A', '2024-06-30', 9_999)]);
      const rows = await store.measureAging('acme', '2024-06-30');
      expect(rows.sort((a, b) => `${a.currency}${a.bucket}`.localeCompare(`${b.currency}${b.bucket}`))).toEqual([
        { currency: 'EUR', bucket: '1-30', invoices: 2, balanceMinor: 500 },
        { currency: 'EUR', bucket: '31-60', invoices: 1, balanceMinor: 400 },
        { currency: 'EUR', bucket: '61-90', invoices: 1, balanceMinor: 500 },
        { currency: 'EUR', bucket: '90+', invoices: 1, balanceMinor: 600 },
        { currency: 'EUR', bucket: 'current', invoices: 1, balanceMinor: 100 },
        { currency: 'USD', bucket: '90+', invoices: 1, balanceMinor: 700 },
      ]);
    });

    it('measures A/R and invoicing at each checkpoint: issued by then, not closed by then, less what was paid before Plixo knew', async () => {
      const known = Date.UTC(2024, 4, 15);
      await store.upsertInvoices('acme', [
        buildInvoice({ id: 'A', number: 'A', issuedOn: '2024-03-10', dueOn: '2024-04-10', amountMinor: 1_000, balanceMinor: 600, knownAt: known }),
        buildInvoice({ id: 'B', number: 'B', issuedOn: '2024-05-20', dueOn: '2024-06-20', amountMinor: 2_000, balanceMinor: 2_000, knownAt: known }),
      ]);
      clock = Date.UTC(2024, 5, 10);
      await store.upsertInvoices('acme', [buildInvoice({ id: 'C', number: 'C', issuedOn: '2024-04-02', dueOn: '2024-05-02', amountMinor: 500, balanceMinor: 0, status: 'closed', knownAt: known })]);
      const checkpoints = [
        { at: Date.UTC(2024, 3, 30, 23), on: '2024-04-30', invoicedFromOn: '2024-02-01' },
        { at: Date.UTC(2024, 4, 31, 23), on: '2024-05-31', invoicedFromOn: '2024-03-01' },
        { at: Date.UTC(2024, 5, 30, 23), on: '2024-06-30', invoicedFromOn: '2024-04-01' },
      ];
      expect(await store.measureReceivablesAt('acme', checkpoints)).toEqual([
        // April: A and C in full (Plixo learned of them later), invoiced A + C.
        { checkpoint: 0, currency: 'EUR', receivableMinor: 1_500, invoicedMinor: 1_500 },
        // May: A at its known balance, B, and C (closed only in June) at its known balance 0.
        { checkpoint: 1, currency: 'EUR', receivableMinor: 2_600, invoicedMinor: 3_500 },
        // June: C closed; invoiced since April: C and B.
        { checkpoint: 2, currency: 'EUR', receivableMinor: 2_600, invoicedMinor: 2_500 },
      ]);
      expect(await store.measureReceivablesAt('beta', checkpoints)).toEqual([]);
    });

    it('lists payments, credits and promises with their invoice, in time order, and nothing else', async () => {
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1' })]);
      await store.appendEvents('acme', [
        buildEvent({ at: t0 - 2, type: 'promise', payload: { amount: '100.00', on: '2024-07-05' } }),
        buildEvent({ at: t0 - 3, type: 'payment', payload: { amount: '20.00' } }),
        buildEvent({ at: t0 - 1, type: 'reply', payload: {} }),
        buildEvent({ at: t0, type: 'credit', payload: { amount: '5.00' } }),
      ]);
      const events = await store.listMoneyEvents('acme');
      expect(events.map((event) => [event.type, event.at, event.payload.amount])).toEqual([
        ['payment', t0 - 3, '20.00'],
        ['promise', t0 - 2, '100.00'],
        ['credit', t0, '5.00'],
      ]);
      expect(events[0]!.invoice).toEqual({ id: 'INV-1', currency: 'EUR', issuedOn: '2024-03-01', dueOn: '2024-03-31', amountMinor: 120_000, balanceMinor: 120_000, knownAt: Date.UTC(2024, 2, 1), status: 'open', updatedAt: t0 });
      expect(await store.listMoneyEvents('beta')).toEqual([]);
    });

    it('counts queue entries a segment plans for and whose customer has an address not suppressed', async () => {
      await store.upsertInvoices('acme', ['A', 'B', 'C', 'D'].map((id, index) => buildInvoice({ id, number: id, customerId: index === 3 ? 'c2' : index === 2 ? 'c3' : 'c1' })));
      expect(await store.measureCadenceCoverage('acme', t0)).toEqual({ openInvoices: 0, coveredInvoices: 0, scoredAt: null });
      const action = (segment: string | null) => ({ type: 'send', at: new Date(t0).toISOString(), step: 's1', segment, reason: null, plannedAt: null, moves: [] });
      const entry = (invoiceId: string, customerId: string, segment: string | null | 'none') => ({
        invoiceId,
        invoiceNumber: invoiceId,
        customerId,
        customerName: customerId,
        score: 1,
        daysPastDue: 3,
        balanceMinor: 100,
        currency: 'EUR',
        reasons: [],
        nextActionAt: segment === 'none' ? null : t0,
        nextAction: segment === 'none' ? null : action(segment),
      });
      await store.replaceCollectionQueue('acme', [entry('A', 'c1', 'standard'), entry('B', 'c1', null), entry('C', 'c3', 'standard'), entry('D', 'c2', 'standard'), entry('E', 'c1', 'none')], t0 - 60_000);
      expect(await store.measureCadenceCoverage('acme', t0)).toEqual({ openInvoices: 5, coveredInvoices: 2, scoredAt: t0 - 60_000 });
      // c2's only address suppressed (stored in another case): D is no longer reachable; once the suppression ends, it is again.
      await store.suppress('acme', { email: 'gone@example.com', reason: 'invalid', untilAt: t0 + 1_000 });
      expect((await store.measureCadenceCoverage('acme', t0)).coveredInvoices).toBe(1);
      expect((await store.measureCadenceCoverage('acme', t0 + 1_000)).coveredInvoices).toBe(2);
      expect(await store.measureCadenceCoverage('beta', t0)).toEqual({ openInvoices: 0, coveredInvoices: 0, scoredAt: null });
    });

    it('counts the organisation’s outbox by state, with the oldest due pending message', async () => {
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1' })]);
      await store.upsertInvoices('beta', [buildInvoice({ id: 'INV-1' })]);
      await store.enqueueOutboxMessages('acme', [
        buildOutboxMessage({ key: 'k1', notBefore: t0 - 5_000 }),
        buildOutboxMessage({ key: 'k2', notBefore: t0 + 5_000 }),
        buildOutboxMessage({ key: 'k3', status: 'draft', kind: 'draft' }),
        buildOutboxMessage({ key: 'k4', status: 'held', content: null }),
      ]);
      await store.enqueueOutboxMessages('beta', [buildOutboxMessage({ key: 'k1', notBefore: t0 - 99_000 })]);
      expect(await store.countOutbox('acme', t0)).toEqual({ queued: 2, sending: 0, failed: 0, held: 1, draft: 1, oldestDueAt: t0 - 5_000 });
      expect(await store.countOutbox('acme', t0 - 10_000)).toMatchObject({ queued: 2, oldestDueAt: null });
    });

    it('counts a domain’s messages sent within a day, without regard to the domain’s case', async () => {
      await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1' })]);
      await store.enqueueOutboxMessages('acme', ['k1', 'k2', 'k3', 'k4'].map((key) => buildOutboxMessage({ key, notBefore: t0 - 10_000 })));
      const claimed = await store.claimOutboxMessages({ now: t0, limit: 4, workerId: 'w', leaseMs: 60_000 });
      const sentAt = [t0 - 1, t0, t0 + 1, t0 + 100];
      for (const [index, message] of claimed.entries()) await store.settleOutboxMessage(message.id, 'w', { status: 'sent', at: sentAt[index]!, response: '250 ok' });
      expect(await store.countSentFromDomain('acme', { domain: 'AR.acme.example', fromAt: t0, untilAt: t0 + 100 })).toBe(2);
      expect(await store.countSentFromDomain('acme', { domain: 'other.example', fromAt: 0, untilAt: t0 + 1_000 })).toBe(0);
      expect(await store.countSentFromDomain('beta', { domain: 'ar.acme.example', fromAt: 0, untilAt: t0 + 1_000 })).toBe(0);
    });

    it('pages the suppression list by email, searching part of an address, with LIKE wildcards taken literally', async () => {
      for (const email of ['a_b@x.example', 'axb@x.example', 'Carol@Y.example', 'dan@x.example']) await store.suppress('acme', { email, reason: 'opted_out' });
      await store.suppress('beta', { email: 'zed@x.example', reason: 'invalid' });
      const first = await store.pageSuppressions('acme', { limit: 2 });
      expect(first.map((entry) => entry.email)).toEqual(['a_b@x.example', 'axb@x.example']);
      expect(first[0]).toEqual({ workspaceId: 'acme', email: 'a_b@x.example', reason: 'opted_out', untilAt: null, note: null, createdAt: t0 });
      expect((await store.pageSuppressions('acme', { limit: 2, afterEmail: 'axb@x.example' })).map((entry) => entry.email)).toEqual(['carol@y.example', 'dan@x.example']);
      expect((await store.pageSuppressions('acme', { limit: 10, search: 'A_B' })).map((entry) => entry.email)).toEqual(['a_b@x.example']);
      expect((await store.pageSuppressions('acme', { limit: 10, search: 'y.EX' })).map((entry) => entry.email)).toEqual(['carol@y.example']);
      expect(await store.pageSuppressions('acme', { limit: 10, search: 'zed' })).toEqual([]);
    });
  });
}
