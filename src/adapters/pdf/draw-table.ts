import { drawRule, drawText, ink } from './draw-text.ts';
import { contentBottom } from './draw-letterhead.ts';
import type { OpenedPdf } from './open-pdf-document.ts';

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TableCell {
  text: string;
  color?: string;
  /** Columns the cell covers, 1 by default. */
  span?: number;
}

export interface TableRow {
  cells: readonly (string | TableCell)[];
  bold?: boolean;
  /** A rule above the row, as before totals. */
  ruleAbove?: boolean;
}

export interface DrawTableInput {
  x: number;
  y: number;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** Starts a new page and returns the y where the table goes on; the header is repeated there. */
  newPage: () => number;
}

const headerHeight = 22;
const rowHeight = 18;
const cellPadding = 6;
const fontSize = 9;

function drawHeader(pdf: OpenedPdf, input: DrawTableInput, y: number): number {
  const width = input.columns.reduce((sum, column) => sum + column.width, 0);
  pdf.doc.rect(input.x, y, width, headerHeight).fill(pdf.colors.tint);
  let x = input.x;
  for (const column of input.columns) {
    drawText(pdf, column.header, { x: x + cellPadding, y: y + 7, width: column.width - 2 * cellPadding, size: 8, minSize: 6.5, bold: true, align: column.align ?? 'left', color: ink.body });
    x += column.width;
  }
  return y + headerHeight;
}

function drawRow(pdf: OpenedPdf, input: DrawTableInput, row: TableRow, y: number, striped: boolean): void {
  const width = input.columns.reduce((sum, column) => sum + column.width, 0);
  if (striped) pdf.doc.rect(input.x, y, width, rowHeight).fill(ink.stripe);
  if (row.ruleAbove) drawRule(pdf, { x: input.x, y, width, color: ink.muted });
  let x = input.x;
  let columnIndex = 0;
  for (const raw of row.cells) {
    const cell: TableCell = typeof raw === 'string' ? { text: raw } : raw;
    const covered = input.columns.slice(columnIndex, columnIndex + (cell.span ?? 1));
    const cellWidth = covered.reduce((sum, column) => sum + column.width, 0);
    const align = covered[covered.length - 1]?.align ?? 'left';
    // Amounts shrink rather than lose digits; only text cells are cut short.
    drawText(pdf, cell.text, { x: x + cellPadding, y: y + 5, width: cellWidth - 2 * cellPadding, size: fontSize, minSize: align === 'right' ? 6 : fontSize, bold: row.bold, align, color: cell.color ?? ink.body });
    x += cellWidth;
    columnIndex += covered.length;
  }
}

/**
 * Draws the table from `y`, breaking pages where a row would run into the footer and repeating
 * the header on each new page. A header is never left alone at the foot of a page. Returns the y
 * below the last row.
 */
export function drawTable(pdf: OpenedPdf, input: DrawTableInput): number {
  let y = input.y;
  if (y + headerHeight + rowHeight > contentBottom(pdf)) y = input.newPage();
  y = drawHeader(pdf, input, y);
  input.rows.forEach((row, index) => {
    if (y + rowHeight > contentBottom(pdf)) y = drawHeader(pdf, input, input.newPage());
    drawRow(pdf, input, row, y, index % 2 === 1 && !row.bold);
    y += rowHeight;
  });
  return y;
}
