import type BetterSqlite3 from 'better-sqlite3';

/**
 * The SQLite connection with its prepared statements kept by SQL text, so a query the store runs
 * again (a claim, an outcome, a lookup) is not compiled by SQLite again. A statement that is still
 * being iterated (a streamed read) is busy and cannot run twice at once: then a fresh one is
 * prepared for the other caller.
 */
export function cacheSqliteStatements(database: BetterSqlite3.Database, maxStatements = 500): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (source: string): BetterSqlite3.Statement => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = database.prepare(source);
    if (!cached) {
      if (cache.size >= maxStatements) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
