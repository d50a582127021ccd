// The storage contract: every test runs on SQLite and on PostgreSQL, against a fresh database.
import { Migrator, type Migration } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StorageInputError, type InvoiceInput, type Store, type StoredInvoice } from '../../app/ports/store.ts';
import {
  buildCustomer,
  buildEngineAction,
  buildEvent,
  buildInvoice,
  buildPolicyVersion,
  buildWorkspace,
} from '../../app/testing/build-store-inputs.ts';
import { compareCodePoints } from './compare-code-points.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { createMigrationProvider } from './migrations/create-migration-provider.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';
import { seedOlderSchema } from './testing/seed-older-schema.ts';
import { translateDriverError } from './translate-driver-error.ts';

const t0 = Date.UTC(2024, 2, 1, 9);
const workspaceId = 'acme';

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`storage contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`storage contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;
    let clock: number;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      clock = t0;
      store = createStore(database, { now: () => clock });
      await store.upsertWorkspace(buildWorkspace({ id: workspaceId }));
    });

    async function captureInputError(work: Promise<unknown>): Promise<StorageInputError> {
      const error = await work.then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(StorageInputError);
      return error as StorageInputError;
    }

    describe('migrations', () => {
      it('applies the schema once and is a no-op afterwards, from any connection', async () => {
        const fresh = await target.openFreshDatabase();
        expect(await migrateToLatest(fresh)).toEqual({ applied: ['0001-initial', '0002-suppressions', '0003-outbox', '0004-operations', '0005-deliverability', '0006-outbox-written-at', '0007-audit-chain', '0008-access', '0009-policy-publishing', '0010-approvals', '0011-collection-queue', '0012-collections-records', '0013-queue-order', '0014-segment-modes', '0015-queue-by-customer', '0016-payer-links', '0017-payments', '0019-remittances', '0020-payment-plans', '0021-fair-outbox-claims', '0022-outbox-retention', '0024-cash-candidates'] });
        expect(await migrateToLatest(fresh)).toEqual({ applied: [] });
        await fresh.close();
        const tables = (await database.db.introspection.getTables()).map((table) => table.name);
        expect(tables).toEqual(
          expect.arrayContaining(['workspaces', 'customers', 'contacts', 'invoices', 'events', 'policy_versions', 'engine_actions', 'suppressions', 'users', 'memberships', 'sessions', 'api_tokens']),
        );
      });

      it('applies a run of migrations all or nothing', async () => {
        const fresh = await target.openFreshDatabase();
        const real = await createMigrationProvider(fresh.dialect.capabilities).getMigrations();
        const broken: Migration = {
          async up(db) {
            await db.schema.createTable('half_built').addColumn('id', 'integer').execute();
            throw new Error('migration bug');
          },
        };
        const migrator = new Migrator({ db: fresh.db, provider: { getMigrations: async () => ({ ...real, '0009-broken': broken }) } });
        const { error } = await migrator.migrateToLatest();
        expect(error).toBeInstanceOf(Error);
        const tables = (await fresh.db.introspection.getTables()).map((table) => table.name);
        expect(tables).not.toContain('half_built');
        expect(tables).not.toContain('workspaces');
        expect(await migrateToLatest(fresh)).toEqual({ applied: ['0001-initial', '0002-suppressions', '0003-outbox', '0004-operations', '0005-deliverability', '0006-outbox-written-at', '0007-audit-chain', '0008-access', '0009-policy-publishing', '0010-approvals', '0011-collection-queue', '0012-collections-records', '0013-queue-order', '0014-segment-modes', '0015-queue-by-customer', '0016-payer-links', '0017-payments', '0019-remittances', '0020-payment-plans', '0021-fair-outbox-claims', '0022-outbox-retention', '0024-cash-candidates'] });
      });
    });

    describe('migration 0020 (payment plans)', () => {
      it('keeps the events recorded before it with their ids, and going down takes the plan events out', async () => {
        const fresh = await target.openFreshDatabase();
        const migrator = new Migrator({ db: fresh.db, provider: createMigrationProvider(fresh.dialect.capabilities) });
        expect((await migrator.migrateTo('0017-payments')).error).toBeUndefined();
        const older = createStore(fresh, { now: () => t0 });
        await seedOlderSchema(fresh.db, {
          workspaceId,
          at: t0,
          customers: [{ id: 'c1', name: 'Acme GmbH' }],
          invoices: [{ id: 'INV-1', customerId: 'c1', number: 'INV-1', balanceMinor: 120_000, currency: 'EUR' }],
          events: [
            { at: t0, type: 'payment', customerId: 'c1', invoiceId: 'INV-1', payload: { amount: '1.00' } },
            { at: t0 + 1, type: 'reply', customerId: 'c1', invoiceId: null, payload: { amount: '200.00' } },
          ],
        });
        await expect(older.appendEvents(workspaceId, [buildEvent({ at: t0 + 2, type: 'plan', invoiceId: 'INV-1' })])).rejects.toBeInstanceOf(StorageInputError);
        const before = await older.listEvents(workspaceId);

        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        expect(await older.listEvents(workspaceId)).toEqual(before);
        await older.appendEvents(workspaceId, [buildEvent({ at: t0 + 2, type: 'plan', invoiceId: 'INV-1', payload: { installments: [] } })]);
        const after = await older.listEvents(workspaceId);
        expect(after.map((event) => event.type)).toEqual(['payment', 'reply', 'plan']);
        expect(after[2]!.id > before[1]!.id).toBe(true);

        expect((await migrator.migrateTo('0017-payments')).error).toBeUndefined();
        expect(await older.listEvents(workspaceId)).toEqual(before);
        await fresh.close();
      });
    });

    describe('workspaces', () => {
      it('round-trips and keeps createdAt on update', async () => {
        clock = t0 + 1_000;
        await store.upsertWorkspace(buildWorkspace({ id: workspaceId, name: 'Acme Inc', currency: 'EUR' }));
        expect(await store.getWorkspace(workspaceId)).toEqual({
          id: workspaceId,
          name: 'Acme Inc',
          timeZone: 'America/New_York',
          locale: 'en-US',
          currency: 'EUR',
          plan: 'growth',
          createdAt: t0,
        });
        expect(await store.getWorkspace('nobody')).toBeNull();
      });

      it('lists the workspaces by id', async () => {
        await store.upsertWorkspace(buildWorkspace({ id: 'zeta' }));
        await store.upsertWorkspace(buildWorkspace({ id: 'alpha' }));
        const ids = (await store.listWorkspaces()).map((workspace) => workspace.id);
        expect(ids.filter((id) => id === 'alpha' || id === 'zeta')).toEqual(['alpha', 'zeta']);
      });

      it('refuses writes for a workspace that does not exist', async () => {
        const error = await captureInputError(store.upsertCustomers('nobody', [buildCustomer()]));
        expect(error.field).toBe('workspaceId');
      });
    });

    describe('customers and contacts', () => {
      it('round-trips every field', async () => {
        await store.upsertCustomers(workspaceId, [
          buildCustomer({ id: 'c1' }),
          { id: 'c2', name: 'Bare Ltd' },
        ]);
        expect(await store.listCustomers(workspaceId)).toEqual([
          {
            workspaceId,
            id: 'c1',
            name: 'Acme GmbH',
            timeZone: 'Europe/Berlin',
            locale: 'de-DE',
            tags: ['smb'],
            region: 'EU',
            industry: 'manufacturing',
            score: 72.5,
            tier: 'gold',
            createdAt: t0,
            updatedAt: t0,
          },
          {
            workspaceId,
            id: 'c2',
            name: 'Bare Ltd',
            timeZone: null,
            locale: null,
            tags: [],
            region: null,
            industry: null,
            score: null,
            tier: null,
            createdAt: t0,
            updatedAt: t0,
          },
        ]);
        expect(await store.listContacts(workspaceId)).toEqual([
          { workspaceId, customerId: 'c1', email: 'ap@acme.example', name: 'Ana', role: 'ap', isPrimary: true },
        ]);
      });

      it('replaces a given contact list, keeps an absent one, and updates in place', async () => {
        await store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2' })]);
        clock = t0 + 5_000;
        await store.upsertCustomers(workspaceId, [
          buildCustomer({ id: 'c1', name: 'Acme AG', contacts: [{ email: 'billing@acme.example' }] }),
          { id: 'c2', name: 'Second' },
        ]);
        const [c1] = await store.listCustomers(workspaceId, { ids: ['c1'] });
        expect(c1).toMatchObject({ name: 'Acme AG', createdAt: t0, updatedAt: t0 + 5_000 });
        expect((await store.listContacts(workspaceId)).map((contact) => [contact.customerId, contact.email])).toEqual([
          ['c1', 'billing@acme.example'],
          ['c2', 'ap@acme.example'],
        ]);
        expect(await store.listContacts(workspaceId, { customerIds: ['c2'] })).toHaveLength(1);
      });

      it('names the customer and field of bad input, and writes none of the batch', async () => {
        const error = await captureInputError(
          store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c9', timeZone: 'Mars/Base' })]),
        );
        expect([error.record, error.field]).toEqual(['customer c9', 'timeZone']);
        expect(error.message).toContain('Mars/Base');
        expect(await store.listCustomers(workspaceId)).toEqual([]);

        const contactError = await captureInputError(
          store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c3', contacts: [{ email: 'not-an-address' }] })]),
        );
        expect([contactError.record, contactError.field]).toEqual(['customer c3', 'contacts[0].email']);
      });
    });

    describe('invoices', () => {
      beforeEach(() => store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' })]).then(() => undefined));

      it('round-trips every field and keeps money exact', async () => {
        const large = buildInvoice({ id: 'INV-1', amountMinor: 999_999_999_999, balanceMinor: 999_999_999_998 });
        const largest = buildInvoice({ id: 'INV-2', amountMinor: Number.MAX_SAFE_INTEGER, balanceMinor: -1, status: 'closed' });
        await store.upsertInvoices(workspaceId, [large, largest]);
        expect(await store.listInvoices(workspaceId)).toEqual([
          { ...large, workspaceId, updatedAt: t0 },
          { ...largest, workspaceId, updatedAt: t0 },
        ]);
      });

      it('updates an invoice in place', async () => {
        await store.upsertInvoices(workspaceId, [buildInvoice()]);
        clock = t0 + 60_000;
        await store.upsertInvoices(workspaceId, [buildInvoice({ balanceMinor: 0, status: 'closed' })]);
        expect(await store.listInvoices(workspaceId, { ids: ['INV-1'] })).toEqual([
          { ...buildInvoice({ balanceMinor: 0, status: 'closed' }), workspaceId, updatedAt: t0 + 60_000 },
        ]);
      });

      it.each([
        ['dueOn', { dueOn: '2024-02-30' }],
        ['issuedOn', { issuedOn: '01/03/2024' }],
        ['currency', { currency: 'EURO' }],
        ['amountMinor', { amountMinor: 12.5 }],
        ['balanceMinor', { balanceMinor: 2 ** 60 }],
        ['knownAt', { knownAt: Number.NaN }],
        ['status', { status: 'paid' as never }],
        ['number', { number: undefined as never }],
      ] as const)('rejects a bad %s, naming invoice and field, and writes none of the batch', async (field, override) => {
        const error = await captureInputError(
          store.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-1' }), buildInvoice({ id: 'INV-7', ...override })]),
        );
        expect([error.record, error.field]).toEqual(['invoice INV-7', field]);
        expect(error.message).toMatch(new RegExp(`^invoice INV-7: ${field} `));
        expect(await store.listInvoices(workspaceId)).toEqual([]);
      });

      it('rejects an invoice of an unknown customer after checking the database, writing none of the batch', async () => {
        const error = await captureInputError(
          store.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-1' }), buildInvoice({ id: 'INV-7', customerId: 'c9' })]),
        );
        expect([error.record, error.field]).toEqual(['invoice INV-7', 'customerId']);
        expect(await store.listInvoices(workspaceId)).toEqual([]);
      });

      it('rejects the same invoice twice in one batch', async () => {
        const error = await captureInputError(store.upsertInvoices(workspaceId, [buildInvoice(), buildInvoice()]));
        expect([error.record, error.field]).toEqual(['invoice INV-1', 'id']);
      });
    });

    describe('streaming open invoices', () => {
      // Ids that sort differently under a linguistic collation ('a' < 'B') and numerically ('c-10' < 'c-9').
      const customerIds = Array.from({ length: 120 }, (_, index) => [`c-${index}`, `C-${index}`, `a${index}`, `_${index}`][index % 4] ?? '');

      async function seedPortfolio(): Promise<InvoiceInput[]> {
        await store.upsertCustomers(
          workspaceId,
          customerIds.map((id) => ({ id, name: `Customer ${id}` })),
        );
        const invoices = Array.from({ length: 3_000 }, (_, index) =>
          buildInvoice({
            id: `INV-${index}`,
            number: `N${index}`,
            customerId: customerIds[(index * 7) % customerIds.length] ?? '',
            status: index % 10 === 3 ? 'closed' : 'open',
          }),
        );
        await store.upsertInvoices(workspaceId, invoices);
        return invoices;
      }

      it('yields every open invoice once, by customer id then invoice id, one page per query', async () => {
        const queries: string[] = [];
        const logged = await target.openFreshDatabase({
          log: (event) => {
            if (event.level === 'query' && /from "invoices"/.test(event.query.sql)) queries.push(event.query.sql);
          },
        });
        await migrateToLatest(logged);
        store = createStore(logged, { now: () => clock });
        await store.upsertWorkspace(buildWorkspace({ id: workspaceId }));
        const invoices = await seedPortfolio();
        queries.length = 0;

        const streamed: StoredInvoice[] = [];
        for await (const invoice of store.streamOpenInvoices(workspaceId, { batchSize: 250 })) streamed.push(invoice);

        const expected = invoices
          .filter((invoice) => invoice.status === 'open')
          .sort((a, b) => compareCodePoints(a.customerId, b.customerId) || compareCodePoints(a.id, b.id))
          .map((invoice) => [invoice.customerId, invoice.id]);
        expect(streamed.map((invoice) => [invoice.customerId, invoice.id])).toEqual(expected);
        expect(streamed[0]).toEqual({ ...invoices.find((invoice) => invoice.id === streamed[0]?.id), workspaceId, updatedAt: t0 });
        // 2,700 open invoices in pages of 250: 11 pages, the last one short.
        expect(queries).toHaveLength(Math.ceil(expected.length / 250));
      });

      it('lets the consumer write while iterating', async () => {
        await seedPortfolio();
        let seen = 0;
        let recorded = 0;
        for await (const invoice of store.streamOpenInvoices(workspaceId, { batchSize: 100 })) {
          seen++;
          if (seen % 500 === 0) {
            // The worker's pattern: decide, record, keep going. A held connection would hang here on SQLite.
            const outcome = await store.recordEngineAction(
              workspaceId,
              buildEngineAction({ invoiceId: invoice.id, customerId: invoice.customerId, actionKey: `k${seen}` }),
            );
            if (outcome.inserted) recorded++;
          }
        }
        expect(seen).toBe(2_700);
        expect(recorded).toBe(5);
        expect(await store.listEngineActions(workspaceId)).toHaveLength(5);
      });

      it('rejects a batch size that is not a positive whole number', async () => {
        const error = await captureInputError(
          (async () => {
            for await (const _ of store.streamOpenInvoices(workspaceId, { batchSize: 0 })) break;
          })(),
        );
        expect(error.field).toBe('batchSize');
      });
    });

    describe('events', () => {
      beforeEach(async () => {
        await store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2' })]);
        await store.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-1', customerId: 'c1' })]);
      });

      it('round-trips, numbers them in order, and files invoice events under the invoice\'s customer', async () => {
        await store.appendEvents(workspaceId, [
          buildEvent({ at: t0 + 2, type: 'payment', invoiceId: 'INV-1', payload: { amount: '200.00', note: { nested: [1, null] } } }),
          buildEvent({ at: t0 + 1, type: 'reply', customerId: 'c2', invoiceId: null, payload: undefined }),
          buildEvent({ at: t0 + 3, type: 'maintenance', invoiceId: null, payload: { from: 't1', to: 't2' } }),
        ]);
        const events = await store.listEvents(workspaceId);
        expect(events.map((event) => [event.type, event.customerId, event.invoiceId])).toEqual([
          ['reply', 'c2', null],
          ['payment', 'c1', 'INV-1'],
          ['maintenance', null, null],
        ]);
        expect(events[1]).toMatchObject({ workspaceId, at: t0 + 2, payload: { amount: '200.00', note: { nested: [1, null] } }, recordedAt: t0 });
        expect(events[0]?.payload).toEqual({});
        const [reply, payment] = events;
        expect((payment?.id ?? 0) < (reply?.id ?? 0)).toBe(true);
        expect((await store.listEvents(workspaceId, { customerId: 'c1' })).map((event) => event.type)).toEqual(['payment']);
        expect((await store.listEvents(workspaceId, { customerIds: ['c1', 'c2'] })).map((event) => event.type)).toEqual(['reply', 'payment']);
        expect(await store.listEvents(workspaceId, { customerIds: [] })).toEqual([]);
        expect((await store.listEvents(workspaceId, { sinceAt: t0 + 2 })).map((event) => event.type)).toEqual(['payment', 'maintenance']);
      });

      it('rejects an event for an unknown invoice or the wrong customer, writing none of the batch', async () => {
        const unknown = await captureInputError(
          store.appendEvents(workspaceId, [buildEvent(), buildEvent({ invoiceId: 'INV-404' })]),
        );
        expect([unknown.record, unknown.field]).toEqual(['events[1]', 'invoiceId']);
        const mismatch = await captureInputError(
          store.appendEvents(workspaceId, [buildEvent({ customerId: 'c2', invoiceId: 'INV-1' })]),
        );
        expect([mismatch.record, mismatch.field]).toEqual(['events[0]', 'customerId']);
        const missing = await captureInputError(store.appendEvents(workspaceId, [buildEvent({ type: 'promise', invoiceId: null })]));
        expect(missing.field).toBe('invoiceId');
        expect(await store.listEvents(workspaceId)).toEqual([]);
      });

      it('takes payment plans and their cancellation on an invoice, with the instalments as given (0020)', async () => {
        const installments = [{ on: '2024-05-01', amount: '500.00' }, { on: '2024-06-01', amount: '500.00' }];
        await store.appendEvents(workspaceId, [
          buildEvent({ at: t0, type: 'payment', invoiceId: 'INV-1', payload: { amount: '1.00' } }),
          buildEvent({ at: t0 + 1, type: 'plan', invoiceId: 'INV-1', payload: { installments, approval: 7 } }),
          buildEvent({ at: t0 + 2, type: 'plan_cancelled', invoiceId: 'INV-1', payload: {} }),
        ]);
        const events = await store.listEvents(workspaceId, { customerId: 'c1' });
        expect(events.map((event) => [event.type, event.invoiceId])).toEqual([['payment', 'INV-1'], ['plan', 'INV-1'], ['plan_cancelled', 'INV-1']]);
        expect(events[1]?.payload).toEqual({ installments, approval: 7 });
        expect(events[0]!.id < events[1]!.id && events[1]!.id < events[2]!.id).toBe(true);
        for (const type of ['plan', 'plan_cancelled'] as const) {
          const missing = await captureInputError(store.appendEvents(workspaceId, [buildEvent({ type, invoiceId: null, customerId: 'c1' })]));
          expect([missing.record, missing.field]).toEqual(['events[0]', 'invoiceId']);
        }
      });
    });

    describe('policy versions', () => {
      it('saves drafts, publishes, and never changes a published version', async () => {
        await store.savePolicyVersion(workspaceId, buildPolicyVersion({ version: 1 }));
        clock = t0 + 10;
        const edited = buildPolicyVersion({ version: 1, bundle: [{ path: 'a.yaml', text: 'x: 1\n' }, { path: 'b/c.yaml', text: 'ü' }] });
        await store.savePolicyVersion(workspaceId, { ...edited, status: 'published' });
        expect(await store.getPolicyVersion(workspaceId, 1)).toEqual({
          workspaceId,
          version: 1,
          bundle: edited.bundle,
          status: 'published',
          createdAt: t0,
          publishedAt: t0 + 10,
          revision: 2,
          createdBy: null,
          publishedBy: null,
          basedOn: null,
          note: null,
        });
        const error = await captureInputError(store.savePolicyVersion(workspaceId, buildPolicyVersion({ version: 1 })));
        expect([error.record, error.field]).toEqual(['policy version 1', 'status']);

        await store.savePolicyVersion(workspaceId, buildPolicyVersion({ version: 3 }));
        await store.savePolicyVersion(workspaceId, buildPolicyVersion({ version: 2, status: 'published', publishedAt: t0 + 99 }));
        expect((await store.listPolicyVersions(workspaceId)).map((version) => [version.version, version.status])).toEqual([
          [1, 'published'],
          [2, 'published'],
          [3, 'draft'],
        ]);
        expect(await store.getLivePolicyVersion(workspaceId)).toMatchObject({ version: 2, publishedAt: t0 + 99 });
        expect(await store.getPolicyVersion(workspaceId, 9)).toBeNull();
      });
    });

    describe('engine actions', () => {
      beforeEach(async () => {
        await store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' })]);
        await store.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-1' }), buildInvoice({ id: 'INV-2' })]);
      });

      it('records (invoice, cadence, step) once: a second insert reports not inserted and does not throw', async () => {
        const action = buildEngineAction({ reason: 'weekend', payload: { to: ['ap@acme.example'] } });
        expect(await store.recordEngineAction(workspaceId, action)).toEqual({ inserted: true });
        clock = t0 + 1;
        expect(await store.recordEngineAction(workspaceId, { ...action, type: 'skip', actionKey: 'other' })).toEqual({ inserted: false });
        expect(await store.listEngineActions(workspaceId)).toEqual([{ ...action, workspaceId, recordedAt: t0 }]);
      });

      it('reports per action which of a batch were new, duplicates inside the batch included', async () => {
        await store.recordEngineAction(workspaceId, buildEngineAction({ step: 'due' }));
        const result = await store.recordEngineActions(workspaceId, [
          buildEngineAction({ step: 'due' }),
          buildEngineAction({ step: 'overdue-1' }),
          buildEngineAction({ step: 'overdue-1' }),
          buildEngineAction({ invoiceId: 'INV-2', step: 'overdue-1' }),
          buildEngineAction({ invoiceId: 'INV-2', cadence: '', step: 'reply@2024-04-11T09:00:00.000Z', type: 'task' }),
        ]);
        expect(result).toEqual({ insertedCount: 3, inserted: [false, true, false, true, true] });
        expect(await store.listEngineActions(workspaceId, { invoiceId: 'INV-2' })).toHaveLength(2);
        expect(await store.listEngineActions(workspaceId)).toHaveLength(4);
      });

      it('rejects an action for an unknown invoice, writing none of the batch', async () => {
        const error = await captureInputError(
          store.recordEngineActions(workspaceId, [buildEngineAction(), buildEngineAction({ invoiceId: 'INV-404' })]),
        );
        expect([error.record, error.field]).toEqual(['engine action INV-404/standard/overdue-1', 'invoiceId']);
        expect(await store.listEngineActions(workspaceId)).toEqual([]);
      });
    });

    describe('suppressions', () => {
      it('adds, replaces, lists by activity and removes, ignoring the case of the address', async () => {
        await store.upsertWorkspace(buildWorkspace({ id: workspaceId }));
        clock = t0;
        await store.suppress(workspaceId, { email: 'AP@Acme.example', reason: 'invalid', note: 'bounce 5.1.1' });
        await store.suppress(workspaceId, { email: 'cfo@acme.example', reason: 'legal_hold', untilAt: t0 + 1_000 });
        expect((await store.listSuppressions(workspaceId)).map((row) => [row.email, row.reason, row.untilAt])).toEqual([
          ['ap@acme.example', 'invalid', null],
          ['cfo@acme.example', 'legal_hold', t0 + 1_000],
        ]);
        // A temporary suppression ends at its reactivation instant.
        expect((await store.listSuppressions(workspaceId, { activeAt: t0 + 1_000 })).map((row) => row.email)).toEqual(['ap@acme.example']);
        // Asked for given addresses, whatever their case; none asked, none found.
        expect((await store.listSuppressions(workspaceId, { emails: ['CFO@acme.example', 'other@acme.example'] })).map((row) => row.email)).toEqual(['cfo@acme.example']);
        expect(await store.listSuppressions(workspaceId, { emails: [] })).toEqual([]);
        await store.suppress(workspaceId, { email: 'ap@acme.example', reason: 'opted_out' });
        expect((await store.listSuppressions(workspaceId))[0]).toMatchObject({ email: 'ap@acme.example', reason: 'opted_out', note: null });
        expect(await store.unsuppress(workspaceId, 'AP@ACME.EXAMPLE')).toBe(true);
        expect(await store.unsuppress(workspaceId, 'ap@acme.example')).toBe(false);
      });

      it('names the field of bad input', async () => {
        await store.upsertWorkspace(buildWorkspace({ id: workspaceId }));
        const error = await captureInputError(store.suppress(workspaceId, { email: 'not an address', reason: 'invalid' }));
        expect(error.field).toBe('email');
        const reason = await captureInputError(store.suppress(workspaceId, { email: 'a@b.example', reason: 'because' as never }));
        expect(reason.field).toBe('reason');
      });
    });

    describe('transactions and driver errors', () => {
      it('commits all of a transaction or none of it', async () => {
        await store.upsertCustomers(workspaceId, [buildCustomer({ id: 'c1' })]);
        const failure = await store
          .transaction(async (tx) => {
            await tx.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-1' })]);
            await tx.appendEvents(workspaceId, [buildEvent({ invoiceId: 'INV-1' })]);
            await tx.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-2', customerId: 'c404' })]);
          })
          .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(StorageInputError);
        expect(await store.listInvoices(workspaceId)).toEqual([]);
        expect(await store.listEvents(workspaceId)).toEqual([]);

        const kept = await store.transaction(async (tx) => {
          await tx.upsertInvoices(workspaceId, [buildInvoice({ id: 'INV-1' })]);
          return tx.transaction((nested) => nested.listInvoices(workspaceId));
        });
        expect(kept).toHaveLength(1);
        expect(await store.listInvoices(workspaceId)).toHaveLength(1);
      });

      it('translates a constraint violation from the driver into a StorageInputError', async () => {
        const insertTwice = database.db
          .insertInto('workspaces')
          .values({ id: workspaceId, name: 'x', time_zone: 'UTC', locale: 'en', currency: 'USD', created_at: 0 })
          .execute();
        const driverError = await insertTwice.then(() => null, (error: unknown) => error);
        expect(database.dialect.classifyError(driverError)?.kind).toBe('unique');
        const translated = translateDriverError(driverError, database.dialect, { record: `workspace ${workspaceId}`, field: 'id' });
        expect(translated).toBeInstanceOf(StorageInputError);
        expect(translated).toMatchObject({ record: `workspace ${workspaceId}`, field: 'id', cause: driverError });
      });
    });
  });
}
