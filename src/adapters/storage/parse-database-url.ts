import { fileURLToPath } from 'node:url';
import { StorageError } from '../../app/ports/store.ts';

export const defaultSqlitePath = './data/plixo.db';

export type DatabaseTarget =
  | { kind: 'sqlite'; filename: string }
  | { kind: 'postgres'; connectionString: string };

/**
 * Reads DATABASE_URL: `postgres://…` or `postgresql://…`; otherwise a SQLite file as
 * `file:PATH`, `file:///ABSOLUTE/PATH` or a plain path (`:memory:` for tests). Empty means the default file.
 */
export function parseDatabaseUrl(databaseUrl?: string): DatabaseTarget {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') return { kind: 'sqlite', filename: defaultSqlitePath };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', connectionString: url };
  if (/^file:\/\//i.test(url)) return { kind: 'sqlite', filename: readFileUrl(url) };
  if (/^file:/i.test(url)) return { kind: 'sqlite', filename: requirePath(url.slice('file:'.length), url) };
  // A single letter before ':' is a Windows drive (C:\data\plixo.db), not a scheme.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1];
  if (scheme !== undefined) {
    throw new StorageError(
      `DATABASE_URL "${redactCredentials(url)}" is not supported: use postgres://…, postgresql://…, file:PATH or a file path`,
    );
  }
  return { kind: 'sqlite', filename: url };
}

/** Hides the password of `scheme://user:password@host` so the URL can go into messages and logs. */
export function redactCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

function readFileUrl(url: string): string {
  try {
    return fileURLToPath(url);
  } catch (error) {
    throw new StorageError(`DATABASE_URL "${url}" is not a valid file URL: use file:PATH or file:///ABSOLUTE/PATH`, {
      cause: error,
    });
  }
}

function requirePath(path: string, url: string): string {
  if (path === '') throw new StorageError(`DATABASE_URL "${url}" names no file: use file:PATH`);
  return path;
}
