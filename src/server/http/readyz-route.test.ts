import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { listPendingMigrations } from '../../adapters/storage/list-pending-migrations.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { checkReadiness } from '../../app/operations/check-readiness.ts';
import type { ReadinessReport } from '../../app/operations/readiness-report.ts';
import type { Store } from '../../app/ports/store.ts';
import { createHttpServer } from './create-http-server.ts';

// GET /readyz through the real HTTP server in-process, over a fresh SQLite and the real
// readiness use case; only the mail probe is a plain function.

const now = Date.parse('2024-04-02T10:00:00Z');

async function withServer(
  options: { withChecker: boolean; mailOk?: boolean },
  work: (app: ReturnType<typeof createHttpServer>, store: Store) => Promise<void>,
): Promise<void> {
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  const store = createStore(database, { now: () => now });
  const app = createHttpServer({
    store,
    secret: 'a-test-secret-that-is-long-enough-1234',
    version: 'test',
    startedAt: 0,
    clock: () => now,
    ...(options.withChecker
      ? {
          checkReadiness: () =>
            checkReadiness({
              store,
              now,
              heartbeatMaxAgeMs: 120_000,
              migrationsPending: () => listPendingMigrations(database),
              probeMail: async () => (options.mailOk === false ? { ok: false, detail: 'SMTP server relay:587 refused the login: 535' } : { ok: true, detail: 'relay:587 accepted' }),
            }),
        }
      : {}),
  });
  try {
    await work(app, store);
  } finally {
    await app.close();
    await database.close();
  }
}

describe('GET /readyz', () => {
  it('answers 200 with the report when every check passes or warns', async () => {
    await withServer({ withChecker: true }, async (app, store) => {
      await store.recordHeartbeat({ workerId: 'host-a:101', seenAt: now - 10_000, detail: {} });
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const report = response.json<ReadinessReport>();
      expect(report.status).toBe('warn');
      expect(report.checkedAt).toBe(now);
      expect(report.checks.find((check) => check.name === 'database')).toEqual({ name: 'database', status: 'pass', detail: 'reachable, 0 workspaces, schema up to date' });
    });
  });

  it('answers 503 with the report when a check fails', async () => {
    await withServer({ withChecker: true, mailOk: false }, async (app) => {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      const report = response.json<ReadinessReport>();
      expect(report.status).toBe('fail');
      expect(report.checks.find((check) => check.name === 'mail')).toEqual({ name: 'mail', status: 'fail', detail: 'SMTP server relay:587 refused the login: 535' });
    });
  });

  it('answers 503 and says why when the server was started without a checker', async () => {
    await withServer({ withChecker: false }, async (app) => {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'fail', message: 'readiness is not checked by this server: it was started without a readiness checker' });
    });
  });
});
