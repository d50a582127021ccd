import type { DocumentRenderer } from '../../app/ports/documents.ts';
import { renderInvoiceSummaryPdf } from './render-invoice-summary-pdf.ts';
import { renderStatementPdf } from './render-statement-pdf.ts';

/** The documents port over pdfkit. */
export function createDocumentRenderer(): DocumentRenderer {
  return {
    renderStatement: (statement) => renderStatementPdf(statement),
    renderInvoiceSummary: (summary) => renderInvoiceSummaryPdf(summary),
  };
}
