import { escapeHtml } from './escape-html.ts';
import type { MessageLabels } from './get-message-labels.ts';
import { measureDisplayWidth } from './measure-display-width.ts';

// {invoice_table}: number, due date, days overdue and balance per invoice, then the total per
// currency. In HTML a real table with inline styles (mail clients drop <style> blocks unevenly);
// in text, columns padded to line up in a monospace font, numbers aligned at their end.

export interface InvoiceTable {
  rows: readonly { number: string; dueDate: string; daysOverdue: string; balance: string }[];
  /** One formatted total per currency, in the order the currencies first appear. */
  totals: readonly string[];
  labels: MessageLabels;
}

// Symmetric padding, so the table sits the same in left-to-right and right-to-left messages.
// word-break:normal undoes the break-word of the layout's text blocks, which on a phone split
// "Rechnung" and dates in the middle.
const cell = 'padding:8px 6px;border-bottom:1px solid #d8dee4;vertical-align:top;word-break:normal;';
const nowrap = 'white-space:nowrap;';

export function renderInvoiceTableHtml(table: InvoiceTable, options: { brandColor: string }): string {
  const { labels } = table;
  // Numbers line up at their end: the right in a left-to-right message, the left in Arabic.
  const end = labels.direction === 'rtl' ? 'left' : 'right';
  const start = labels.direction === 'rtl' ? 'right' : 'left';
  const heading = (text: string, align: string) =>
    `<th align="${align}" style="padding:8px 6px;border-bottom:2px solid ${options.brandColor};text-align:${align};font-weight:600;vertical-align:bottom;word-break:normal;">${escapeHtml(text)}</th>`;
  const data = (text: string, align: string, extra = '') => `<td align="${align}" style="${cell}text-align:${align};${extra}">${escapeHtml(text)}</td>`;
  const head = `<thead><tr>${heading(labels.invoice, start)}${heading(labels.dueDate, start)}${heading(labels.daysOverdue, end)}${heading(labels.balance, end)}</tr></thead>`;
  const body = table.rows
    .map((row) => `<tr>${data(row.number, start, nowrap)}${data(row.dueDate, start, nowrap)}${data(row.daysOverdue, end, nowrap)}${data(row.balance, end, nowrap)}</tr>`)
    .join('');
  const totals = table.totals
    .map((total, index) => {
      const label = index === 0 ? labels.total : '';
      const strong = `font-weight:600;border-bottom:0;${index === table.totals.length - 1 ? '' : 'padding-bottom:0;'}`;
      return `<tr><td colspan="3" align="${start}" style="${cell}${strong}text-align:${start};">${escapeHtml(label)}</td>${data(total, end, nowrap + strong)}</tr>`;
    })
    .join('');
  return (
    '<table cellpadding="0" cellspacing="0" border="0" width="100%" style="border-collapse:collapse;width:100%;margin:0 0 16px 0;font-size:14px;line-height:1.4;">' +
    `${head}<tbody>${body}</tbody><tfoot>${totals}</tfoot></table>`
  );
}

function pad(text: string, width: number, align: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, width - measureDisplayWidth(text)));
  return align === 'start' ? text + fill : fill + text;
}

export function renderInvoiceTableText(table: InvoiceTable): string {
  const { labels } = table;
  const header = [labels.invoice, labels.dueDate, labels.daysOverdue, labels.balance];
  const rows = table.rows.map((row) => [row.number, row.dueDate, row.daysOverdue, row.balance]);
  const totals = table.totals.map((total, index) => [index === 0 ? labels.total : '', '', '', total]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows, ...totals].map((line) => measureDisplayWidth(line[column]!))));
  const aligns = ['start', 'start', 'end', 'end'] as const;
  const line = (cells: readonly string[]) =>
    cells
      .map((text, column) => pad(text, widths[column]!, aligns[column]!))
      .join('   ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('   ');
  return [line(header), rule, ...rows.map(line), ...totals.map(line)].join('\n');
}
