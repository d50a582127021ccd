import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { setJobPaused } from './set-job-paused.ts';

const now = Date.parse('2024-04-01T08:00:00Z');

async function withStore(work: (store: Store) => Promise<void>): Promise<void> {
  const database = openDatabase(':memory:');
  try {
    await migrateToLatest(database);
    await work(createStore(database, { now: () => now }));
  } finally {
    await database.close();
  }
}

describe('setJobPaused', () => {
  it('pauses and resumes a job once each, auditing each change', async () => {
    await withStore(async (store) => {
      const paused = await setJobPaused({ store, name: 'sending', paused: true, reason: ' relay down ', by: 'cli:ana', now });
      expect(paused).toMatchObject({ changed: true, job: { name: 'sending', paused: true, pausedReason: 'relay down' } });
      expect((await setJobPaused({ store, name: 'sending', paused: true, reason: 'again', by: 'cli:ana', now: now + 1 })).changed).toBe(false);
      const resumed = await setJobPaused({ store, name: 'sending', paused: false, by: 'cli:bo', now: now + 2 });
      expect(resumed).toMatchObject({ changed: true, job: { paused: false, pausedReason: null } });
      expect((await store.listAudit()).map((entry) => [entry.action, entry.subject, entry.actor])).toEqual([
        ['job.resume', 'job sending', 'cli:bo'],
        ['job.pause', 'job sending', 'cli:ana'],
      ]);
    });
  });

  it('names the jobs there are when given one that is not', async () => {
    await withStore(async (store) => {
      const error = await setJobPaused({ store, name: 'nightly', paused: true, by: 'cli:ana', now }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid_input', details: { record: 'job nightly', field: 'name' } });
      expect((error as AppError).message).toContain('planning, sending, queue, inbound, deliverability, retention');
      expect(await store.listAudit()).toEqual([]);
    });
  });
});
