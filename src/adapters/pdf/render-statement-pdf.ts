import { agingBuckets } from '../../core/statements/aging-bucket.ts';
import type { Statement } from '../../core/statements/statement.ts';
import { drawAmountDue, drawBillTo, drawContinuationHeader, drawLetterhead, contentWidth } from './draw-letterhead.ts';
import { drawPageFooters } from './draw-page-footers.ts';
import { drawTable, type TableRow } from './draw-table.ts';
import { drawText, ink, toSafeLink } from './draw-text.ts';
import { openPdfDocument, pageMargin, type OpenedPdf, type PdfRenderOptions } from './open-pdf-document.ts';

function drawSectionTitle(pdf: OpenedPdf, title: string, y: number): number {
  drawText(pdf, title, { x: pageMargin, y, width: contentWidth(pdf), size: 11, bold: true, color: pdf.colors.text });
  return y + 18;
}

function agingRows(pdf: OpenedPdf, statement: Statement): TableRow[] {
  return statement.balances.map((balance) => ({
    cells: [
      balance.currency,
      ...agingBuckets.map((bucket) => {
        const minor = balance.buckets[bucket.id];
        // Empty buckets in grey, so the eye lands on what is owed.
        return { text: pdf.format.money(minor, balance.currency), color: minor === 0 ? ink.faint : ink.body };
      }),
      { text: pdf.format.money(balance.totalMinor, balance.currency), color: ink.strong },
    ],
    bold: false,
  }));
}

function drawAging(pdf: OpenedPdf, statement: Statement, y: number, newPage: () => number): number {
  const width = contentWidth(pdf);
  const { labels } = pdf;
  const bucketWidth = width * 0.14;
  const columns = [
    { header: labels.currency, width: width * 0.12 },
    ...labels.agingBuckets.map((header) => ({ header, width: bucketWidth, align: 'right' as const })),
    { header: labels.total, width: width * 0.18, align: 'right' as const },
  ];
  return drawTable(pdf, { x: pageMargin, y: drawSectionTitle(pdf, labels.agingSummary, y), columns, rows: agingRows(pdf, statement), newPage });
}

function invoiceRows(pdf: OpenedPdf, statement: Statement): TableRow[] {
  const { format } = pdf;
  const rows: TableRow[] = statement.lines.map((line) => ({
    cells: [
      { text: line.number, color: ink.strong },
      line.issuedOn === null ? '' : format.date(line.issuedOn),
      format.date(line.dueOn),
      line.daysOverdue > 0 ? { text: format.integer(line.daysOverdue), color: ink.alert } : { text: '—', color: ink.faint },
      format.money(line.amountMinor, line.currency),
      { text: format.money(line.balanceMinor, line.currency), color: ink.strong },
    ],
  }));
  statement.balances.forEach((balance, index) => {
    rows.push({
      cells: [{ text: `${pdf.labels.totalDue} (${balance.currency})`, span: 5 }, { text: format.money(balance.totalMinor, balance.currency), color: ink.strong }],
      bold: true,
      ruleAbove: index === 0,
    });
  });
  return rows;
}

function drawInvoices(pdf: OpenedPdf, statement: Statement, y: number, newPage: () => number): number {
  const width = contentWidth(pdf);
  const { labels } = pdf;
  const columns = [
    { header: labels.invoice, width: width * 0.2 },
    { header: labels.issued, width: width * 0.14 },
    { header: labels.due, width: width * 0.14 },
    { header: labels.daysOverdue, width: width * 0.14, align: 'right' as const },
    { header: labels.amount, width: width * 0.19, align: 'right' as const },
    { header: labels.balance, width: width * 0.19, align: 'right' as const },
  ];
  return drawTable(pdf, { x: pageMargin, y: drawSectionTitle(pdf, labels.openInvoices, y), columns, rows: invoiceRows(pdf, statement), newPage });
}

/**
 * The customer's statement as a PDF: letterhead, bill-to and amount due with the pay button,
 * aging per currency, every open invoice (across as many pages as needed, the table header
 * repeated on each) and the total due per currency. The same statement gives the same bytes.
 */
export async function renderStatementPdf(statement: Statement, options: PdfRenderOptions = {}): Promise<Buffer> {
  const pdf = openPdfDocument({ asOf: statement.asOf, title: (labels) => `${labels.statementTitle} – ${statement.customer.name}`, author: statement.company.name, locale: statement.locale, brandColor: statement.company.color, options });
  const { format, labels } = pdf;
  const payLink = toSafeLink(statement.payLink);
  const statementLink = toSafeLink(statement.statementLink);
  const statementDate = format.date(statement.statementOn);
  const newPage = () => {
    pdf.doc.addPage();
    return drawContinuationHeader(pdf, { company: statement.company, caption: statement.customer.name, trailing: `${labels.statementTitle} ${statementDate}` });
  };

  let y = drawLetterhead(pdf, { company: statement.company, title: labels.statementTitle, details: [[labels.statementDate, statementDate], [labels.customerId, statement.customer.id]] });
  const width = contentWidth(pdf);
  const billToBottom = drawBillTo(pdf, { customer: statement.customer, y, width: width * 0.5 });
  const amounts = statement.balances.map((balance) => format.money(balance.totalMinor, balance.currency));
  const boxBottom = drawAmountDue(pdf, { x: pageMargin + width * 0.55, y, width: width * 0.45, amounts, payLink });
  y = Math.max(billToBottom, boxBottom) + 26;

  if (statement.lines.length === 0) {
    drawText(pdf, labels.noOpenInvoices, { x: pageMargin, y, width, size: 11, color: ink.body });
  } else {
    y = drawAging(pdf, statement, y, newPage) + 26;
    drawInvoices(pdf, statement, y, newPage);
  }
  drawPageFooters(pdf, { note: statementLink ? labels.viewOnline : statement.company.name, link: statementLink });
  return pdf.finish();
}
