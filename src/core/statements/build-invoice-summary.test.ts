import { describe, expect, it } from 'vitest';
import { parseCalendarDay } from '../time/calendar-day.ts';
import { buildInvoiceSummary } from './build-invoice-summary.ts';
import { invoiceSummaryFileName, statementFileName } from './document-file-name.ts';
import { buildStatement } from './build-statement.ts';

const day = (text: string) => parseCalendarDay(text)!;
const company = { name: 'Plixo Demo GmbH', color: '#0b5fff' };
const customer = { id: 'C-1', name: 'Acme Corp' };
const asOf = Date.parse('2026-03-01T12:00:00Z');

function summarize(balanceMinor: number, dueOn: string, timeZone = 'UTC') {
  const invoice = { id: 'i1', number: 'INV 2026/0042', issuedOn: day('2026-01-01'), dueOn: day(dueOn), amountMinor: 10_000, balanceMinor, currency: 'EUR' };
  return buildInvoiceSummary({ customer, invoice, asOf, timeZone, locale: 'de-DE', company, payLink: 'https://pay.example/i1' });
}

describe('buildInvoiceSummary', () => {
  it.each([
    ['open, due later', 10_000, '2026-03-10', 'open', 0, 'current', 0],
    ['open, due today', 4_000, '2026-03-01', 'open', 0, 'current', 6_000],
    ['overdue', 4_000, '2026-01-15', 'overdue', 45, '31-60', 6_000],
    ['paid late is not overdue', 0, '2026-01-15', 'paid', 0, 'current', 10_000],
  ] as const)('%s', (_name, balance, dueOn, status, daysOverdue, bucket, paidMinor) => {
    expect(summarize(balance, dueOn)).toMatchObject({ status, daysOverdue, bucket, paidMinor, statementOn: day('2026-03-01') });
  });

  it("counts days overdue at the customer's local date", () => {
    expect(summarize(4_000, '2026-03-01', 'Pacific/Chatham')).toMatchObject({ status: 'overdue', daysOverdue: 1, statementOn: day('2026-03-02') });
  });
});

describe('document file names', () => {
  it('are ASCII and dated in the customer zone', () => {
    expect(invoiceSummaryFileName(summarize(1, '2026-03-10'))).toBe('invoice-INV-2026-0042.pdf');
    const statement = buildStatement({ customer, invoices: [], asOf, timeZone: 'Pacific/Chatham', locale: 'en', company });
    expect(statementFileName(statement)).toBe('statement-2026-03-02.pdf');
  });
});
