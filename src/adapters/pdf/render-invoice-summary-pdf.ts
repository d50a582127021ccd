import type { InvoiceStatus, InvoiceSummary } from '../../core/statements/statement.ts';
import { contentWidth, drawAmountDue, drawBillTo, drawContinuationHeader, drawLetterhead } from './draw-letterhead.ts';
import { drawPageFooters } from './draw-page-footers.ts';
import { drawTable, type TableCell, type TableRow } from './draw-table.ts';
import { ink, toSafeLink } from './draw-text.ts';
import { openPdfDocument, pageMargin, type OpenedPdf, type PdfRenderOptions } from './open-pdf-document.ts';
import type { PdfLabels } from './pdf-labels.ts';

const statusLabels: Record<InvoiceStatus, keyof PdfLabels> = { paid: 'statusPaid', open: 'statusOpen', overdue: 'statusOverdue' };

function statusText(pdf: OpenedPdf, status: InvoiceStatus): string {
  return pdf.labels[statusLabels[status]] as string;
}

function detailRows(pdf: OpenedPdf, summary: InvoiceSummary): TableRow[] {
  const { format, labels } = pdf;
  const { invoice } = summary;
  const money = (minor: number) => format.money(minor, invoice.currency);
  const value = (text: string, color: string = ink.strong): TableCell => ({ text, color });
  return [
    { cells: [labels.issued, value(invoice.issuedOn === null ? '—' : format.date(invoice.issuedOn))] },
    { cells: [labels.due, value(format.date(invoice.dueOn))] },
    { cells: [labels.daysOverdue, summary.daysOverdue > 0 ? value(format.integer(summary.daysOverdue), ink.alert) : value('—', ink.faint)] },
    { cells: [labels.status, value(statusText(pdf, summary.status), summary.status === 'overdue' ? ink.alert : ink.strong)] },
    { cells: [labels.invoiceAmount, value(money(invoice.amountMinor))] },
    { cells: [labels.paidToDate, value(money(summary.paidMinor))] },
    { cells: [labels.balanceDue, value(money(invoice.balanceMinor))], bold: true, ruleAbove: true },
  ];
}

/**
 * One invoice as a PDF: letterhead, bill-to, the balance with the pay button (while anything is
 * owed), and the invoice's dates, amount, payments so far, balance and status.
 */
export async function renderInvoiceSummaryPdf(summary: InvoiceSummary, options: PdfRenderOptions = {}): Promise<Buffer> {
  const { invoice } = summary;
  const pdf = openPdfDocument({ asOf: summary.asOf, title: (labels) => `${labels.invoiceSummaryTitle} ${invoice.number}`, author: summary.company.name, locale: summary.locale, brandColor: summary.company.color, options });
  const { doc, format, labels } = pdf;
  const width = contentWidth(pdf);
  let y = drawLetterhead(pdf, {
    company: summary.company,
    title: labels.invoiceSummaryTitle,
    details: [[labels.invoice, invoice.number], [labels.date, format.date(summary.statementOn)], [labels.customerId, summary.customer.id]],
  });
  const billToBottom = drawBillTo(pdf, { customer: summary.customer, y, width: width * 0.5 });
  const payLink = summary.status === 'paid' ? null : toSafeLink(summary.payLink);
  const boxBottom = drawAmountDue(pdf, { x: pageMargin + width * 0.55, y, width: width * 0.45, amounts: [format.money(invoice.balanceMinor, invoice.currency)], payLink });
  y = Math.max(billToBottom, boxBottom) + 26;

  const columns = [{ header: labels.invoice, width: width * 0.55 }, { header: invoice.number, width: width * 0.45, align: 'right' as const }];
  // Seven rows fit below the letterhead on A4 and Letter; the break is there for long addresses.
  const newPage = () => {
    doc.addPage();
    return drawContinuationHeader(pdf, { company: summary.company, caption: summary.customer.name, trailing: `${labels.invoiceSummaryTitle} ${invoice.number}` });
  };
  y = drawTable(pdf, { x: pageMargin, y, columns, rows: detailRows(pdf, summary), newPage }) + 18;
  doc.font(pdf.fonts.regular).fontSize(8.5).fillColor(ink.muted).text(format.text(labels.invoiceSummaryNote), pageMargin, y, { width });
  drawPageFooters(pdf, { note: summary.company.name, link: null });
  return pdf.finish();
}
