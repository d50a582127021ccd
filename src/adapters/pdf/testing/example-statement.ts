import { buildInvoiceSummary } from '../../../core/statements/build-invoice-summary.ts';
import { buildStatement } from '../../../core/statements/build-statement.ts';
import type { InvoiceSummary, Statement, StatementCompany, StatementCustomer, StatementInvoice } from '../../../core/statements/statement.ts';
import { parseCalendarDay } from '../../../core/time/calendar-day.ts';

// A believable account for the PDF tests and the screenshot in docs/: a German customer of an
// Irish supplier, billed in euros and dollars, some invoices part-paid, some long overdue.

export const exampleCompany: StatementCompany = {
  name: 'Northwind Supplies Ltd',
  address: ['14 Harbour Road', 'Dublin D02 X285, Ireland', 'accounts@northwind.example'],
  color: '#0b5fff',
};

export const exampleCustomer: StatementCustomer = {
  id: 'CUST-0042',
  name: 'Müller & Söhne Maschinenbau GmbH',
  address: ['Hafenstraße 12', '20457 Hamburg', 'Germany'],
};

export const exampleAsOf = Date.parse('2026-03-15T09:00:00Z');

/** `count` invoices, one every 9 days back from 2026-03-25, three in four in EUR, the rest in USD. */
export function exampleInvoices(count: number): StatementInvoice[] {
  const lastDue = parseCalendarDay('2026-03-25')!;
  return Array.from({ length: count }, (_, index) => {
    const amountMinor = 100_000 + index * 7_331;
    return {
      id: `inv-${index}`,
      number: `INV-2026-${1000 + index}`,
      issuedOn: lastDue - index * 9 - 40,
      dueOn: lastDue - index * 9,
      amountMinor,
      balanceMinor: index % 3 === 0 ? 50_000 + index * 1_000 : amountMinor,
      currency: index % 4 === 2 ? 'USD' : 'EUR',
    };
  });
}

export function exampleStatement(overrides: { invoiceCount?: number; customer?: StatementCustomer; locale?: string; payLink?: string | null } = {}): Statement {
  return buildStatement({
    customer: overrides.customer ?? exampleCustomer,
    invoices: exampleInvoices(overrides.invoiceCount ?? 8),
    asOf: exampleAsOf,
    timeZone: 'Europe/Berlin',
    locale: overrides.locale ?? 'de-DE',
    company: exampleCompany,
    payLink: overrides.payLink === undefined ? 'https://pay.northwind.example/c/CUST-0042' : overrides.payLink,
    statementLink: 'https://portal.northwind.example/statements/CUST-0042',
  });
}

export function exampleInvoiceSummary(overrides: { balanceMinor?: number; currency?: string; locale?: string } = {}): InvoiceSummary {
  const { locale = 'de-DE', ...invoiceOverrides } = overrides;
  const invoice = { ...exampleInvoices(6)[5]!, ...invoiceOverrides };
  return buildInvoiceSummary({
    customer: exampleCustomer,
    invoice,
    asOf: exampleAsOf,
    timeZone: 'Europe/Berlin',
    locale,
    company: exampleCompany,
    payLink: 'https://pay.northwind.example/i/INV-2026-1005',
  });
}
