import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { Actor } from '../access/actor.ts';
import { buildWorkspace } from '../testing/build-store-inputs.ts';
import { listPaymentConnectors, removePaymentConnector, setPaymentConnector } from './manage-payment-connectors.ts';

// The installation's secret changed (PLIXO_SECRET set anew): the connector keys encrypted under
// the old one do not open. The connector is still listed, marked, and can be replaced or removed.

const now = Date.UTC(2026, 11, 2, 12);
const cy: Actor = { kind: 'user', id: 'u-cy', label: 'cy@acme.example', role: 'controller' };
let database: DatabaseHandle;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  const before = createStore(database, { now: () => now, secret: 'the-old-installation-secret-0123456789' });
  await before.upsertWorkspace(buildWorkspace({ id: 'acme' }));
  await setPaymentConnector({ store: before, now, workspaceId: 'acme', by: cy, processor: 'stripe', secretKey: 'sk_test_51AbCdEfGhIjKlMnOp', webhookSecret: 'whsec_0123456789abcdefcdef' });
  await setPaymentConnector({ store: before, now, workspaceId: 'acme', by: cy, processor: 'webhook', secretKey: null, webhookSecret: 'a-shared-secret-for-the-generic-webhook-0123' });
});
afterEach(() => database.close());

const rotated = () => createStore(database, { now: () => now + 1, secret: 'the-new-installation-secret-9876543210' });

describe('after the installation secret changed', () => {
  it('lists the connectors with their keys marked unreadable, never failing the list', async () => {
    const listed = await listPaymentConnectors({ store: rotated(), workspaceId: 'acme' });
    expect(listed.map((connector) => [connector.processor, connector.unreadable, connector.secretKey, connector.webhookSecret])).toEqual([
      ['stripe', true, null, ''],
      ['webhook', true, null, ''],
    ]);
  });

  it('takes new keys, audited as replacing unreadable ones, and they open again', async () => {
    const store = rotated();
    await setPaymentConnector({ store, now: now + 1, workspaceId: 'acme', by: cy, processor: 'stripe', secretKey: 'sk_test_51NewKeyNewKeyWxYz', webhookSecret: 'whsec_newsecretnewsecretabcd' });
    expect(await store.getPaymentConnector('acme', 'stripe')).toMatchObject({ secretKey: 'sk_test_51NewKeyNewKeyWxYz' });
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'connector.set' });
    expect(audit?.detail.before).toEqual({ keys: 'unreadable with this installation’s secret' });
  });

  it('removes a connector whose keys do not open', async () => {
    const store = rotated();
    await removePaymentConnector({ store, now: now + 1, workspaceId: 'acme', by: cy, processor: 'webhook' });
    expect((await listPaymentConnectors({ store, workspaceId: 'acme' })).map((connector) => connector.processor)).toEqual(['stripe']);
  });
});
