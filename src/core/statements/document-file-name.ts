import { formatCalendarDay } from '../time/calendar-day.ts';
import type { InvoiceSummary, Statement } from './statement.ts';

// Attachment names: ASCII only, so every mail client and file system keeps them as they are.

function toFileNamePart(text: string): string {
  const part = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return part === '' ? 'document' : part;
}

/** 'statement-2026-03-01.pdf': the customer's local date of the statement. */
export function statementFileName(statement: Statement): string {
  return `statement-${formatCalendarDay(statement.statementOn)}.pdf`;
}

/** 'invoice-INV-2026-0042.pdf'. */
export function invoiceSummaryFileName(summary: InvoiceSummary): string {
  return `invoice-${toFileNamePart(summary.invoice.number)}.pdf`;
}
