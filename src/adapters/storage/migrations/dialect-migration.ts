import type { Kysely } from 'kysely';
import type { StorageCapabilities } from '../storage-dialect.ts';

/** A migration that may ask the dialect seam how to spell what differs (collation, identity). */
export interface DialectMigration {
  up(db: Kysely<unknown>, capabilities: StorageCapabilities): Promise<void>;
  down(db: Kysely<unknown>, capabilities: StorageCapabilities): Promise<void>;
}
