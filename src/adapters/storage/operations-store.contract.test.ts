// The operations part of the storage contract (maintenance, scheduled jobs, heartbeats, audit
// trail): every test runs on SQLite and on PostgreSQL, against a fresh database.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scheduledJobNames, type ScheduledJobName } from '../../app/ports/operations-store.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { listPendingMigrations } from './list-pending-migrations.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import { createMigrationProvider } from './migrations/create-migration-provider.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2024, 2, 1, 9);
const operator = 'cli:ana';

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`operations store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`operations store contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      store = createStore(database, { now: () => t0 });
      await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
    });

    async function captureError(work: Promise<unknown>): Promise<unknown> {
      return work.then(
        () => null,
        (thrown: unknown) => thrown,
      );
    }

    async function captureInputError(work: Promise<unknown>): Promise<StorageInputError> {
      const error = await captureError(work);
      expect(error).toBeInstanceOf(StorageInputError);
      return error as StorageInputError;
    }

    describe('pending migrations (readiness)', () => {
      it('lists every migration of a fresh database, in order, and none once migrated', async () => {
        const fresh = await target.openFreshDatabase();
        const names = Object.keys(await createMigrationProvider(fresh.dialect.capabilities).getMigrations());
        expect(await listPendingMigrations(fresh)).toEqual(names);
        await migrateToLatest(fresh);
        expect(await listPendingMigrations(fresh)).toEqual([]);
        await fresh.close();
      });
    });

    describe('maintenance', () => {
      it('is off until switched, and every switch is in the audit trail with who and why', async () => {
        expect(await store.getMaintenance()).toEqual({ on: false, reason: null, changedAt: null, changedBy: null });

        const on = await store.setMaintenance({ on: true, reason: 'SMTP relay migration', at: t0 + 1_000, by: operator });
        expect(on).toEqual({ on: true, reason: 'SMTP relay migration', changedAt: t0 + 1_000, changedBy: operator });
        expect(await store.getMaintenance()).toEqual(on);

        await store.setMaintenance({ on: false, reason: null, at: t0 + 2_000, by: 'cli:bo' });
        expect(await store.getMaintenance()).toEqual({ on: false, reason: null, changedAt: t0 + 2_000, changedBy: 'cli:bo' });

        const trail = await store.listAudit();
        expect(trail.map(({ id: _id, ...entry }) => entry)).toEqual([
          { workspaceId: null, at: t0 + 2_000, actor: 'cli:bo', action: 'maintenance.off', subject: 'maintenance', detail: { reason: null } },
          { workspaceId: null, at: t0 + 1_000, actor: operator, action: 'maintenance.on', subject: 'maintenance', detail: { reason: 'SMTP relay migration' } },
        ]);
        expect(trail[0]!.id).toBeGreaterThan(trail[1]!.id);
      });

      it('refuses a switch without an actor or instant, changing nothing and auditing nothing', async () => {
        const noActor = await captureInputError(store.setMaintenance({ on: true, reason: 'x', at: t0, by: '' }));
        expect([noActor.record, noActor.field]).toEqual(['maintenance', 'by']);
        const badInstant = await captureInputError(store.setMaintenance({ on: true, reason: 'x', at: 1.5, by: operator }));
        expect(badInstant.field).toBe('at');
        expect((await store.getMaintenance()).on).toBe(false);
        expect(await store.listAudit()).toEqual([]);
      });

      it('does not switch when its audit entry cannot be written', async () => {
        await sql`drop table audit_log`.execute(database.db);
        expect(await captureError(store.setMaintenance({ on: true, reason: 'x', at: t0, by: operator }))).toBeInstanceOf(Error);
        expect((await store.getMaintenance()).on).toBe(false);
      });

      it("joins the caller's transaction: a rollback undoes the switch and its audit entry", async () => {
        const failure = new Error('later step failed');
        const thrown = await captureError(
          store.transaction(async (tx) => {
            await tx.setMaintenance({ on: true, reason: 'x', at: t0, by: operator });
            throw failure;
          }),
        );
        expect(thrown).toBe(failure);
        expect((await store.getMaintenance()).on).toBe(false);
        expect(await store.listAudit()).toEqual([]);
      });
    });

    describe('scheduled jobs', () => {
      it('lists every job in a fixed order, not paused and never run, before anything is stored', async () => {
        expect(await store.listScheduledJobs()).toEqual(
          scheduledJobNames.map((name) => ({ name, paused: false, pausedReason: null, lastStartedAt: null, lastFinishedAt: null, lastStatus: null, lastError: null })),
        );
      });

      it('pauses and resumes a job, auditing both, and forgets the reason on resume', async () => {
        const paused = await store.setScheduledJobPaused('sending', { paused: true, reason: 'relay down', at: t0 + 1_000, by: operator });
        expect(paused).toMatchObject({ name: 'sending', paused: true, pausedReason: 'relay down' });
        expect((await store.listScheduledJobs()).filter((job) => job.paused).map((job) => job.name)).toEqual(['sending']);

        const resumed = await store.setScheduledJobPaused('sending', { paused: false, reason: null, at: t0 + 2_000, by: operator });
        expect(resumed).toMatchObject({ name: 'sending', paused: false, pausedReason: null });

        expect((await store.listAudit()).map((entry) => [entry.action, entry.subject, entry.actor, entry.at, entry.detail])).toEqual([
          ['job.resume', 'job sending', operator, t0 + 2_000, { reason: null }],
          ['job.pause', 'job sending', operator, t0 + 1_000, { reason: 'relay down' }],
        ]);
      });

      it('records runs without touching the pause, and keeps the error of a failed run only', async () => {
        await store.setScheduledJobPaused('planning', { paused: true, reason: 'policy review', at: t0, by: operator });
        await store.recordJobRun('planning', { startedAt: t0 + 10, finishedAt: t0 + 20, status: 'failed', error: 'workspace acme: policy_invalid' });
        const [planning] = await store.listScheduledJobs();
        expect(planning).toEqual({
          name: 'planning',
          paused: true,
          pausedReason: 'policy review',
          lastStartedAt: t0 + 10,
          lastFinishedAt: t0 + 20,
          lastStatus: 'failed',
          lastError: 'workspace acme: policy_invalid',
        });

        await store.recordJobRun('planning', { startedAt: t0 + 30, finishedAt: t0 + 40, status: 'ok', error: 'ignored when ok' });
        await store.recordJobRun('retention', { startedAt: t0 + 50, finishedAt: t0 + 60, status: 'ok' });
        const jobs = await store.listScheduledJobs();
        expect(jobs.find((job) => job.name === 'planning')).toMatchObject({ paused: true, lastStatus: 'ok', lastError: null, lastFinishedAt: t0 + 40 });
        expect(jobs.find((job) => job.name === 'retention')).toMatchObject({ paused: false, lastStatus: 'ok', lastStartedAt: t0 + 50 });
        // A run is not a toggle: it is not audited.
        expect((await store.listAudit()).map((entry) => entry.action)).toEqual(['job.pause']);
      });

      it('refuses an unknown job, naming it and the field, and audits nothing', async () => {
        const pause = await captureInputError(store.setScheduledJobPaused('nightly' as ScheduledJobName, { paused: true, reason: null, at: t0, by: operator }));
        expect([pause.record, pause.field]).toEqual(['job nightly', 'name']);
        expect(pause.message).toContain('planning, sending, queue, inbound, deliverability, retention');
        const run = await captureInputError(store.recordJobRun('nightly' as ScheduledJobName, { startedAt: t0, finishedAt: t0, status: 'ok' }));
        expect([run.record, run.field]).toEqual(['job nightly', 'name']);
        expect(await store.listAudit()).toEqual([]);
        expect(await store.listScheduledJobs()).toHaveLength(scheduledJobNames.length);
      });

      it('refuses a run that finished before it started', async () => {
        const error = await captureInputError(store.recordJobRun('sending', { startedAt: t0 + 10, finishedAt: t0, status: 'ok' }));
        expect([error.record, error.field]).toEqual(['job sending', 'finishedAt']);
      });
    });

    describe('worker heartbeats', () => {
      it('keeps the latest beat of each worker, newest first', async () => {
        expect(await store.listHeartbeats()).toEqual([]);
        await store.recordHeartbeat({ workerId: 'host-a:101', seenAt: t0, detail: { version: '0.1.0' } });
        await store.recordHeartbeat({ workerId: 'host-b:202', seenAt: t0 + 5_000, detail: {} });
        await store.recordHeartbeat({ workerId: 'host-a:101', seenAt: t0 + 9_000, detail: { version: '0.1.0', tick: 3 } });
        expect(await store.listHeartbeats()).toEqual([
          { workerId: 'host-a:101', seenAt: t0 + 9_000, detail: { version: '0.1.0', tick: 3 } },
          { workerId: 'host-b:202', seenAt: t0 + 5_000, detail: {} },
        ]);
      });

      it('refuses a beat without a worker id', async () => {
        const error = await captureInputError(store.recordHeartbeat({ workerId: '', seenAt: t0, detail: {} }));
        expect(error.field).toBe('workerId');
      });
    });

    describe('audit trail', () => {
      it('appends entries for a workspace or the install and lists them newest first, filtered and limited', async () => {
        await store.upsertWorkspace(buildWorkspace({ id: 'beta' }));
        const first = await store.appendAudit({ workspaceId: 'acme', at: t0, actor: 'ana@acme.example', action: 'policy.apply', subject: 'policy version 2', detail: { version: 2 } });
        expect(first).toEqual({ id: first.id, workspaceId: 'acme', at: t0, actor: 'ana@acme.example', action: 'policy.apply', subject: 'policy version 2', detail: { version: 2 } });
        await store.appendAudit({ workspaceId: 'beta', at: t0 + 1, actor: 'bo@beta.example', action: 'draft.approve', subject: 'draft 42' });
        await store.setMaintenance({ on: true, reason: 'upgrade', at: t0 + 2, by: operator });

        expect((await store.listAudit()).map((entry) => entry.action)).toEqual(['maintenance.on', 'draft.approve', 'policy.apply']);
        expect((await store.listAudit({ workspaceId: 'acme' })).map((entry) => entry.action)).toEqual(['policy.apply']);
        expect((await store.listAudit({ workspaceId: null })).map((entry) => entry.action)).toEqual(['maintenance.on']);
        expect((await store.listAudit({ limit: 2 })).map((entry) => entry.action)).toEqual(['maintenance.on', 'draft.approve']);
        expect((await store.listAudit({ workspaceId: 'beta' }))[0]!.detail).toEqual({});
      });

      it('refuses an entry for a workspace that does not exist, or without an actor', async () => {
        const unknown = await captureInputError(store.appendAudit({ workspaceId: 'nobody', at: t0, actor: operator, action: 'policy.apply', subject: 'x' }));
        expect(unknown.field).toBe('workspaceId');
        const noActor = await captureInputError(store.appendAudit({ workspaceId: null, at: t0, actor: '', action: 'policy.apply', subject: 'x' }));
        expect([noActor.record, noActor.field]).toEqual(['audit entry policy.apply', 'actor']);
        const badLimit = await captureInputError(store.listAudit({ limit: 0 }));
        expect(badLimit.field).toBe('limit');
        expect(await store.listAudit()).toEqual([]);
      });
    });

    describe('planned through', () => {
      it('starts unknown, and moves only from the value the caller read', async () => {
        expect(await store.getPlannedThrough('acme')).toBeNull();
        expect(await store.advancePlannedThrough('acme', { from: null, to: t0 })).toBe(true);
        // A second worker that also read "never planned" loses.
        expect(await store.advancePlannedThrough('acme', { from: null, to: t0 + 5 })).toBe(false);
        expect(await store.advancePlannedThrough('acme', { from: t0, to: t0 + 30_000 })).toBe(true);
        expect(await store.advancePlannedThrough('acme', { from: t0, to: t0 + 60_000 })).toBe(false);
        expect(await store.getPlannedThrough('acme')).toBe(t0 + 30_000);
        expect(await store.getPlannedThrough('other')).toBeNull();
      });
    });
  });
}
