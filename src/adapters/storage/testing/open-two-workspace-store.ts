import type { InvoiceInput, Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildWorkspace } from '../../../app/testing/build-store-inputs.ts';
import { createStore } from '../create-store.ts';
import { migrateToLatest } from '../migrate-to-latest.ts';
import type { DatabaseHandle } from '../open-database.ts';
import type { StorageTarget } from './storage-targets.ts';

/**
 * A fresh, migrated database of the target with two workspaces, `acme` and `beta`, each holding
 * customer c1 and the same invoices: what a contract suite needs to show that one workspace never
 * sees another's records.
 */
/** The instance secret of a contract suite's store: it encrypts payment connector keys. */
export const contractSecret = 'a-contract-suite-instance-secret-0123';

export async function openTwoWorkspaceStore(target: StorageTarget, { now, invoices }: { now: number; invoices: readonly InvoiceInput[] }): Promise<{ database: DatabaseHandle; store: Store }> {
  const database = await target.openFreshDatabase();
  await migrateToLatest(database);
  const store = createStore(database, { now: () => now, secret: contractSecret });
  for (const id of ['acme', 'beta']) {
    await store.upsertWorkspace(buildWorkspace({ id }));
    await store.upsertCustomers(id, [buildCustomer({ id: 'c1' })]);
    await store.upsertInvoices(id, invoices);
  }
  return { database, store };
}
