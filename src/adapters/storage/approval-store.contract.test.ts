// The approvals part of the storage contract: requests, decisions, state moves from the state
// read, expiry, and credit events; every test runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApprovalRequestInput } from '../../app/ports/approval-store.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { Migrator } from 'kysely';
import { createStore } from './create-store.ts';
import { createMigrationProvider } from './migrations/create-migration-provider.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import type { DatabaseHandle } from './open-database.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { seedOlderSchema } from './testing/seed-older-schema.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 11, 2, 9);
const request = (overrides: Partial<ApprovalRequestInput> = {}): ApprovalRequestInput => ({
  invoiceId: 'INV-1',
  customerId: 'c1',
  kind: 'credit',
  amountMinor: 600_00,
  currency: 'EUR',
  reason: 'goodwill',
  detail: { explanation: 'credit cap above the last bound' },
  requiredRoles: ['controller'],
  requestedBy: 'olu@acme.example',
  requesterId: 'u-olu',
  requesterRole: 'operator',
  status: 'pending',
  createdAt: t0,
  expiresAt: t0 + 1000,
  ...overrides,
});

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`approval store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`approval store contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ database, store } = await openTwoWorkspaceStore(target, { now: t0, invoices: [buildInvoice({ id: 'INV-1', customerId: 'c1' })] }));
    });

    it('keeps a request and its decisions, per organisation', async () => {
      const created = await store.createApprovalRequest('acme', request());
      expect(created).toMatchObject({ id: expect.any(Number), workspaceId: 'acme', status: 'pending', requiredRoles: ['controller'], decidedAt: null, detail: { explanation: 'credit cap above the last bound' } });
      expect(await store.getApprovalRequest('acme', created.id)).toEqual(created);
      expect(await store.getApprovalRequest('beta', created.id)).toBeNull();
      const decision = await store.recordApprovalDecision('acme', { requestId: created.id, role: 'controller', decision: 'ask_info', decidedBy: 'cy@acme.example', deciderId: 'u-cy', rationale: 'which shipment?', at: t0 + 1 });
      expect(await store.listApprovalDecisions('acme', [created.id])).toEqual([decision]);
      expect(await store.listApprovalDecisions('beta', [created.id])).toEqual([]);
    });

    it('moves a request only from the state given, so of two deciders one wins', async () => {
      const { id } = await store.createApprovalRequest('acme', request());
      const other = createStore(database, { now: () => t0 });
      const moves = await Promise.all([
        store.transitionApprovalRequest('acme', id, { from: ['pending'], to: 'approved', at: t0 + 5 }),
        other.transitionApprovalRequest('acme', id, { from: ['pending'], to: 'rejected', at: t0 + 5 }),
      ]);
      expect(moves.filter(Boolean)).toHaveLength(1);
      const stored = await store.getApprovalRequest('acme', id);
      expect(stored?.status).toBe(moves[0] ? 'approved' : 'rejected');
      expect(stored?.decidedAt).toBe(t0 + 5);
    });

    it('expires open requests whose time ran out, and lists newest first by status', async () => {
      const first = await store.createApprovalRequest('acme', request());
      const second = await store.createApprovalRequest('acme', request({ expiresAt: t0 + 5000 }));
      const done = await store.createApprovalRequest('acme', request({ status: 'approved', requiredRoles: [] }));
      expect(await store.expireApprovalRequests('acme', t0 + 1000)).toEqual([first.id]);
      expect((await store.listApprovalRequests('acme', { limit: 10 })).map((entry) => [entry.id, entry.status])).toEqual([
        [done.id, 'approved'],
        [second.id, 'pending'],
        [first.id, 'expired'],
      ]);
      expect((await store.listApprovalRequests('acme', { statuses: ['pending'], limit: 10 })).map((entry) => entry.id)).toEqual([second.id]);
      expect((await store.listApprovalRequests('acme', { limit: 1, beforeId: done.id })).map((entry) => entry.id)).toEqual([second.id]);
      expect(await store.listApprovalRequests('acme', { statuses: [], limit: 10 })).toEqual([]);
    });

    it('refuses a request on an invoice of another organisation, or without an amount, naming the field', async () => {
      const missing = await store.createApprovalRequest('acme', request({ invoiceId: 'INV-404' })).catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(StorageInputError);
      expect((missing as StorageInputError).field).toBe('invoiceId');
      const zero = await store.createApprovalRequest('acme', request({ amountMinor: 0 })).catch((error: unknown) => error);
      expect((zero as StorageInputError).field).toBe('amountMinor');
      expect(await store.listApprovalRequests('acme', { limit: 10 })).toEqual([]);
    });

    it('keeps every event and its id when the migration teaches the events table the credit type', async () => {
      const older = await target.openFreshDatabase();
      const migrator = new Migrator({ db: older.db, provider: createMigrationProvider(older.dialect.capabilities) });
      expect((await migrator.migrateTo('0009-policy-publishing')).error).toBeUndefined();
      const before = createStore(older, { now: () => t0 });
      await seedOlderSchema(older.db, {
        workspaceId: 'acme',
        at: t0,
        customers: [{ id: 'c1', name: 'Acme GmbH' }],
        invoices: [{ id: 'INV-1', customerId: 'c1', number: 'INV-1', balanceMinor: 120_000, currency: 'EUR' }],
        events: [
          { at: t0, type: 'payment', customerId: 'c1', invoiceId: 'INV-1', payload: { amount: '1.00' } },
          { at: t0 + 1, type: 'reply', customerId: 'c1', invoiceId: null, payload: {} },
        ],
      });
      const kept = await before.listEvents('acme');
      expect((await migrateToLatest(older)).applied[0]).toBe('0010-approvals');
      const after = createStore(older, { now: () => t0 });
      expect(await after.listEvents('acme')).toEqual(kept);
      await after.appendEvents('acme', [{ at: t0 + 2, type: 'credit', invoiceId: 'INV-1', payload: { amount: '2.00' } }]);
      const events = await after.listEvents('acme');
      expect(events.map((event) => event.type)).toEqual(['payment', 'reply', 'credit']);
      // Ids keep counting from where they were: an id is never reused.
      expect(events[2]!.id).toBeGreaterThan(Math.max(...kept.map((event) => event.id)));
      await older.close();
    });

    it('records credit events, which lower the balance like payments', async () => {
      await store.appendEvents('acme', [{ at: t0, type: 'credit', invoiceId: 'INV-1', payload: { amount: '600.00', approval: 1, kind: 'credit' } }]);
      expect((await store.listEvents('acme')).map((event) => [event.type, event.customerId, event.payload.amount])).toEqual([['credit', 'c1', '600.00']]);
    });
  });
}
