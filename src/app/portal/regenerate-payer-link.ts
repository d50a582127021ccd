import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { StoredPayerLink } from '../ports/payer-portal-store.ts';
import type { Store } from '../ports/store.ts';
import { payerLinkUrl } from './create-payer-links.ts';
import { newPayerLinkId } from './payer-link-token.ts';

// A person regenerates an invoice's payer link (a forwarded email, a link seen by the wrong
// person): the current link is revoked at once, whatever its state, and a new one is issued that
// the next message carries. Audited.

export async function regeneratePayerLink(input: { store: Store; now: number; workspaceId: string; by: Actor; invoiceId: string; baseUrl: string; secret: string }): Promise<{ link: StoredPayerLink; url: string; revoked: string | null }> {
  const { store, now, workspaceId, by, invoiceId } = input;
  const record = `invoice ${invoiceId}`;
  const [invoice] = await store.listInvoices(workspaceId, { ids: [invoiceId] });
  if (!invoice) throw new AppError('not_found', `${record} does not exist in this organisation`, { record });
  return store.transaction(async (tx) => {
    const current = await tx.getCurrentPayerLink(workspaceId, invoiceId);
    if (current) await tx.revokePayerLink(workspaceId, current.id, { at: now, reason: 'regenerated', by: by.label });
    const link = await tx.createPayerLink(workspaceId, { id: newPayerLinkId(), invoiceId, customerId: invoice.customerId, createdAt: now });
    // The ids are not secrets on their own (the token's signature is), but the audit needs only their start.
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'portal.link_regenerate', subject: `invoice ${invoice.number}`, before: current ? { link: current.id.slice(0, 6) } : null, after: { link: link.id.slice(0, 6) } });
    return { link, url: payerLinkUrl(input.baseUrl, input.secret, link.id), revoked: current?.id ?? null };
  });
}
