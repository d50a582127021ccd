import type { EngineAction } from '../../core/planning/engine-action.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import type { Portfolio } from '../../core/portfolio/portfolio.ts';
import type { DocumentRenderer, MessageLinks } from '../ports/documents.ts';
import { composeMessage, type ComposeResult } from './compose-message.ts';

/** The rendered form of an action, as stored with it or printed by `plixo simulate --render`. */
export type RenderedAction =
  | { rendered: { subject: string; text: string; html: string; to: string[]; headers: Record<string, string>; attachments: { filename: string; contentType: string; bytes: number }[] } }
  | { held: { reason: string; description: string; tag?: string; invoiceId?: string } };

export function describeComposition(result: ComposeResult): RenderedAction {
  if (!result.ok) return { held: { ...result.failure } };
  const { subject, text, html, to, headers, attachments } = result.message;
  return {
    rendered: {
      subject,
      text,
      html,
      to,
      headers,
      attachments: attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, bytes: attachment.content.byteLength })),
    },
  };
}

export interface RenderActionsInput {
  workspaceId: string;
  policy: Policy;
  portfolio: Portfolio;
  actions: readonly EngineAction[];
  links: MessageLinks;
  documents: DocumentRenderer;
}

/**
 * Renders every send and draft: one message that cannot be rendered is held with its reason and
 * never stops the others.
 */
export async function renderActions(input: RenderActionsInput): Promise<Map<EngineAction, RenderedAction>> {
  const composed = await composeActions(input);
  return new Map([...composed].map(([action, result]) => [action, describeComposition(result)]));
}

/** As renderActions, keeping the composed messages (attachments included) for the outbox. */
export async function composeActions(input: RenderActionsInput): Promise<Map<EngineAction, ComposeResult>> {
  const customers = new Map(input.portfolio.customers.map((customer) => [customer.id, customer]));
  const invoicesByCustomer = new Map<string, Portfolio['invoices'][number][]>();
  for (const invoice of input.portfolio.invoices) {
    const list = invoicesByCustomer.get(invoice.customerId);
    if (list) list.push(invoice);
    else invoicesByCustomer.set(invoice.customerId, [invoice]);
  }
  const rendered = new Map<EngineAction, ComposeResult>();
  for (const action of input.actions) {
    if (action.type !== 'send' && action.type !== 'draft') continue;
    const customer = customers.get(action.customer)!;
    const result = await composeMessage({
      workspaceId: input.workspaceId,
      policy: input.policy,
      action,
      customer,
      invoices: invoicesByCustomer.get(customer.id) ?? [],
      snapshots: action.snapshots ?? [],
      links: input.links,
      documents: input.documents,
    });
    rendered.set(action, result);
  }
  return rendered;
}
