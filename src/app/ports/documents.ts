import type { InvoiceSummary, Statement } from '../../core/statements/statement.ts';

/** Renders the documents a message can attach (adapters/pdf implements it). */
export interface DocumentRenderer {
  renderStatement(statement: Statement): Promise<Uint8Array>;
  renderInvoiceSummary(summary: InvoiceSummary): Promise<Uint8Array>;
}

export interface PayLinkTarget {
  workspaceId: string;
  customerId: string;
  invoiceId: string;
}

/**
 * Where a customer pays and reads their statement. Messages that reach a customer use the payer
 * portal's stored links (app/portal/create-payer-links.ts); previews use addresses that issue
 * nothing (app/messages/create-preview-links.ts).
 */
export interface MessageLinks {
  /** The invoice's payer link: its live link, or a new one when none is live. */
  payLink(target: PayLinkTarget): Promise<string>;
  statementLink(customerId: string): string;
  /** The one-click unsubscribe address of a recipient (List-Unsubscribe, RFC 8058). */
  unsubscribeLink(target: { workspaceId: string; email: string }): string;
}
