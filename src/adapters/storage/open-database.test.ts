import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../app/ports/store.ts';
import { createStore } from './create-store.ts';
import { openDatabase, type DatabaseHandle } from './open-database.ts';

describe('openDatabase', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function track(handle: DatabaseHandle): DatabaseHandle {
    cleanups.push(() => handle.close());
    return handle;
  }

  function makeFolder(): string {
    const folder = mkdtempSync(join(tmpdir(), 'plixo-open-'));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    return folder;
  }

  it('opens a SQLite file, creating its folder, in WAL mode with foreign keys enforced', async () => {
    const filename = join(makeFolder(), 'nested', 'deeper', 'plixo.db');
    const handle = track(openDatabase(`file:${filename}`));
    expect(handle.dialect.name).toBe('sqlite');
    expect(existsSync(filename)).toBe(true);
    const pragma = async (name: string) => (await sql.raw(`pragma ${name}`).execute(handle.db)).rows[0];
    expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await pragma('busy_timeout')).toEqual({ timeout: 50 });
  });

  it('opens a plain path and :memory:', () => {
    const filename = join(makeFolder(), 'plain.db');
    expect(track(openDatabase(filename)).dialect.name).toBe('sqlite');
    expect(existsSync(filename)).toBe(true);
    expect(track(openDatabase(':memory:')).dialect.capabilities.identityColumn).toBe('autoincrement');
  });

  it('chooses PostgreSQL for postgres:// and reports an unreachable server as a StorageError', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const handle = track(openDatabase('postgres://plixo:secret@127.0.0.1:1/plixo'));
    expect(handle.dialect.name).toBe('postgres');
    const failure = await createStore(handle)
      .getWorkspace('acme')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).cause).toBeDefined();
  });

  it('reports a SQLite file that cannot be opened as a StorageError', () => {
    const folder = makeFolder();
    // The folder itself is not a database file.
    expect(() => openDatabase(folder)).toThrow(StorageError);
  });
});
