// The one seam between the two databases. Code above it asks for a capability, never for a name:
// a third database is a new value of this type, not a hunt for `if (sqlite)`.

export type StorageDialectName = 'sqlite' | 'postgres';

export interface StorageCapabilities {
  /** A collation that orders text by code point, so ids sort the same everywhere (and as in JS). */
  readonly binaryCollation: string;
  /**
   * How an auto-numbered key is declared: SQLite's `integer primary key autoincrement` (never
   * reuses an id) or SQL's `bigint generated always as identity`.
   */
  readonly identityColumn: 'autoincrement' | 'identity';
  /** The most bind parameters one statement may carry; batches are cut to fit. */
  readonly maxBindParameters: number;
  /**
   * Whether `for update skip locked` exists: concurrent claimers pass over each other's rows.
   * Without it (SQLite) a claim is one write statement, serialised by the database's write lock.
   */
  readonly skipLocked: boolean;
  /** Statements that make a table append-only (updates and deletes refused by the database). */
  appendOnlyStatements(table: string): string[];
  /** Undoes appendOnlyStatements. */
  dropAppendOnlyStatements(table: string): string[];
  /**
   * A statement that makes concurrent appenders of a chain (the audit trail) take turns until
   * their transaction ends; null where a write transaction already excludes the others (SQLite).
   */
  readonly chainLockStatement: string | null;
}

export type DriverFailureKind = 'unique' | 'foreign-key' | 'check' | 'not-null' | 'busy' | 'unavailable' | 'other';

export interface DriverFailure {
  readonly kind: DriverFailureKind;
  /** What the driver said, for the log and the cause chain; never shown alone. */
  readonly detail: string;
}

export interface StorageDialect {
  readonly name: StorageDialectName;
  readonly capabilities: StorageCapabilities;
  /** Classifies a driver error; null when it is not a driver error. */
  classifyError(error: unknown): DriverFailure | null;
}
