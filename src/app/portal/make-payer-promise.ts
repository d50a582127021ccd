import { recordPromise, type PromiseView } from '../collections/record-promise.ts';
import type { Store } from '../ports/store.ts';
import type { PayerLinkGrant } from './authorize-payer-link.ts';

/**
 * A promise to pay made by the payer on the portal: the queue's own promise use case (amount up to
 * the open balance, a date not passed), with the payer as the source and the name they gave as
 * the contact.
 */
export async function makePayerPromise(input: { store: Store; now: number; grant: PayerLinkGrant; amount: string; on: string; contact?: string | null }): Promise<PromiseView> {
  const { grant } = input;
  // A payer writes the decimal mark of their language: "12,50" is 12.50.
  const amount = /^\s*\d+,\d{1,3}\s*$/.test(input.amount) ? input.amount.replace(',', '.') : input.amount;
  const contact = input.contact?.trim() ? input.contact.trim().slice(0, 200) : null;
  return recordPromise({ store: input.store, now: input.now, workspaceId: grant.workspace.id, by: grant.payer, invoiceId: grant.invoice.id, amount, on: input.on, contact: contact === null ? 'payer portal' : `${contact} (payer portal)` });
}
