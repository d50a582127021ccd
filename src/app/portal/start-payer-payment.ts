import { formatAmount } from '../../core/money/money.ts';
import { AppError } from '../app-error.ts';
import { payableBalance } from '../open-balance.ts';
import type { PaymentProcessor } from '../ports/payment-processor.ts';
import type { Store } from '../ports/store.ts';
import type { PayerLinkGrant } from './authorize-payer-link.ts';
import { fillPaymentUrl } from './payment-url-template.ts';

// "Pay": the payer is sent to the workspace's processor (a checkout for the open balance, which
// echoes the link id back in its webhook) or, without one, to the payment address the workspace
// configured. Either way the start is audited; the link is spent only when the processor reports
// the payment complete (completePayerCheckout), never because someone reached the success page.

export async function startPayerPayment(input: { store: Store; now: number; grant: PayerLinkGrant; processor: PaymentProcessor | null; returnUrl: string }): Promise<{ redirectTo: string }> {
  const { store, now, grant, processor } = input;
  const { workspace, invoice, customer, link, payer } = grant;
  const record = `invoice ${invoice.id}`;
  const balance = payableBalance(invoice, await store.listEvents(workspace.id, { customerId: customer.id }), now);
  if (balance <= 0) throw new AppError('conflict', `${record} has nothing left to pay`, { record });
  const amount = formatAmount(balance, invoice.currency);
  if (processor) {
    const contacts = await store.listContacts(workspace.id, { customerIds: [customer.id] });
    const checkout = await processor.createCheckout({
      workspaceId: workspace.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      customerId: customer.id,
      amountMinor: balance,
      currency: invoice.currency,
      successUrl: `${input.returnUrl}/paid`,
      cancelUrl: input.returnUrl,
      linkId: link.id,
      customerEmail: (contacts.find((contact) => contact.isPrimary) ?? contacts[0])?.email ?? null,
      locale: customer.locale ?? workspace.locale,
    });
    await store.transaction(async (tx) => {
      await tx.recordPayerLinkCheckout(workspace.id, link.id, checkout.checkoutId);
      await tx.appendAudit({ workspaceId: workspace.id, at: now, actor: payer.label, role: null, action: 'portal.checkout_start', subject: `invoice ${invoice.number}`, detail: { processor: processor.name, checkoutId: checkout.checkoutId, amount, currency: invoice.currency, link: link.id.slice(0, 6) } });
    });
    return { redirectTo: checkout.url };
  }
  const { paymentUrlTemplate } = await store.getPortalSettings(workspace.id);
  if (!paymentUrlTemplate) throw new AppError('unavailable', `organisation ${workspace.id} takes no payments through the portal: no processor is connected and no payment address is set`);
  const url = fillPaymentUrl(paymentUrlTemplate, { invoiceNumber: invoice.number, amount, currency: invoice.currency });
  await store.appendAudit({ workspaceId: workspace.id, at: now, actor: payer.label, role: null, action: 'portal.checkout_start', subject: `invoice ${invoice.number}`, detail: { processor: 'payment_url', amount, currency: invoice.currency, link: link.id.slice(0, 6) } });
  return { redirectTo: url };
}
