// The databases the storage contract suite runs on. Each test gets a new, empty database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle, type OpenDatabaseOptions } from '../open-database.ts';
import type { StorageDialectName } from '../storage-dialect.ts';
import { findPostgres, startPostgres, type PostgresServer } from './start-postgres.ts';

export interface StorageTarget {
  readonly name: StorageDialectName;
  /** Why this target does not run here; null when it runs. */
  readonly skipReason: string | null;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** A new empty (unmigrated) database; closed by tearDown if the test does not. */
  openFreshDatabase(options?: OpenDatabaseOptions): Promise<DatabaseHandle>;
}

export function listStorageTargets(env: NodeJS.ProcessEnv = process.env): StorageTarget[] {
  return [createSqliteTarget(), createPostgresTarget(env)];
}

function createSqliteTarget(): StorageTarget {
  let folder = '';
  let count = 0;
  const handles: DatabaseHandle[] = [];
  return {
    name: 'sqlite',
    skipReason: null,
    async setUp() {
      folder = mkdtempSync(join(tmpdir(), 'plixo-sqlite-'));
    },
    async tearDown() {
      await closeAll(handles);
      rmSync(folder, { recursive: true, force: true });
    },
    async openFreshDatabase(options) {
      const handle = openDatabase(`file:${join(folder, `test-${++count}.db`)}`, options);
      handles.push(handle);
      return handle;
    },
  };
}

function createPostgresTarget(env: NodeJS.ProcessEnv): StorageTarget {
  const availability = findPostgres();
  const requiredByCi = env.CI === 'true';
  let server: PostgresServer | undefined;
  let count = 0;
  const handles: DatabaseHandle[] = [];
  return {
    name: 'postgres',
    // Locally a missing PostgreSQL skips with a reason; in CI it fails, so the suite cannot pass by not running.
    skipReason: availability.available || requiredByCi ? null : availability.reason,
    async setUp() {
      if (!availability.available) throw new Error(`CI=true requires PostgreSQL for the storage contract suite: ${availability.reason}`);
      server = await startPostgres(availability.binDir);
    },
    async tearDown() {
      await closeAll(handles);
      await server?.stop();
    },
    async openFreshDatabase(options) {
      if (!server) throw new Error('the PostgreSQL target was not set up');
      const url = await server.createDatabase(`plixo_test_${++count}`);
      const handle = openDatabase(url, options);
      handles.push(handle);
      return handle;
    },
  };
}

// Closing twice is harmless in Kysely; a test that closed its own handle is not an error.
async function closeAll(handles: DatabaseHandle[]): Promise<void> {
  await Promise.allSettled(handles.splice(0).map((handle) => handle.close()));
}
