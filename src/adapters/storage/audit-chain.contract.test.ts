// The audit trail's hash chain on both databases: appends chain, the database refuses updates
// and deletes, and tampering done around that (by someone who dropped the guard) is found by
// `verifyAuditTrail`, which names the first entry that does not fit.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../app/audit/verify-audit-trail.ts';
import type { Store } from '../../app/ports/store.ts';
import { buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2026, 10, 25, 9);

for (const target of listStorageTargets()) {
  describe.skipIf(target.skipReason !== null)(`the audit chain on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      store = createStore(database, { now: () => t0 });
      await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
      for (let index = 1; index <= 5; index += 1) {
        await store.appendAudit({ workspaceId: 'acme', at: t0 + index, actor: `cli:user${index}`, action: 'draft.approve', subject: `draft ${index}`, detail: { n: index } });
      }
    });

    /** What an intruder with the database's owner rights would do first. */
    async function dropTheGuard(): Promise<void> {
      for (const statement of database.dialect.capabilities.dropAppendOnlyStatements('audit_log')) await sql.raw(statement).execute(database.db);
    }

    it('chains every append, and the chain verifies', async () => {
      expect(await verifyAuditTrail({ store, pageSize: 2 })).toMatchObject({ ok: true, entries: 5 });
      const chain = await store.readAuditChain({ afterSeq: 0, limit: 10 });
      expect(chain.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    });

    it('refuses to update or delete an entry', async () => {
      await expect(sql`update audit_log set actor = 'someone else' where seq = 3`.execute(database.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where seq = 3`.execute(database.db)).rejects.toThrow(/append-only/);
      expect(await verifyAuditTrail({ store })).toMatchObject({ ok: true, entries: 5 });
    });

    it('names a changed entry', async () => {
      await dropTheGuard();
      await sql`update audit_log set actor = 'cli:someone-else' where seq = 3`.execute(database.db);
      expect(await verifyAuditTrail({ store })).toMatchObject({ ok: false, seq: 3, problem: expect.stringMatching(/^entry 3 \(id \d+\) was changed/) });
    });

    it('names a deleted entry', async () => {
      await dropTheGuard();
      await sql`delete from audit_log where seq = 3`.execute(database.db);
      expect(await verifyAuditTrail({ store })).toMatchObject({ ok: false, seq: 3, id: null, problem: expect.stringMatching(/^entry 3 is missing/) });
    });

    it('names the first entry out of place when two are swapped', async () => {
      await dropTheGuard();
      await sql`update audit_log set seq = -1 where seq = 2`.execute(database.db);
      await sql`update audit_log set seq = 2 where seq = 3`.execute(database.db);
      await sql`update audit_log set seq = 3 where seq = -1`.execute(database.db);
      expect(await verifyAuditTrail({ store })).toMatchObject({ ok: false, seq: 2, problem: expect.stringMatching(/^entry 2 \(id \d+\) does not follow entry 1/) });
    });
  });
}
