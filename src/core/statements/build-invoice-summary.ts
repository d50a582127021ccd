import { localDay, type Instant } from '../time/time-zone.ts';
import { agingBucketOf } from './aging-bucket.ts';
import { daysOverdueOn } from './build-statement.ts';
import type { InvoiceStatus, InvoiceSummary, StatementCompany, StatementCustomer, StatementInvoice } from './statement.ts';

export interface BuildInvoiceSummaryInput {
  customer: StatementCustomer;
  invoice: StatementInvoice;
  asOf: Instant;
  /** The customer's IANA zone: the summary's date and days overdue are counted in it. */
  timeZone: string;
  locale: string;
  company: StatementCompany;
  payLink?: string | null;
}

/** One invoice at `asOf`: what was billed, what was paid, what is left and how late it is. */
export function buildInvoiceSummary(input: BuildInvoiceSummaryInput): InvoiceSummary {
  const { invoice } = input;
  const statementOn = localDay(input.timeZone, input.asOf);
  const open = invoice.balanceMinor > 0;
  // A paid invoice is not overdue, however late it was paid.
  const daysOverdue = open ? daysOverdueOn(invoice.dueOn, statementOn) : 0;
  const status: InvoiceStatus = !open ? 'paid' : daysOverdue > 0 ? 'overdue' : 'open';
  return {
    customer: input.customer,
    company: input.company,
    invoice,
    asOf: input.asOf,
    statementOn,
    timeZone: input.timeZone,
    locale: input.locale,
    paidMinor: invoice.amountMinor - invoice.balanceMinor,
    status,
    daysOverdue,
    bucket: agingBucketOf(daysOverdue),
    payLink: input.payLink ?? null,
  };
}
