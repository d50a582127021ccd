import type { Store, StoredInvoice } from './ports/store.ts';

/**
 * A workspace's open invoices in batches of whole customers (the store streams them ordered by
 * customer), so a consumer reads each batch's customers and events in one query each instead of
 * the whole workspace at once.
 */
export async function* streamCustomerBatches(store: Store, workspaceId: string, { customersPerBatch = 500 }: { customersPerBatch?: number } = {}): AsyncGenerator<Map<string, StoredInvoice[]>> {
  let batch = new Map<string, StoredInvoice[]>();
  let currentCustomer: string | null = null;
  for await (const invoice of store.streamOpenInvoices(workspaceId, { batchSize: 2000 })) {
    if (invoice.customerId !== currentCustomer) {
      if (batch.size >= customersPerBatch) {
        yield batch;
        batch = new Map();
      }
      currentCustomer = invoice.customerId;
    }
    const list = batch.get(invoice.customerId);
    if (list) list.push(invoice);
    else batch.set(invoice.customerId, [invoice]);
  }
  if (batch.size > 0) yield batch;
}
