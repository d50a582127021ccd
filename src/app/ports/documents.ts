import type { InvoiceSummary, Statement } from '../../core/statements/statement.ts';

/** Renders the documents a message can attach (adapters/pdf implements it). */
export interface DocumentRenderer {
  renderStatement(statement: Statement): Promise<Uint8Array>;
  renderInvoiceSummary(summary: InvoiceSummary): Promise<Uint8Array>;
}

/** Where a customer pays and reads their statement. The payer portal signs these links. */
export interface MessageLinks {
  payLink(invoiceId: string): string;
  statementLink(customerId: string): string;
  /** The one-click unsubscribe address of a recipient (List-Unsubscribe, RFC 8058). */
  unsubscribeLink(target: { workspaceId: string; email: string }): string;
}
