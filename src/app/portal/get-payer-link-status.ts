import { payerLinkExpiresAt, payerLinkState } from '../../core/portal/payer-link-state.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { payerLinkUrl } from './create-payer-links.ts';

// The invoice's payer link as the team sees it: whether the link messages carry now still opens
// (live, expired after seven idle days, spent by a payment), when it was last used and when it
// expires, and its address to copy. Reading it is not a use: it moves nothing on.

export interface PayerLinkStatus {
  state: 'live' | 'expired' | 'spent';
  url: string;
  createdAt: number;
  lastUsedAt: number;
  /** Seven days after the last use, if nobody uses it again; null once spent. */
  expiresAt: number | null;
  spentAt: number | null;
}

/** null: the invoice has no link (no message carried one yet, or the last one was regenerated away). */
export async function getPayerLinkStatus(input: { store: Store; now: number; workspaceId: string; invoiceId: string; baseUrl: string; secret: string }): Promise<PayerLinkStatus | null> {
  const { store, now, workspaceId, invoiceId } = input;
  const record = `invoice ${invoiceId}`;
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!invoice) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  const link = await store.getCurrentPayerLink(workspaceId, invoiceId);
  if (!link) return null;
  const state = payerLinkState(link, now);
  return {
    // A link without revocation is never `revoked`: that state belongs to links a person replaced.
    state: state === 'revoked' ? 'expired' : state,
    url: payerLinkUrl(input.baseUrl, input.secret, link.id),
    createdAt: link.createdAt,
    lastUsedAt: link.lastUsedAt,
    expiresAt: state === 'spent' ? null : payerLinkExpiresAt(link),
    spentAt: link.spentAt,
  };
}
