import type { StatementCompany, StatementCustomer } from '../../core/statements/statement.ts';
import { drawRule, drawText, ink } from './draw-text.ts';
import { pageMargin, type OpenedPdf } from './open-pdf-document.ts';

export function contentWidth(pdf: OpenedPdf): number {
  return pdf.doc.page.width - 2 * pageMargin;
}

/** The lowest y that content may use on a page, above the footer. */
export function contentBottom(pdf: OpenedPdf): number {
  return pdf.doc.page.height - pageMargin - 18;
}

function drawBrandBar(pdf: OpenedPdf): void {
  pdf.doc.rect(0, 0, pdf.doc.page.width, 6).fill(pdf.colors.main);
}

function drawLines(pdf: OpenedPdf, lines: readonly string[], input: { x: number; y: number; width: number; size: number; color: string }): number {
  let y = input.y;
  for (const line of lines) {
    drawText(pdf, line, { x: input.x, y, width: input.width, size: input.size, color: input.color });
    y += input.size * 1.35;
  }
  return y;
}

export interface LetterheadInput {
  company: StatementCompany;
  title: string;
  /** Label and value pairs under the title: the date, the customer's ID, … */
  details: readonly (readonly [string, string])[];
}

/** The first page's top: brand bar, company name and address, the document's title and details. */
export function drawLetterhead(pdf: OpenedPdf, input: LetterheadInput): number {
  drawBrandBar(pdf);
  const width = contentWidth(pdf);
  const top = 44;
  const leftWidth = width * 0.55;
  drawText(pdf, input.company.name, { x: pageMargin, y: top, width: leftWidth, size: 18, minSize: 12, bold: true, color: pdf.colors.text });
  const leftBottom = drawLines(pdf, input.company.address ?? [], { x: pageMargin, y: top + 26, width: leftWidth, size: 9, color: ink.muted });

  const rightX = pageMargin + leftWidth;
  const rightWidth = width - leftWidth;
  drawText(pdf, pdf.format.text(input.title).toUpperCase(), { x: rightX, y: top - 2, width: rightWidth, size: 20, minSize: 12, bold: true, align: 'right', color: ink.strong, characterSpacing: 1 });
  let rightBottom = top + 30;
  for (const [label, value] of input.details) {
    drawText(pdf, label, { x: rightX, y: rightBottom, width: rightWidth * 0.5, size: 9, color: ink.muted });
    drawText(pdf, value, { x: rightX + rightWidth * 0.5, y: rightBottom, width: rightWidth * 0.5, size: 9, bold: true, align: 'right', color: ink.strong });
    rightBottom += 13;
  }
  const bottom = Math.max(leftBottom, rightBottom) + 14;
  drawRule(pdf, { x: pageMargin, y: bottom, width });
  return bottom + 20;
}

/**
 * The top of every later page: a slim bar, the company, and on the right what the document is:
 * `caption` (the customer's name, cut short if long) followed by `trailing` (kept whole).
 */
export function drawContinuationHeader(pdf: OpenedPdf, input: { company: StatementCompany; caption: string; trailing: string }): number {
  drawBrandBar(pdf);
  const width = contentWidth(pdf);
  const { doc } = pdf;
  drawText(pdf, input.company.name, { x: pageMargin, y: 30, width: width * 0.45, size: 10, bold: true, color: pdf.colors.text });
  const trailing = ` · ${input.trailing}`;
  const trailingWidth = doc.font(pdf.fonts.regular).fontSize(9).widthOfString(pdf.format.text(trailing));
  const right = pageMargin + width;
  drawText(pdf, trailing, { x: right - trailingWidth, y: 31, size: 9, color: ink.muted });
  const captionX = pageMargin + width * 0.5;
  drawText(pdf, input.caption, { x: captionX, y: 31, width: right - trailingWidth - captionX, size: 9, align: 'right', color: ink.muted });
  drawRule(pdf, { x: pageMargin, y: 48, width });
  return 64;
}

/** "Bill to" and the customer's name and address, on the left half. */
export function drawBillTo(pdf: OpenedPdf, input: { customer: StatementCustomer; y: number; width: number }): number {
  drawText(pdf, pdf.format.text(pdf.labels.billTo).toUpperCase(), { x: pageMargin, y: input.y, size: 8, bold: true, color: ink.muted, characterSpacing: 0.3 });
  drawText(pdf, input.customer.name, { x: pageMargin, y: input.y + 14, width: input.width, size: 12, minSize: 9, bold: true, color: ink.strong });
  return drawLines(pdf, input.customer.address ?? [], { x: pageMargin, y: input.y + 32, width: input.width, size: 10, color: ink.body });
}

export interface AmountDueInput {
  x: number;
  y: number;
  width: number;
  /** Formatted amounts, one per currency. */
  amounts: readonly string[];
  payLink: string | null;
}

/** The tinted box with what is owed and the pay button; returns its bottom. */
export function drawAmountDue(pdf: OpenedPdf, input: AmountDueInput): number {
  const { doc } = pdf;
  const padding = 14;
  const amountSize = input.amounts.length > 3 ? 12 : 16;
  const amountsHeight = Math.max(1, input.amounts.length) * (amountSize + 5);
  const payHeight = input.payLink ? 12 + 26 + 16 : 0;
  const height = padding + 16 + amountsHeight + payHeight + padding - 4;
  doc.roundedRect(input.x, input.y, input.width, height, 6).fill(pdf.colors.tint);
  const innerX = input.x + padding;
  const innerWidth = input.width - 2 * padding;
  drawText(pdf, pdf.format.text(pdf.labels.amountDue).toUpperCase(), { x: innerX, y: input.y + padding, size: 8, bold: true, color: ink.muted, characterSpacing: 0.3 });
  let y = input.y + padding + 16;
  for (const amount of input.amounts.length > 0 ? input.amounts : ['—']) {
    drawText(pdf, amount, { x: innerX, y, width: innerWidth, size: amountSize, minSize: 9, bold: true, color: ink.strong });
    y += amountSize + 5;
  }
  if (input.payLink) {
    y += 8;
    doc.roundedRect(innerX, y, innerWidth, 26, 4).fill(pdf.colors.main);
    drawText(pdf, pdf.labels.payOnline, { x: innerX, y: y + 8, width: innerWidth, size: 11, bold: true, align: 'center', color: pdf.colors.onMain });
    doc.link(innerX, y, innerWidth, 26, input.payLink);
    drawText(pdf, input.payLink, { x: innerX, y: y + 32, width: innerWidth, size: 8, color: pdf.colors.text, link: input.payLink });
  }
  return input.y + height;
}
