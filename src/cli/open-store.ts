import { createStore } from '../adapters/storage/create-store.ts';
import { migrateToLatest } from '../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../adapters/storage/open-database.ts';
import type { Store } from '../app/ports/store.ts';

/** The database of DATABASE_URL (default ./data/plixo.db), migrated, for one command. */
export async function openStore(env: NodeJS.ProcessEnv): Promise<{ store: Store; close: () => Promise<void> }> {
  const database = openDatabase(env.DATABASE_URL || './data/plixo.db');
  await migrateToLatest(database);
  return { store: createStore(database), close: () => database.close() };
}

/** `--workspace`, else the only workspace there is. */
export async function chooseWorkspace(store: Store, given: string | undefined): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  if (given) return (await store.getWorkspace(given)) ? { ok: true, id: given } : { ok: false, message: `no workspace "${given}"` };
  const workspaces = await store.listWorkspaces();
  if (workspaces.length === 1) return { ok: true, id: workspaces[0]!.id };
  if (workspaces.length === 0) return { ok: false, message: 'the database holds no workspace yet: run `plixo policy apply BUNDLE` first' };
  return { ok: false, message: `choose one with --workspace: ${workspaces.map((workspace) => workspace.id).join(', ')}` };
}
