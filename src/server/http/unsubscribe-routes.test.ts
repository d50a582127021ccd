import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { createPreviewLinks } from '../../app/messages/create-preview-links.ts';
import { buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createHttpServer } from './create-http-server.ts';

const secret = 'a-test-secret-that-is-long-enough-1234';

async function setUp() {
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  const store = createStore(database);
  await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
  const app = createHttpServer({ store, secret, version: 'test', startedAt: 0, clock: () => 0 });
  const link = createPreviewLinks('https://plixo.example', secret).unsubscribeLink({ workspaceId: 'acme', email: 'AP@Customer.example' });
  const path = new URL(link).pathname;
  return { store, app, path, close: async () => (await app.close(), await database.close()) };
}

describe('one-click unsubscribe', () => {
  it('a GET only asks; the one-click POST suppresses the address as opted out, and again is harmless', async () => {
    const { store, app, path, close } = await setUp();
    try {
      const shown = await app.inject({ method: 'GET', url: path });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('ap@customer.example');
      expect(await store.listSuppressions('acme')).toEqual([]);
      const oneClick = { method: 'POST' as const, url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' };
      expect((await app.inject(oneClick)).statusCode).toBe(200);
      expect((await app.inject(oneClick)).statusCode).toBe(200);
      expect((await store.listSuppressions('acme')).map((entry) => [entry.email, entry.reason])).toEqual([['ap@customer.example', 'opted_out']]);
    } finally {
      await close();
    }
  });

  it('refuses an altered link and changes nothing', async () => {
    const { store, app, path, close } = await setUp();
    try {
      const [, , token] = path.split('/');
      const [payload] = token!.split('.');
      const forged = `/unsubscribe/${payload}.${'A'.repeat(43)}`;
      expect((await app.inject({ method: 'POST', url: forged })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/unsubscribe/nonsense' })).statusCode).toBe(404);
      expect(await store.listSuppressions('acme')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps a stronger suppression (an invalid address) as it is', async () => {
    const { store, app, path, close } = await setUp();
    try {
      await store.suppress('acme', { email: 'ap@customer.example', reason: 'invalid' });
      expect((await app.inject({ method: 'POST', url: path })).statusCode).toBe(200);
      expect((await store.listSuppressions('acme'))[0]!.reason).toBe('invalid');
    } finally {
      await close();
    }
  });
});
