import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';

// Kysely's driver for better-sqlite3, made to wait for SQLite's one write lock without stopping
// the process. SQLite lets one connection write at a time; another connection (a long import on
// its own connection, `plixo import` in another process) may hold the lock for many seconds.
// better-sqlite3's busy_timeout waits synchronously, which would freeze every request and the
// worker with it, so the connection keeps that wait short and this driver does the long wait
// instead: it hands the connection back, sleeps without blocking, and tries again, until
// `lockWaitMs` has passed. Meanwhile reads on this connection go on (WAL: they need no lock).
//
// A transaction begins IMMEDIATE, taking the write lock at its start: a deferred one could find,
// at its first write, that another connection committed since it began reading, which only a
// restart of the whole transaction could settle. So waiting happens at `begin`, or at a single
// statement outside a transaction, where trying again is always safe: nothing was done yet.

export interface SqliteTurnTakingOptions {
  /** How long a statement or transaction waits in all for the write lock before it fails as busy. */
  lockWaitMs: number;
  /** The longest pause between two attempts. */
  maxPauseMs?: number;
}

export class SqliteTurnTakingDriver implements Driver {
  readonly #database: BetterSqlite3.Database;
  readonly #options: Required<SqliteTurnTakingOptions>;
  readonly #turns = new Turns();
  #connection: TurnTakingConnection | null = null;

  constructor(database: BetterSqlite3.Database, options: SqliteTurnTakingOptions) {
    this.#database = database;
    this.#options = { maxPauseMs: 100, ...options };
  }

  async init(): Promise<void> {
    this.#connection = new TurnTakingConnection(this.#database, this.#turns, this.#options);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#turns.take();
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as TurnTakingConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as TurnTakingConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as TurnTakingConnection).end('rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.#turns.give();
  }

  async destroy(): Promise<void> {
    this.#database.close();
  }
}

class TurnTakingConnection implements DatabaseConnection {
  #inTransaction = false;

  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly turns: Turns,
    private readonly options: Required<SqliteTurnTakingOptions>,
  ) {}

  async begin(): Promise<void> {
    await this.untilUnlocked(() => this.database.prepare('begin immediate').run());
    this.#inTransaction = true;
  }

  async end(how: 'commit' | 'rollback'): Promise<void> {
    // A commit in WAL mode needs no lock beyond the one the transaction holds.
    this.database.prepare(how).run();
    this.#inTransaction = false;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const run = (): QueryResult<R> => {
      const statement = this.database.prepare(compiled.sql);
      const parameters = compiled.parameters as unknown[];
      if (statement.reader) return { rows: statement.all(parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(parameters);
      return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
    };
    // Inside a transaction the lock is held already: a busy there is a real failure.
    return this.#inTransaction ? run() : this.untilUnlocked(run);
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('the SQLite driver streams select queries only');
    const statement = this.database.prepare(compiled.sql);
    for (const row of statement.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }

  /** Runs `attempt`; while another connection holds the write lock, gives up this connection's turn, pauses and tries again. */
  private async untilUnlocked<T>(attempt: () => T): Promise<T> {
    const started = Date.now();
    let pauseMs = 2;
    for (;;) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error) || Date.now() - started >= this.options.lockWaitMs) throw error;
      }
      // Others may use this connection for reads while this one waits for the lock.
      this.turns.give();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      await this.turns.take();
      pauseMs = Math.min(pauseMs * 2, this.options.maxPauseMs);
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One holder of the connection at a time, served in the order they asked. */
class Turns {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}
