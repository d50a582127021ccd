import { payerLinkState, type PayerLinkRefusal } from '../../core/portal/payer-link-state.ts';
import type { Actor } from '../access/actor.ts';
import type { StoredPayerLink } from '../ports/payer-portal-store.ts';
import type { Store, StoredCustomer, StoredInvoice, StoredWorkspace } from '../ports/store.ts';
import { readPayerLinkToken } from './payer-link-token.ts';

// Every request of the portal starts here: the token's signature (constant time, before anything
// is read), then the stored link and its state, then the records it opens. A live link's last use
// moves to now, so seven days of inactivity count from the payer's last visit.

export type { PayerLinkRefusal } from '../../core/portal/payer-link-state.ts';

export interface PayerLinkGrant {
  link: StoredPayerLink;
  workspace: StoredWorkspace;
  customer: StoredCustomer;
  invoice: StoredInvoice;
  /** The payer, as use cases and the audit trail name them. */
  payer: Actor;
}

export type PayerLinkAccess = { ok: true; grant: PayerLinkGrant } | { ok: false; refusal: PayerLinkRefusal; linkId: string | null; locale: string | null };

/** How often a use of a live link is written. */
export const touchEveryMs = 3_600_000;

export async function authorizePayerLink(input: { store: Store; secret: string; now: number; token: string }): Promise<PayerLinkAccess> {
  const { store, now } = input;
  const linkId = readPayerLinkToken(input.secret, input.token);
  if (linkId === null) return { ok: false, refusal: 'invalid', linkId: null, locale: null };
  const link = await store.getPayerLink(linkId);
  if (!link) return { ok: false, refusal: 'invalid', linkId: null, locale: null };
  const [workspace, [customer], [invoice]] = await Promise.all([
    store.getWorkspace(link.workspaceId),
    store.listCustomers(link.workspaceId, { ids: [link.customerId] }),
    store.listInvoices(link.workspaceId, { ids: [link.invoiceId] }),
  ]);
  if (!workspace || !customer || !invoice) return { ok: false, refusal: 'invalid', linkId: null, locale: null };
  const state = payerLinkState(link, now);
  if (state !== 'live') return { ok: false, refusal: state, linkId, locale: customer.locale ?? workspace.locale };
  // A use moves the seven days on, written at most once an hour: a payer reading the page and
  // filling a form writes nothing on each request, and the window is right to the hour.
  const touched = now - link.lastUsedAt >= touchEveryMs;
  if (touched) await store.touchPayerLink(link.workspaceId, link.id, now);
  return {
    ok: true,
    grant: { link: touched ? { ...link, lastUsedAt: now } : link, workspace, customer, invoice, payer: { kind: 'payer', id: link.id, label: `payer:${customer.id}`, role: null } },
  };
}
