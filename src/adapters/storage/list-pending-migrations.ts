import { Migrator } from 'kysely';
import { createMigrationProvider } from './migrations/create-migration-provider.ts';
import type { DatabaseHandle } from './open-database.ts';

/** The migrations this code has that the database has not applied, in order; for readiness checks. */
export async function listPendingMigrations(database: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: createMigrationProvider(database.dialect.capabilities) });
  const migrations = await migrator.getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}
