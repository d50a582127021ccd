import { createStore } from '../adapters/storage/create-store.ts';
import { migrateToLatest } from '../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../adapters/storage/open-database.ts';
import { AppError } from '../app/app-error.ts';
import { StorageInputError, type Store } from '../app/ports/store.ts';
import type { CommandContext } from './cli-io.ts';

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

/**
 * Runs a command's work on the store of DATABASE_URL; the work's number, if any, is the exit
 * code. An expected failure (bad input, not found, a conflict) is printed as
 * `plixo <command>: <message>` with exit code 1 for a conflict and 2 otherwise; anything else is a
 * bug and propagates.
 */
export async function runWithStore(context: CommandContext, command: string, work: (store: Store) => Promise<number | void>): Promise<void> {
  const { store, close } = await openStore(context.io.env);
  try {
    const code = await work(store);
    if (typeof code === 'number') context.setExitCode(code);
  } catch (error) {
    if (!(error instanceof AppError || error instanceof StorageInputError)) throw error;
    context.io.stderr.write(`plixo${command ? ` ${command}` : ''}: ${error.message}\n`);
    context.setExitCode(error instanceof AppError && error.code === 'conflict' ? 1 : 2);
  } finally {
    await close();
  }
}

/** runWithStore, with `--workspace` or else the only workspace there is. */
export function runWithWorkspace(
  context: CommandContext,
  command: string,
  given: string | undefined,
  work: (store: Store, workspaceId: string) => Promise<void>,
): Promise<void> {
  return runWithStore(context, command, async (store) => {
    const workspace = await chooseWorkspace(store, given);
    if (!workspace.ok) throw new AppError('not_found', workspace.message);
    await work(store, workspace.id);
  });
}
