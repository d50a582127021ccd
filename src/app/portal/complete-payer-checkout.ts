import type { Store } from '../ports/store.ts';

// For the processor's webhook (verified before this is called): a checkout started through a
// payer link completed, so the link is spent and opens nothing any more. The payment itself is
// recorded by the webhook's own use case (a `payment` event); this only closes the link. Repeating
// it (a webhook delivered twice) changes nothing.

export async function completePayerCheckout(input: { store: Store; now: number; workspaceId: string; linkId: string; checkoutId: string; processor: string }): Promise<{ spent: boolean }> {
  const { store, now, workspaceId, linkId, checkoutId } = input;
  const link = await store.getPayerLink(linkId);
  if (!link || link.workspaceId !== workspaceId) return { spent: false };
  return store.transaction(async (tx) => {
    const spent = await tx.markPayerLinkSpent(workspaceId, linkId, now);
    if (spent) {
      const [invoice] = await tx.listInvoices(workspaceId, { ids: [link.invoiceId] });
      await tx.appendAudit({ workspaceId, at: now, actor: input.processor, role: null, action: 'portal.checkout_complete', subject: `invoice ${invoice?.number ?? link.invoiceId}`, detail: { checkoutId, link: linkId.slice(0, 6) } });
    }
    return { spent };
  });
}
