import { describe, expect, it } from 'vitest';
import { StorageError } from '../../app/ports/store.ts';
import { defaultSqlitePath, parseDatabaseUrl, redactCredentials } from './parse-database-url.ts';

describe('parseDatabaseUrl', () => {
  it.each([
    [undefined, { kind: 'sqlite', filename: defaultSqlitePath }],
    ['', { kind: 'sqlite', filename: './data/plixo.db' }],
    ['  ', { kind: 'sqlite', filename: './data/plixo.db' }],
    ['file:./data/plixo.db', { kind: 'sqlite', filename: './data/plixo.db' }],
    ['file:/var/lib/plixo/plixo.db', { kind: 'sqlite', filename: '/var/lib/plixo/plixo.db' }],
    ['file:///var/lib/plixo/my%20plixo.db', { kind: 'sqlite', filename: '/var/lib/plixo/my plixo.db' }],
    ['./plixo.db', { kind: 'sqlite', filename: './plixo.db' }],
    ['/srv/plixo.db', { kind: 'sqlite', filename: '/srv/plixo.db' }],
    ['C:\\plixo\\plixo.db', { kind: 'sqlite', filename: 'C:\\plixo\\plixo.db' }],
    [':memory:', { kind: 'sqlite', filename: ':memory:' }],
    ['postgres://plixo:secret@db:5432/plixo', { kind: 'postgres', connectionString: 'postgres://plixo:secret@db:5432/plixo' }],
    ['postgresql://db/plixo?sslmode=require', { kind: 'postgres', connectionString: 'postgresql://db/plixo?sslmode=require' }],
  ] as const)('reads %j', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each(['mysql://root:hunter2@db/plixo', 'file:', 'sqlite://x.db'])('refuses %j without echoing a password', (url) => {
    const error = (() => {
      try {
        parseDatabaseUrl(url);
        return null;
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('redacts the password of a URL', () => {
    expect(redactCredentials('postgres://plixo:s3cr3t@db:5432/plixo')).toBe('postgres://plixo:***@db:5432/plixo');
    expect(redactCredentials('postgres://db/plixo')).toBe('postgres://db/plixo');
  });
});
