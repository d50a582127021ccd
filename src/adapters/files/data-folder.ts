import { dirname } from 'node:path';

/**
 * Where Plixo keeps files beside its data (the secret, the mailbox folder): the folder of the
 * SQLite file, or ./data with PostgreSQL or an in-memory database.
 */
export function dataFolderFor(databaseUrl: string): string {
  const sqlitePath = /^postgres(ql)?:\/\//.test(databaseUrl) || databaseUrl === ':memory:' ? null : databaseUrl.replace(/^file:(\/\/)?/, '');
  return sqlitePath ? dirname(sqlitePath) : './data';
}
