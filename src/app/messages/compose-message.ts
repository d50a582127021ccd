import type { EngineAction, InvoiceSnapshot } from '../../core/planning/engine-action.ts';
import type { MessageContext } from '../../core/messages/message-context.ts';
import type { RenderFailure } from '../../core/messages/render-failure.ts';
import { renderMessage } from '../../core/messages/render-message.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import type { Customer, Invoice } from '../../core/portfolio/portfolio.ts';
import { buildInvoiceSummary } from '../../core/statements/build-invoice-summary.ts';
import { buildStatement } from '../../core/statements/build-statement.ts';
import { invoiceSummaryFileName, statementFileName } from '../../core/statements/document-file-name.ts';
import type { DocumentRenderer, MessageLinks } from '../ports/documents.ts';

// A send or draft of the engine turned into what the customer receives: subject, text and HTML
// parts, recipients and attachments, with every value as it stood at the instant of sending.

export interface Attachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
  to: string[];
  /** List-Unsubscribe (one-click, RFC 8058) for the first recipient. */
  headers: Record<string, string>;
  attachments: Attachment[];
}

/** Why a message cannot be rendered: it is held with this reason while the others go out. */
export interface ComposeFailure {
  reason: RenderFailure['reason'] | 'unknown_template';
  tag?: string;
  invoiceId?: string;
  description: string;
}

export type ComposeResult = { ok: true; message: ComposedMessage } | { ok: false; failure: ComposeFailure };

export interface ComposeMessageInput {
  workspaceId: string;
  policy: Policy;
  action: EngineAction;
  customer: Customer;
  /** Every invoice of the customer, as Plixo knows them. */
  invoices: readonly Invoice[];
  /** Each invoice's balance and promise at the instant (from the engine). */
  snapshots: readonly InvoiceSnapshot[];
  links: MessageLinks;
  documents: DocumentRenderer;
}

export async function composeMessage({ workspaceId, policy, action, customer, invoices, snapshots, links, documents }: ComposeMessageInput): Promise<ComposeResult> {
  const template = policy.templates.get(action.template ?? '');
  if (!template) return { ok: false, failure: { reason: 'unknown_template', description: `no template named "${action.template}"` } };
  const workspace = policy.workspace;
  const locale = customer.locale ?? workspace.locale;
  const timeZone = customer.timeZone ?? workspace.timeZone;
  const stateOf = new Map(snapshots.map((snapshot) => [snapshot.invoice, snapshot]));
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const current = (invoice: Invoice) => ({ ...invoice, balanceMinor: stateOf.get(invoice.id)?.balanceMinor ?? invoice.balanceMinor });
  const recipient = action.to?.[0] ?? customer.contacts.find((contact) => contact.email)?.email ?? '';
  const contact = customer.contacts.find((candidate) => candidate.email === recipient);
  const branding = workspace.branding;
  // One link per invoice and message, however often the message and its documents show it.
  const payLinks = new Map<string, Promise<string>>();
  const payLinkOf = (invoiceId: string) => {
    let link = payLinks.get(invoiceId);
    if (!link) payLinks.set(invoiceId, (link = links.payLink({ workspaceId, customerId: customer.id, invoiceId })));
    return link;
  };
  const context: MessageContext = {
    locale,
    timeZone,
    sentAt: action.at,
    customer: { id: customer.id, name: customer.name },
    contact: { name: contact?.name ?? null, email: recipient },
    company: { name: branding.companyName },
    sender: { name: branding.senderName, signature: branding.signature },
    branding: { companyName: branding.companyName, logoUrl: branding.logoUrl, color: branding.color },
    // Only the lead invoice's link reaches the message ({pay_link}); issuing one per invoice
    // would write a link for every invoice of a consolidated message.
    invoices: await Promise.all(action.invoices.map(async (id) => {
      const invoice = current(byId.get(id)!);
      return {
        id: invoice.id,
        number: invoice.number,
        issuedOn: invoice.issuedOn,
        dueOn: invoice.dueOn,
        amountMinor: invoice.amountMinor,
        balanceMinor: invoice.balanceMinor,
        currency: invoice.currency,
        payLink: invoice.id === leadInvoiceOf(action) ? await payLinkOf(invoice.id) : null,
        promise: stateOf.get(id)?.promise ?? null,
      };
    })),
    leadInvoiceId: leadInvoiceOf(action),
    statementLink: links.statementLink(customer.id),
  };
  const rendered = renderMessage({ template, tone: action.tone ?? 'neutral', context });
  if (!rendered.ok) return { ok: false, failure: describeFailure(rendered) };
  const company = { name: branding.companyName, color: branding.color };
  const attachments: Attachment[] = [];
  const wanted = new Set([...(action.attach ?? []), ...template.attach]);
  if (wanted.has('statement')) {
    const statement = buildStatement({
      customer: { id: customer.id, name: customer.name },
      invoices: invoices.map(current),
      asOf: action.at,
      timeZone,
      locale,
      company,
      payLink: await payLinkOf(leadInvoiceOf(action)),
      statementLink: links.statementLink(customer.id),
    });
    attachments.push({ filename: statementFileName(statement), contentType: 'application/pdf', content: await documents.renderStatement(statement) });
  }
  if (wanted.has('invoice')) {
    for (const id of action.invoices) {
      const summary = buildInvoiceSummary({ customer: { id: customer.id, name: customer.name }, invoice: current(byId.get(id)!), asOf: action.at, timeZone, locale, company, payLink: await payLinkOf(id) });
      attachments.push({ filename: invoiceSummaryFileName(summary), contentType: 'application/pdf', content: await documents.renderInvoiceSummary(summary) });
    }
  }
  const headers: Record<string, string> = recipient
    ? { 'List-Unsubscribe': `<${links.unsubscribeLink({ workspaceId, email: recipient })}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : {};
  return { ok: true, message: { ...rendered.message, to: action.to ?? [], headers, attachments } };
}

/** The invoice whose step chose the template: the engine lists it with the highest-day step. */
function leadInvoiceOf(action: EngineAction): string {
  return action.leadInvoice ?? action.invoices[0]!;
}

function describeFailure(failure: RenderFailure): ComposeFailure {
  const tag = 'tag' in failure ? failure.tag : undefined;
  const invoiceId = 'invoiceId' in failure ? failure.invoiceId : undefined;
  const words: Record<RenderFailure['reason'], string> = {
    missing_value: `{${tag}} has no value${invoiceId ? ` for invoice ${invoiceId}` : ''}`,
    unknown_tag: `{${tag}} is not a merge tag`,
    misplaced_tag: `{${tag}} cannot stand there`,
    missing_variant: 'the template has no text for this tone nor a neutral one',
  };
  return { reason: failure.reason, ...(tag ? { tag } : {}), ...(invoiceId ? { invoiceId } : {}), description: words[failure.reason] };
}
