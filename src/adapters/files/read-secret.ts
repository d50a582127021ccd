import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { dataFolderFor } from './data-folder.ts';

/**
 * The instance secret: it signs links in messages (unsubscribe, the payer portal) and encrypts the
 * payment connector keys in the database. PLIXO_SECRET, else
 * one made on first use and kept in `./data/plixo-secret`, so links in old emails keep working
 * across restarts. Several nodes must share one: set PLIXO_SECRET for them.
 */
export async function readSecret(env: NodeJS.ProcessEnv, path = './data/plixo-secret'): Promise<string> {
  if (env.PLIXO_SECRET) return env.PLIXO_SECRET;
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing && existing.trim().length >= 32) return existing.trim();
  await mkdir(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
  // Another process may have won the race: whatever is on disk is the secret.
  return (await readFile(path, 'utf8')).trim();
}

/** The secret file sits beside a SQLite file; with PostgreSQL, in ./data (or set PLIXO_SECRET). */
export function secretPathFor(databaseUrl: string): string {
  return join(dataFolderFor(databaseUrl), 'plixo-secret');
}
