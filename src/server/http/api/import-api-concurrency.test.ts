import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// A large import from the web app holds one transaction from its first row to its last. On a
// SQLite file it writes through its own connection, so while it runs the server goes on
// answering everyone else: the invoice list and the queue are read, and another person's write
// waits its turn and then lands, instead of the whole process waiting for the import.

const now = Date.UTC(2026, 11, 2, 12);
const rows = 40_000;
let server: ApiTestServer;
let token: string;

beforeAll(async () => {
  server = await startApiTestServer({ now, sqliteFile: true });
  await server.store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'en-GB', currency: 'EUR' });
  const controller = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'controller' as const };
  token = (await createApiToken({ store: server.store, now, workspaceId: 'acme', by: controller, name: 'ar', role: 'controller' })).secret;
});
afterAll(() => server.close());

const send = (method: 'GET' | 'POST', url: string, payload?: object) => server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

function invoiceFile(count: number): string {
  const lines = ['Customer ID,Customer Name,Invoice Number,Invoice Date,Due Date,Amount,Balance,Currency'];
  for (let index = 0; index < count; index += 1) {
    const customer = `C${String(index % 2000).padStart(5, '0')}`;
    lines.push(`${customer},Customer ${customer},INV-${String(index).padStart(7, '0')},2026-10-01,2026-11-01,120.00,120.00,EUR`);
  }
  return `${lines.join('\n')}\n`;
}

/** Whether some connection holds the file's write lock now: a try at taking it, without waiting. */
function writeLockHeld(filename: string): boolean {
  const probe = new BetterSqlite3(filename);
  try {
    probe.pragma('busy_timeout = 0');
    probe.prepare('begin immediate').run();
    probe.prepare('rollback').run();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    probe.close();
  }
}

describe('a large web import on a SQLite file', () => {
  it('leaves the server answering reads and taking writes in turn while it runs', async () => {
    const file = invoiceFile(rows);
    const preview = (await send('POST', '/api/orgs/acme/imports/invoices/preview', { csv: file.slice(0, 100_000) })).json();
    let importDone = false;
    const importing = send('POST', '/api/orgs/acme/imports/invoices', { csv: file, mapping: preview.mapping, fileName: 'big.csv' }).then((response) => {
      importDone = true;
      return response;
    });
    // Wait until the import holds the write lock: from then on its transaction is open.
    await expect.poll(() => writeLockHeld(server.path!), { timeout: 30_000, interval: 20 }).toBe(true);
    const list = await send('GET', '/api/orgs/acme/invoices?limit=5');
    expect(list.statusCode).toBe(200);
    // Answered while the import is still running, without its uncommitted rows.
    expect(importDone).toBe(false);
    expect(list.json().items).toEqual([]);
    // Another person's write waits for the import's commit, then lands.
    const tokenCreated = send('POST', '/api/orgs/acme/api-tokens', { name: 'second', role: 'viewer' });
    const response = await importing;
    expect(response.statusCode).toBe(200);
    expect(response.json().summary).toMatchObject({ rowsRead: rows, created: rows, rejected: 0 });
    expect((await tokenCreated).statusCode).toBeLessThan(300);
    expect((await send('GET', '/api/orgs/acme/invoices?limit=5')).json().items).toHaveLength(5);
  }, 180_000);
});
