import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database-schema.ts';
import { openDatabase, type DatabaseHandle } from './open-database.ts';

// Two connections to one SQLite file, as the server and a long import (or `plixo import` in
// another process) have: while one holds the write lock, the other goes on reading, its writers
// wait without stopping the process, and they fail as busy only after their wait has run out.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openPair(lockWaitMs = 60_000): { holder: DatabaseHandle; other: DatabaseHandle } {
  const folder = mkdtempSync(join(tmpdir(), 'plixo-turns-'));
  const filename = join(folder, 'plixo.db');
  const holder = openDatabase(filename);
  const other = openDatabase(filename, { sqliteLockWaitMs: lockWaitMs });
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  cleanups.push(() => holder.close());
  cleanups.push(() => other.close());
  return { holder, other };
}

async function createTable(db: Kysely<Database>): Promise<void> {
  await sql`create table notes (id integer primary key, body text not null)`.execute(db);
  await sql`insert into notes (body) values ('first')`.execute(db);
}

const count = async (db: Kysely<Database>): Promise<number> => Number((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]!.n);

/** Holds a write transaction on `db` open until the returned release is called. */
async function holdWriteLock(db: Kysely<Database>): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db.transaction().execute(async (tx) => {
    await sql`insert into notes (body) values ('held')`.execute(tx);
    locked();
    await released;
  });
  await isLocked;
  return { release, done };
}

describe('SQLite connections taking turns at the write lock', () => {
  it('reads go on while another connection holds the write lock, and do not see its uncommitted rows', async () => {
    const { holder, other } = openPair();
    await createTable(holder.db);
    const lock = await holdWriteLock(holder.db);
    expect(await count(other.db)).toBe(1);
    lock.release();
    await lock.done;
    expect(await count(other.db)).toBe(2);
  });

  it('a writer waits for the lock without stopping the process, and writes once it is free', async () => {
    const { holder, other } = openPair();
    await createTable(holder.db);
    const lock = await holdWriteLock(holder.db);
    const order: string[] = [];
    const write = other.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into notes (body) values ('waited')`.execute(tx);
      })
      .then(() => order.push('written'));
    // Timers keep firing while the writer waits: better-sqlite3's own wait would have frozen them.
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    // Reads on the waiting writer's own connection are served meanwhile.
    expect(await count(other.db)).toBe(1);
    order.push('released');
    lock.release();
    await lock.done;
    await write;
    expect(order).toEqual(['released', 'written']);
    expect(await count(other.db)).toBe(3);
  });

  it('a single statement outside a transaction waits for the lock as well', async () => {
    const { holder, other } = openPair();
    await createTable(holder.db);
    const lock = await holdWriteLock(holder.db);
    let written = false;
    const write = sql`insert into notes (body) values ('alone')`.execute(other.db).then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written).toBe(false);
    lock.release();
    await lock.done;
    await write;
    expect(await count(other.db)).toBe(3);
  });

  it('a writer whose wait runs out fails as busy, and the lock holder commits unharmed', async () => {
    const { holder, other } = openPair(200);
    await createTable(holder.db);
    const lock = await holdWriteLock(holder.db);
    const failure = await other.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into notes (body) values ('too late')`.execute(tx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toMatchObject({ code: 'SQLITE_BUSY' });
    lock.release();
    await lock.done;
    expect((await sql<{ body: string }>`select body from notes order by id`.execute(other.db)).rows.map((row) => row.body)).toEqual(['first', 'held']);
  });

  it('a transaction that read before another connection committed still writes: it took the lock when it began', async () => {
    const { holder, other } = openPair();
    await createTable(holder.db);
    const lock = await holdWriteLock(holder.db);
    const counted: number[] = [];
    const work = other.db.transaction().execute(async (tx) => {
      counted.push(await count(tx));
      await sql`insert into notes (body) values ('after')`.execute(tx);
    });
    lock.release();
    await lock.done;
    await work;
    // The transaction began after the holder committed, so it read the holder's row.
    expect(counted).toEqual([2]);
    expect(await count(other.db)).toBe(3);
  });
});
