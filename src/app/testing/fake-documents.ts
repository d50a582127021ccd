import type { DocumentRenderer } from '../ports/documents.ts';

/** Documents as short marked byte strings, and a list of what was asked for. */
export function createFakeDocuments(): DocumentRenderer & { rendered: string[] } {
  const rendered: string[] = [];
  return {
    rendered,
    async renderStatement(statement) {
      rendered.push(`statement:${statement.customer.id}`);
      return new TextEncoder().encode(`statement of ${statement.customer.id}`);
    },
    async renderInvoiceSummary(summary) {
      rendered.push(`invoice:${summary.invoice.id}`);
      return new TextEncoder().encode(`invoice ${summary.invoice.id}`);
    },
  };
}
