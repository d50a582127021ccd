// The collections-records part of the storage contract (disputes, notes) and the collections
// queue; every test runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DisputeInput } from '../../app/ports/collections-record-store.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { openTwoWorkspaceStore } from './testing/open-two-workspace-store.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 11, 2, 9);
const dispute = (overrides: Partial<DisputeInput> = {}): DisputeInput => ({
  invoiceId: 'INV-1',
  customerId: 'c1',
  reason: 'quality',
  description: 'damaged',
  owner: null,
  openedBy: 'olu@acme.example',
  openedAt: t0,
  dueAt: t0 + 5000,
  atRiskAt: t0 + 4000,
  ...overrides,
});

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`collections records contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`collections records contract on ${target.name}`, () => {
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      ({ store } = await openTwoWorkspaceStore(target, { now: t0, invoices: [buildInvoice({ id: 'INV-1', customerId: 'c1' }), buildInvoice({ id: 'INV-2', customerId: 'c1' })] }));
    });

    it('lists open disputes by due time, then resolved ones newest first, and changes only open ones', async () => {
      const late = await store.createDispute('acme', dispute({ dueAt: t0 + 9000 }));
      const soon = await store.createDispute('acme', dispute({ invoiceId: 'INV-2', dueAt: t0 + 1000 }));
      const closed = await store.createDispute('acme', dispute());
      expect(await store.updateDispute('acme', closed.id, { resolved: { at: t0 + 10, resolution: 'credited', note: 'ok' } })).toBe(true);
      expect(await store.updateDispute('acme', closed.id, { owner: 'x@acme.example' })).toBe(false);
      expect((await store.listDisputes('acme', { limit: 10 })).map((entry) => entry.id)).toEqual([soon.id, late.id, closed.id]);
      expect((await store.listDisputes('acme', { limit: 10, open: false })).map((entry) => [entry.id, entry.resolution])).toEqual([[closed.id, 'credited']]);
      expect(await store.listDisputes('beta', { limit: 10 })).toEqual([]);
      expect(await store.getDispute('beta', soon.id)).toBeNull();
    });

    it('refuses a dispute on an unknown invoice and names the field', async () => {
      const error = await store.createDispute('acme', dispute({ invoiceId: 'NOPE' })).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(StorageInputError);
      expect((error as StorageInputError).field).toBe('invoiceId');
    });

    it('keeps notes with their mentions, newest first, per customer', async () => {
      const first = await store.addNote('acme', { customerId: 'c1', invoiceId: null, author: 'olu@acme.example', authorId: 'u1', body: 'called', mentions: [], createdAt: t0 });
      const second = await store.addNote('acme', { customerId: 'c1', invoiceId: 'INV-1', author: 'olu@acme.example', authorId: 'u1', body: '@lee see this', mentions: ['u2'], createdAt: t0 + 1 });
      expect((await store.listNotes('acme', { customerId: 'c1', limit: 10 })).map((note) => note.id)).toEqual([second.id, first.id]);
      expect((await store.listNotes('acme', { invoiceId: 'INV-1', limit: 10 }))[0]).toEqual(second);
      expect((await store.listNotes('acme', { customerId: 'c1', limit: 10, beforeId: second.id })).map((note) => note.id)).toEqual([first.id]);
      expect(await store.listNotes('beta', { customerId: 'c1', limit: 10 })).toEqual([]);
    });

    it('replaces a workspace’s queue whole and pages it by score, then invoice id', async () => {
      const entry = (invoiceId: string, score: number) => ({ invoiceId, invoiceNumber: `N-${invoiceId}`, customerId: 'c1', customerName: 'Acme GmbH', score, daysPastDue: 3, balanceMinor: 100, currency: 'EUR', reasons: [{ code: 'aging', points: score, text: 'late' }], nextActionAt: null, nextAction: null });
      await store.replaceCollectionQueue('acme', [entry('INV-1', 10), entry('INV-2', 30)], t0);
      await store.replaceCollectionQueue('beta', [entry('INV-1', 99)], t0);
      await store.replaceCollectionQueue('acme', [entry('INV-1', 50), entry('INV-2', 50)], t0 + 1);
      const page = await store.pageCollectionQueue('acme', { limit: 1 });
      expect(page).toEqual([{ ...entry('INV-1', 50), refreshedAt: t0 + 1 }]);
      expect((await store.pageCollectionQueue('acme', { limit: 5, after: { score: 50, invoiceId: 'INV-1' } })).map((row) => row.invoiceId)).toEqual(['INV-2']);
      expect(await store.getCollectionQueueRefreshedAt('beta')).toBe(t0);
    });

    // On PostgreSQL each call runs on its own pooled connection, at the same time.
    it('takes several workers rescoring one queue at once: each replace is whole, none collides', async () => {
      const entry = (invoiceId: string, score: number) => ({ invoiceId, invoiceNumber: `N-${invoiceId}`, customerId: 'c1', customerName: 'Acme GmbH', score, daysPastDue: 3, balanceMinor: 100, currency: 'EUR', reasons: [], nextActionAt: null, nextAction: null });
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => store.replaceCollectionQueue('acme', [entry('INV-1', index), entry('INV-2', index)], t0 + index)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      const rows = await store.pageCollectionQueue('acme', { limit: 10 });
      expect(rows).toHaveLength(2);
      // Both rows come from the same replace.
      expect(new Set(rows.map((row) => row.score)).size).toBe(1);
    });
  });
}
