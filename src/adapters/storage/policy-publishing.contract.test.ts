// The policy-publishing part of the storage contract (drafts, edits, publishes to segments, the
// publish revision): every test runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2024, 2, 1, 9);
const bundle = (text: string) => [{ path: 'policy.yaml', text }];

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`policy publishing contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`policy publishing contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;
    let clock = t0;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      clock = t0;
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      store = createStore(database, { now: () => clock });
      await store.upsertWorkspace(buildWorkspace({ id: 'acme', name: 'Acme' }));
      await store.upsertWorkspace(buildWorkspace({ id: 'beta', name: 'Beta' }));
    });

    it('numbers drafts after every existing version and keeps who created them', async () => {
      await store.savePolicyVersion('acme', { version: 1, bundle: bundle('a'), status: 'published' });
      const draft = await store.createPolicyDraft('acme', { bundle: bundle('b'), createdBy: 'ana@example.com', basedOn: 1, note: 'softer tone' });
      expect(draft).toMatchObject({ version: 2, status: 'draft', revision: 1, createdBy: 'ana@example.com', basedOn: 1, note: 'softer tone', publishedAt: null });
      expect((await store.createPolicyDraft('acme', { bundle: bundle('c'), createdBy: 'bo@example.com' })).version).toBe(3);
      // Numbers are per workspace.
      expect((await store.createPolicyDraft('beta', { bundle: bundle('x'), createdBy: 'cy@example.com' })).version).toBe(1);
    });

    it('gives concurrent draft creations different numbers', async () => {
      const other = createStore(database, { now: () => clock });
      const drafts = await Promise.all([
        ...Array.from({ length: 4 }, (_, index) => store.createPolicyDraft('acme', { bundle: bundle(`s${index}`), createdBy: 'a@example.com' })),
        ...Array.from({ length: 4 }, (_, index) => other.createPolicyDraft('acme', { bundle: bundle(`o${index}`), createdBy: 'b@example.com' })),
      ]);
      expect(drafts.map((draft) => draft.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const stored = await store.listPolicyVersions('acme');
      expect(new Set(stored.map((version) => version.bundle[0]!.text)).size).toBe(8);
    });

    it('refuses a draft based on a version that does not exist, naming the field', async () => {
      const error = await store.createPolicyDraft('acme', { bundle: bundle('a'), createdBy: 'a@example.com', basedOn: 7 }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(StorageInputError);
      expect((error as StorageInputError).field).toBe('basedOn');
      expect(await store.listPolicyVersions('acme')).toEqual([]);
    });

    it('edits a draft only from its current revision, and never a published version', async () => {
      const draft = await store.createPolicyDraft('acme', { bundle: bundle('a'), createdBy: 'a@example.com' });
      const edited = await store.editPolicyDraft('acme', draft.version, { bundle: bundle('b'), revision: 1, note: 'n' });
      expect(edited).toMatchObject({ ok: true, version: { revision: 2, bundle: bundle('b'), note: 'n' } });
      expect(await store.editPolicyDraft('acme', draft.version, { bundle: bundle('c'), revision: 1 })).toMatchObject({ ok: false, reason: 'stale', current: { revision: 2 } });
      expect((await store.getPolicyVersion('acme', draft.version))?.bundle).toEqual(bundle('b'));
      expect(await store.editPolicyDraft('acme', 9, { bundle: bundle('c'), revision: 1 })).toEqual({ ok: false, reason: 'missing', current: null });
      await store.publishPolicyVersion('acme', { version: draft.version, segments: 'all', expectedRevision: 0, publishedBy: 'a@example.com' });
      expect(await store.editPolicyDraft('acme', draft.version, { bundle: bundle('d'), revision: 2 })).toMatchObject({ ok: false, reason: 'published' });
      expect((await store.getPolicyVersion('acme', draft.version))?.bundle).toEqual(bundle('b'));
      // Another organisation's draft of the same number is out of reach.
      expect(await store.editPolicyDraft('beta', draft.version, { bundle: bundle('e'), revision: 2 })).toMatchObject({ ok: false, reason: 'missing' });
    });

    it('publishes to every segment, then to chosen segments, and rolls back', async () => {
      const v1 = await store.createPolicyDraft('acme', { bundle: bundle('1'), createdBy: 'a@example.com' });
      const v2 = await store.createPolicyDraft('acme', { bundle: bundle('2'), createdBy: 'a@example.com' });
      expect(await store.getPolicyPublishState('acme')).toEqual({ revision: 0, liveVersion: null, segmentVersions: [] });
      clock = t0 + 1000;
      const first = await store.publishPolicyVersion('acme', { version: v1.version, segments: 'all', expectedRevision: 0, expectedDraftRevision: 1, publishedBy: 'ana@example.com' });
      expect(first).toMatchObject({ ok: true, froze: true, version: { status: 'published', publishedAt: t0 + 1000, publishedBy: 'ana@example.com' } });
      expect(await store.getLivePolicyVersion('acme')).toMatchObject({ version: 1 });

      const partial = await store.publishPolicyVersion('acme', { version: v2.version, segments: ['smb', 'enterprise'], expectedRevision: 1, publishedBy: 'bo@example.com' });
      expect(partial.ok && partial.state).toEqual({
        revision: 2,
        liveVersion: 1,
        segmentVersions: [
          { segment: 'enterprise', version: 2, assignedAt: t0 + 1000 },
          { segment: 'smb', version: 2, assignedAt: t0 + 1000 },
        ],
      });
      // The live version stays the workspace's; v2 runs only where it was published.
      expect(await store.getLivePolicyVersion('acme')).toMatchObject({ version: 1 });

      // Giving a segment the live version again ends its exception.
      const back = await store.publishPolicyVersion('acme', { version: 1, segments: ['smb'], expectedRevision: 2, publishedBy: 'bo@example.com' });
      expect(back).toMatchObject({ ok: true, froze: false, state: { revision: 3, liveVersion: 1, segmentVersions: [{ segment: 'enterprise', version: 2 }] } });

      const everywhere = await store.publishPolicyVersion('acme', { version: 2, segments: 'all', expectedRevision: 3, publishedBy: 'bo@example.com' });
      expect(everywhere.ok && everywhere.state).toEqual({ revision: 4, liveVersion: 2, segmentVersions: [] });
      // Rollback: an earlier version published again becomes live, unchanged.
      const rollback = await store.publishPolicyVersion('acme', { version: 1, segments: 'all', expectedRevision: 4, publishedBy: 'bo@example.com' });
      expect(rollback).toMatchObject({ ok: true, froze: false, version: { publishedAt: t0 + 1000, publishedBy: 'ana@example.com' }, state: { liveVersion: 1 } });
      expect(await store.getLivePolicyVersion('acme')).toMatchObject({ version: 1, bundle: bundle('1') });
      expect(await store.getPolicyPublishState('beta')).toEqual({ revision: 0, liveVersion: null, segmentVersions: [] });
    });

    it('refuses a publish against an old revision, a missing version and an edited draft, and changes nothing', async () => {
      const v1 = await store.createPolicyDraft('acme', { bundle: bundle('1'), createdBy: 'a@example.com' });
      await store.publishPolicyVersion('acme', { version: v1.version, segments: 'all', expectedRevision: 0, publishedBy: 'a@example.com' });
      const v2 = await store.createPolicyDraft('acme', { bundle: bundle('2'), createdBy: 'a@example.com' });
      await store.editPolicyDraft('acme', v2.version, { bundle: bundle('2b'), revision: 1 });
      const before = await store.getPolicyPublishState('acme');
      expect(await store.publishPolicyVersion('acme', { version: 2, segments: 'all', expectedRevision: 0, publishedBy: 'a@example.com' })).toMatchObject({ ok: false, reason: 'stale', state: before });
      expect(await store.publishPolicyVersion('acme', { version: 2, segments: 'all', expectedRevision: 1, expectedDraftRevision: 1, publishedBy: 'a@example.com' })).toMatchObject({ ok: false, reason: 'stale_draft' });
      expect(await store.publishPolicyVersion('acme', { version: 5, segments: 'all', expectedRevision: 1, publishedBy: 'a@example.com' })).toMatchObject({ ok: false, reason: 'missing' });
      expect(await store.getPolicyPublishState('acme')).toEqual(before);
      expect((await store.getPolicyVersion('acme', 2))?.status).toBe('draft');
    });

    it('lets exactly one of two concurrent publishes win', async () => {
      const v1 = await store.createPolicyDraft('acme', { bundle: bundle('1'), createdBy: 'a@example.com' });
      await store.publishPolicyVersion('acme', { version: v1.version, segments: 'all', expectedRevision: 0, publishedBy: 'a@example.com' });
      const v2 = await store.createPolicyDraft('acme', { bundle: bundle('2'), createdBy: 'a@example.com' });
      const v3 = await store.createPolicyDraft('acme', { bundle: bundle('3'), createdBy: 'b@example.com' });
      const other = createStore(database, { now: () => clock });
      const results = await Promise.all([
        store.publishPolicyVersion('acme', { version: v2.version, segments: 'all', expectedRevision: 1, publishedBy: 'a@example.com' }),
        other.publishPolicyVersion('acme', { version: v3.version, segments: 'all', expectedRevision: 1, publishedBy: 'b@example.com' }),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.reason)).toEqual(['stale']);
      const winner = results.findIndex((result) => result.ok) === 0 ? 2 : 3;
      const loser = winner === 2 ? 3 : 2;
      expect(await store.getPolicyPublishState('acme')).toEqual({ revision: 2, liveVersion: winner, segmentVersions: [] });
      // The loser's draft stays a draft: nothing of its publish landed.
      expect((await store.getPolicyVersion('acme', loser))?.status).toBe('draft');
    });

    it('refuses a segment list that names no segment or a malformed name', async () => {
      const v1 = await store.createPolicyDraft('acme', { bundle: bundle('1'), createdBy: 'a@example.com' });
      for (const segments of [[], ['Not A Slug']]) {
        const error = await store.publishPolicyVersion('acme', { version: v1.version, segments, expectedRevision: 0, publishedBy: 'a@example.com' }).catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(StorageInputError);
        expect((error as StorageInputError).field).toMatch(/^segments/);
      }
      expect(await store.getPolicyPublishState('acme')).toEqual({ revision: 0, liveVersion: null, segmentVersions: [] });
    });

    it('measures customers and open balances per currency, for the plan limits', async () => {
      await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2' })]);
      await store.upsertInvoices('acme', [
        buildInvoice({ id: 'I1', customerId: 'c1', currency: 'EUR', balanceMinor: 100_00 }),
        buildInvoice({ id: 'I2', customerId: 'c2', currency: 'EUR', balanceMinor: 250_50 }),
        buildInvoice({ id: 'I3', customerId: 'c2', currency: 'JPY', balanceMinor: 5000 }),
        buildInvoice({ id: 'I4', customerId: 'c2', currency: 'USD', balanceMinor: 0, status: 'closed' }),
      ]);
      expect(await store.measurePortfolio('acme')).toEqual({
        customers: 2,
        openBalances: [
          { currency: 'EUR', balanceMinor: 350_50 },
          { currency: 'JPY', balanceMinor: 5000 },
        ],
      });
      expect(await store.measurePortfolio('beta')).toEqual({ customers: 0, openBalances: [] });
    });

    it('keeps the plan of a workspace when an update does not name it', async () => {
      expect((await store.getWorkspace('acme'))?.plan).toBe('growth');
      await store.upsertWorkspace(buildWorkspace({ id: 'acme', name: 'Acme', plan: 'starter' }));
      await store.upsertWorkspace(buildWorkspace({ id: 'acme', name: 'Acme Ltd' }));
      expect(await store.getWorkspace('acme')).toMatchObject({ name: 'Acme Ltd', plan: 'starter' });
    });

    it('keeps one Autopilot switch per segment and workspace, replacing it on each change', async () => {
      await store.setSegmentMode('acme', { segment: 'smb', mode: 'autopilot', setBy: 'ana@example.com', setAt: t0, reason: 'contacts verified' });
      await store.setSegmentMode('acme', { segment: 'key', mode: 'shadow', setBy: 'ana@example.com', setAt: t0, reason: null });
      await store.setSegmentMode('acme', { segment: 'smb', mode: 'shadow', setBy: 'bo@example.com', setAt: t0 + 1, reason: 'bounces' });
      expect(await store.listSegmentModes('acme')).toEqual([
        { segment: 'key', mode: 'shadow', setBy: 'ana@example.com', setAt: t0, reason: null },
        { segment: 'smb', mode: 'shadow', setBy: 'bo@example.com', setAt: t0 + 1, reason: 'bounces' },
      ]);
      expect(await store.listSegmentModes('beta')).toEqual([]);
      await expect(store.setSegmentMode('nobody', { segment: 'smb', mode: 'shadow', setBy: 'a', setAt: t0, reason: null })).rejects.toThrow(/nobody/);
    });
  });
}
