import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { buildWorkspace } from '../testing/build-store-inputs.ts';
import { setMaintenance } from './set-maintenance.ts';

// Against the real store (SQLite in memory) and instants the test chooses.

const createdAt = Date.parse('2024-03-01T00:00:00Z');
const onAt = Date.parse('2024-04-01T00:00:00Z');
const offAt = Date.parse('2024-04-03T12:00:00Z');

async function withStore(work: (store: Store) => Promise<void>): Promise<void> {
  const database = openDatabase(':memory:');
  try {
    await migrateToLatest(database);
    const store = createStore(database, { now: () => createdAt });
    await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin' }));
    await work(store);
  } finally {
    await database.close();
  }
}

describe('setMaintenance', () => {
  it('refuses to switch on without a reason', async () => {
    await withStore(async (store) => {
      const error = await setMaintenance({ store, on: true, reason: '  ', by: 'cli:ana', now: onAt }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid_input', details: { field: 'reason' } });
      expect((await store.getMaintenance()).on).toBe(false);
    });
  });

  it('switches on once: asking again changes nothing and audits nothing', async () => {
    await withStore(async (store) => {
      const first = await setMaintenance({ store, on: true, reason: 'relay migration', by: 'cli:ana', now: onAt });
      expect(first).toEqual({ changed: true, state: { on: true, reason: 'relay migration', changedAt: onAt, changedBy: 'cli:ana' } });
      const again = await setMaintenance({ store, on: true, reason: 'another reason', by: 'cli:bo', now: onAt + 60_000 });
      expect(again).toEqual({ changed: false, state: first.state });
      expect((await store.listAudit()).map((entry) => [entry.action, entry.actor])).toEqual([['maintenance.on', 'cli:ana']]);
      expect((await setMaintenance({ store, on: false, by: 'cli:ana', now: offAt })).changed).toBe(true);
      expect((await setMaintenance({ store, on: false, by: 'cli:ana', now: offAt + 1 })).changed).toBe(false);
    });
  });

  it('switches off with an optional reason, audited, leaving the events to the worker', async () => {
    await withStore(async (store) => {
      await setMaintenance({ store, on: true, reason: 'relay migration', by: 'cli:ana', now: onAt });
      const off = await setMaintenance({ store, on: false, reason: 'done', by: 'cli:bo', now: offAt });
      expect(off).toEqual({ changed: true, state: { on: false, reason: 'done', changedAt: offAt, changedBy: 'cli:bo' } });
      expect((await store.listAudit()).map((entry) => [entry.action, entry.actor, entry.detail])).toEqual([
        ['maintenance.off', 'cli:bo', { reason: 'done' }],
        ['maintenance.on', 'cli:ana', { reason: 'relay migration' }],
      ]);
      // The window is recorded by the worker when it resumes planning (plan-workspace.ts).
      expect(await store.listEvents('acme')).toEqual([]);
    });
  });
});
