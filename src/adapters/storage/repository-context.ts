import type { Kysely } from 'kysely';
import type { SecretBox } from '../crypto/create-secret-box.ts';
import { StorageInputError } from '../../app/ports/store.ts';
import type { Database } from './database-schema.ts';
import type { StorageDialect } from './storage-dialect.ts';
import { translateDriverError, type FailedOperation } from './translate-driver-error.ts';

/** What every repository gets: the executor (the database or a transaction), the dialect, a clock. */
export interface RepositoryContext {
  readonly db: Kysely<Database>;
  readonly dialect: StorageDialect;
  /** Epoch milliseconds for created_at / updated_at / recorded_at. */
  readonly now: () => number;
  /** Encrypts the secrets the store keeps (payment connector keys); null: the store was opened without the instance secret. */
  readonly secretBox: SecretBox | null;
}

/** Runs `work` in a transaction, or in the caller's when there is one, translating driver errors. */
export async function runAtomically<T>(
  context: RepositoryContext,
  operation: FailedOperation,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    return context.db.isTransaction ? await work(context.db) : await context.db.transaction().execute(work);
  } catch (error) {
    throw translateDriverError(error, context.dialect, operation);
  }
}

/** Runs a single statement (no transaction needed), translating driver errors. */
export async function runQuery<T>(context: RepositoryContext, operation: FailedOperation, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDriverError(error, context.dialect, operation);
  }
}

/** Writes need their workspace; saying so beats a foreign-key message. */
export async function requireWorkspace(db: Kysely<Database>, workspaceId: string): Promise<void> {
  const found = await db.selectFrom('workspaces').select('id').where('id', '=', workspaceId).executeTakeFirst();
  if (found === undefined) {
    throw new StorageInputError([
      { record: `workspace ${workspaceId}`, field: 'workspaceId', message: `workspace ${workspaceId}: workspaceId ${JSON.stringify(workspaceId)} does not exist` },
    ]);
  }
}
