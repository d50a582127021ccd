import type BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapter, SqliteDialect, type DialectAdapter, type Driver } from 'kysely';
import { SqliteTurnTakingDriver, type SqliteTurnTakingOptions } from './sqlite-turn-taking-driver.ts';
import type { DriverFailure, DriverFailureKind, StorageDialect } from './storage-dialect.ts';

const failureKinds: Record<string, DriverFailureKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign-key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not-null',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
  SQLITE_CANTOPEN: 'unavailable',
  SQLITE_READONLY: 'unavailable',
  SQLITE_FULL: 'unavailable',
};

export const sqliteDialect: StorageDialect = {
  name: 'sqlite',
  capabilities: {
    binaryCollation: 'BINARY',
    identityColumn: 'autoincrement',
    // SQLITE_MAX_VARIABLE_NUMBER of the SQLite that better-sqlite3 bundles.
    maxBindParameters: 32_766,
    skipLocked: false,
    appendOnlyStatements: (table) => [
      `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only: UPDATE refused'); end`,
      `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only: DELETE refused'); end`,
    ],
    dropAppendOnlyStatements: (table) => [`drop trigger ${table}_no_update`, `drop trigger ${table}_no_delete`],
    chainLockStatement: null,
  },
  classifyError: classifySqliteError,
};

function classifySqliteError(error: unknown): DriverFailure | null {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return null;
  const code = (error as Error & { code?: unknown }).code;
  const kind = typeof code === 'string' ? (failureKinds[code] ?? 'other') : 'other';
  return { kind, detail: `${String(code)}: ${error.message}` };
}

// SQLite runs DDL inside transactions perfectly well; Kysely's adapter just does not claim it.
// Claiming it makes the Migrator wrap a run in one transaction, so a migration that fails
// half-way (or a crash) leaves the schema as it was instead of half-built.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SqliteDialect with migrations that are all-or-nothing, over a driver that waits for
 * the write lock without blocking the process (sqlite-turn-taking-driver.ts).
 */
export class PlixoSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;
  readonly #options: SqliteTurnTakingOptions;

  constructor(database: BetterSqlite3.Database, options: SqliteTurnTakingOptions) {
    super({ database });
    this.#database = database;
    this.#options = options;
  }

  override createDriver(): Driver {
    return new SqliteTurnTakingDriver(this.#database, this.#options);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
