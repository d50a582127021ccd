import type { Invoice } from '../portfolio/portfolio.ts';
import type { EpochDay } from '../time/calendar-day.ts';
import type { Instant } from '../time/time-zone.ts';
import type { AgingBucketId } from './aging-bucket.ts';

// The documents a customer receives as attachments: a statement of every open invoice and a
// one-invoice summary. These are the models; adapters/pdf draws them. The input shapes are
// structural subsets of portfolio's Customer and Invoice, so those can be passed as they are.

export interface StatementCustomer {
  id: string;
  name: string;
  /** Postal address, one line per entry. */
  address?: readonly string[] | null;
}

/** An invoice as documents show it: the portfolio's invoice, with the balance at the document's date. */
export type StatementInvoice = Pick<Invoice, 'id' | 'number' | 'issuedOn' | 'dueOn' | 'amountMinor' | 'balanceMinor' | 'currency'>;

/** The sender, as shown in the document's letterhead. */
export interface StatementCompany {
  name: string;
  address?: readonly string[] | null;
  /** Brand colour as '#rrggbb' (or '#rgb'). */
  color: string;
}

/** One open invoice as the statement shows it. */
export interface StatementLine {
  invoiceId: string;
  number: string;
  issuedOn: EpochDay | null;
  dueOn: EpochDay;
  amountMinor: number;
  balanceMinor: number;
  currency: string;
  /** Whole days past the due date at the statement date; 0 when not yet due or due that day. */
  daysOverdue: number;
  bucket: AgingBucketId;
}

/** Aging and total of one currency: amounts of different currencies are never added. */
export interface CurrencyBalance {
  currency: string;
  /** Balance per aging bucket, minor units. */
  buckets: Record<AgingBucketId, number>;
  totalMinor: number;
  invoiceCount: number;
}

export interface Statement {
  customer: StatementCustomer;
  company: StatementCompany;
  asOf: Instant;
  /** The customer's local date of `asOf`: the date the statement is "as of". */
  statementOn: EpochDay;
  timeZone: string;
  locale: string;
  /** Open invoices (balance > 0), by due date, then issue date, then number. */
  lines: StatementLine[];
  /** One entry per currency of the open invoices, by currency code. */
  balances: CurrencyBalance[];
  payLink: string | null;
  statementLink: string | null;
}

export type InvoiceStatus = 'paid' | 'open' | 'overdue';

export interface InvoiceSummary {
  customer: StatementCustomer;
  company: StatementCompany;
  invoice: StatementInvoice;
  asOf: Instant;
  statementOn: EpochDay;
  timeZone: string;
  locale: string;
  /** amountMinor − balanceMinor: payments and credits applied so far. */
  paidMinor: number;
  status: InvoiceStatus;
  daysOverdue: number;
  bucket: AgingBucketId;
  payLink: string | null;
}
