import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import { StorageError } from '../../app/ports/store.ts';
import type { Database } from './database-schema.ts';
import { cacheSqliteStatements } from './cache-sqlite-statements.ts';
import { parseDatabaseUrl } from './parse-database-url.ts';
import { postgresDialect } from './postgres-dialect.ts';
import { PlixoSqliteDialect, sqliteDialect } from './sqlite-dialect.ts';
import type { StorageDialect } from './storage-dialect.ts';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: StorageDialect;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Kysely's query log, e.g. `(event) => logger.debug(event.query.sql)`. */
  log?: LogConfig;
  /**
   * How long a SQLite writer waits in all for another connection's write lock (an import on its
   * own connection, `plixo import` in another process), without blocking the process; default 60 s.
   */
  sqliteLockWaitMs?: number;
  /** PostgreSQL pool size. */
  postgresPoolSize?: number;
}

const int8Oid = 20;

/** Opens (not migrates) the database DATABASE_URL names; see parseDatabaseUrl. */
export function openDatabase(databaseUrl?: string, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const target = parseDatabaseUrl(databaseUrl);
  return target.kind === 'postgres'
    ? openPostgres(target.connectionString, options)
    : openSqlite(target.filename, options);
}

function openSqlite(filename: string, options: OpenDatabaseOptions): DatabaseHandle {
  const sqlite = createSqliteConnection(filename);
  const dialect = new PlixoSqliteDialect(cacheSqliteStatements(sqlite), { lockWaitMs: options.sqliteLockWaitMs ?? 60_000 });
  const db = new Kysely<Database>({ dialect, log: options.log });
  return { db, dialect: sqliteDialect, close: () => db.destroy() };
}

// better-sqlite3 waits for a lock synchronously, stopping the whole process: SQLite's own wait is
// kept to a moment (a checkpoint), and the driver waits for another writer without blocking.
const sqliteBusyTimeoutMs = 50;

function createSqliteConnection(filename: string): BetterSqlite3.Database {
  const inMemory = filename === ':memory:';
  try {
    if (!inMemory) mkdirSync(dirname(resolve(filename)), { recursive: true });
    const sqlite = new BetterSqlite3(filename);
    // WAL lets the web process read while the worker writes; NORMAL sync is durable in WAL mode
    // except for the last transactions on power loss, never corrupting.
    if (!inMemory) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
    return sqlite;
  } catch (error) {
    throw new StorageError(`cannot open the SQLite database "${filename}": ${describeCause(error)}`, { cause: error });
  }
}

function openPostgres(connectionString: string, options: OpenDatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: options.postgresPoolSize ?? 10,
    application_name: 'plixo',
    // Scoped to this pool: changing the global pg.types would change every other pg user in the process.
    types: { getTypeParser: getTypeParser as typeof pg.types.getTypeParser },
  });
  // An idle client that loses its server emits here; without a listener the process would crash.
  // The pool drops that client and the next query reports the failure through the store.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
  return { db, dialect: postgresDialect, close: () => db.destroy() };
}

// int8 (our bigint columns: instants, money, counts) arrives as text; the port speaks numbers.
// Refuse rather than round a value beyond 2^53: a silently changed amount is worse than an error.
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === int8Oid && format !== 'binary') return parseSafeInteger;
  return pg.types.getTypeParser(oid, format ?? 'text');
}

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new StorageError(`a bigint value ${text} is beyond JavaScript's safe integer range (2^53 - 1)`);
  }
  return value;
}

function describeCause(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
