import { renderBrandedNotice } from '../../core/messages/render-branded-notice.ts';
import { portalWords } from '../../core/portal/portal-words.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { messageIdFor } from '../ports/mailer.ts';
import type { Store } from '../ports/store.ts';
import { payerLinkUrl } from './create-payer-links.ts';
import { issuePayerLink } from './issue-payer-link.ts';
import { claimedPayerLinkId } from './payer-link-token.ts';

// "Email me a fresh link", from any refusal page. The link's id (signature or not: an altered
// link still names its invoice, and a 128-bit id is not guessed) finds the invoice; the invoice's
// live link, or a new one, goes through the outbox to the customer's contacts on file that are not
// suppressed, never to an address someone typed. The answer is the same whether or not anything
// was sent, so the page tells nobody whether an id exists. At most one email per invoice every
// ten minutes and three a day.

export const freshLinkGapMs = 10 * 60_000;
export const freshLinksPerDay = 3;

export type FreshLinkOutcome = 'sent' | 'limited' | 'nothing';

export async function requestFreshPayerLink(input: { store: Store; now: number; token: string; baseUrl: string; secret: string }): Promise<FreshLinkOutcome> {
  const { store, now } = input;
  const linkId = claimedPayerLinkId(input.token);
  if (linkId === null) return 'nothing';
  const old = await store.getPayerLink(linkId);
  if (!old) return 'nothing';
  const workspaceId = old.workspaceId;
  const [workspace, [customer], [invoice]] = await Promise.all([
    store.getWorkspace(workspaceId),
    store.listCustomers(workspaceId, { ids: [old.customerId] }),
    store.listInvoices(workspaceId, { ids: [old.invoiceId] }),
  ]);
  if (!workspace || !customer || !invoice) return 'nothing';
  const keyPrefix = `payer-link/${invoice.id}/`;
  const recent = (await store.listOutboxMessages(workspaceId, { customerId: customer.id, keyPrefix, decidedAfter: now - 86_400_000, limit: freshLinksPerDay })).filter((message) => message.key.startsWith(keyPrefix));
  if (recent.length >= freshLinksPerDay || recent.some((message) => message.decidedAt > now - freshLinkGapMs)) return 'limited';
  const contacts = (await store.listContacts(workspaceId, { customerIds: [customer.id] })).map((contact) => contact.email);
  const suppressed = new Set((await store.listSuppressions(workspaceId, { activeAt: now, emails: contacts })).map((entry) => entry.email.toLowerCase()));
  const to = contacts.filter((email) => !suppressed.has(email.toLowerCase()));
  if (to.length === 0) return 'nothing';
  const live = await loadLivePolicy(store, workspaceId).catch(() => null);
  const sender = live?.policy.workspace.senders[0];
  if (!live || !sender) return 'nothing';
  const branding = live.policy.workspace.branding;
  const link = await issuePayerLink({ store, now, workspaceId, customerId: customer.id, invoiceId: invoice.id });
  const url = payerLinkUrl(input.baseUrl, input.secret, link.id);
  const words = portalWords(customer.locale ?? workspace.locale);
  const company = branding.companyName;
  const subject = words.emailSubject(company, invoice.number);
  const notice = renderBrandedNotice({ locale: customer.locale ?? workspace.locale, branding, subject, body: words.emailBody(company, invoice.number), button: { href: url, label: words.emailButton } });
  const key = `${keyPrefix}${now}`;
  const domain = sender.domain.toLowerCase();
  await store.transaction(async (tx) => {
    await tx.enqueueOutboxMessages(workspaceId, [
      {
        key,
        kind: 'send',
        status: 'queued',
        customerId: customer.id,
        invoiceIds: [invoice.id],
        decidedAt: now,
        notBefore: now,
        writtenAt: now,
        sendingDomain: domain,
        messageId: messageIdFor({ idempotencyKey: `${workspaceId}/${key}`, sendingDomain: domain }),
        content: {
          fromName: branding.senderName ?? company,
          fromAddress: sender.address,
          replyTo: null,
          to,
          subject,
          text: notice.text,
          html: notice.html,
          headers: {},
          attachments: [],
        },
      },
    ]);
    await tx.appendAudit({ workspaceId, at: now, actor: `payer:${customer.id}`, role: null, action: 'portal.fresh_link', subject: `invoice ${invoice.number}`, detail: { to, link: link.id.slice(0, 6) } });
  });
  return 'sent';
}
