import { Migrator } from 'kysely';
import { StorageError } from '../../app/ports/store.ts';
import { createMigrationProvider } from './migrations/create-migration-provider.ts';
import type { DatabaseHandle } from './open-database.ts';

export interface MigrationOutcome {
  /** Migrations applied by this call, in order; empty when the schema was already current. */
  applied: string[];
}

/**
 * Brings the schema up to date; run it on every start. A run is one transaction on both
 * databases: a failing migration leaves the schema as it was. Concurrent runs: PostgreSQL
 * serialises them with Kysely's migration lock; on SQLite the loser of the write-lock race fails
 * with a StorageError (busy) rather than applying anything twice.
 */
export async function migrateToLatest(database: DatabaseHandle): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db: database.db,
    provider: createMigrationProvider(database.dialect.capabilities),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const where = failed === undefined ? 'migrating the database' : `migration ${failed}`;
    const reason = database.dialect.classifyError(error)?.detail ?? (error instanceof Error ? error.message : String(error));
    throw new StorageError(`${where} failed on ${database.dialect.name}: ${reason}`, { cause: error });
  }
  return { applied: results.filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}
