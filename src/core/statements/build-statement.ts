import type { EpochDay } from '../time/calendar-day.ts';
import { localDay, type Instant } from '../time/time-zone.ts';
import { agingBucketOf, emptyAgingBalances } from './aging-bucket.ts';
import type { CurrencyBalance, Statement, StatementCompany, StatementCustomer, StatementInvoice, StatementLine } from './statement.ts';

export interface BuildStatementInput {
  customer: StatementCustomer;
  /** The customer's invoices; paid ones (balance ≤ 0) are left out. */
  invoices: readonly StatementInvoice[];
  asOf: Instant;
  /** The customer's IANA zone: the statement date and days overdue are counted in it. */
  timeZone: string;
  locale: string;
  company: StatementCompany;
  payLink?: string | null;
  statementLink?: string | null;
}

/** Whole calendar days from the due date to `onDay`, never below zero. */
export function daysOverdueOn(dueOn: EpochDay, onDay: EpochDay): number {
  return Math.max(0, onDay - dueOn);
}

function compareText(left: string, right: string): number {
  // Code-point order, not localeCompare: the same input gives the same document everywhere.
  return left < right ? -1 : left > right ? 1 : 0;
}

function compareLines(left: StatementLine, right: StatementLine): number {
  return (
    left.dueOn - right.dueOn ||
    (left.issuedOn ?? left.dueOn) - (right.issuedOn ?? right.dueOn) ||
    compareText(left.number, right.number) ||
    compareText(left.invoiceId, right.invoiceId)
  );
}

function toLine(invoice: StatementInvoice, statementOn: EpochDay): StatementLine {
  const daysOverdue = daysOverdueOn(invoice.dueOn, statementOn);
  return {
    invoiceId: invoice.id,
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    amountMinor: invoice.amountMinor,
    balanceMinor: invoice.balanceMinor,
    currency: invoice.currency,
    daysOverdue,
    bucket: agingBucketOf(daysOverdue),
  };
}

function balancesByCurrency(lines: readonly StatementLine[]): CurrencyBalance[] {
  const byCurrency = new Map<string, CurrencyBalance>();
  for (const line of lines) {
    let balance = byCurrency.get(line.currency);
    if (!balance) {
      balance = { currency: line.currency, buckets: emptyAgingBalances(), totalMinor: 0, invoiceCount: 0 };
      byCurrency.set(line.currency, balance);
    }
    balance.buckets[line.bucket] += line.balanceMinor;
    balance.totalMinor += line.balanceMinor;
    balance.invoiceCount += 1;
  }
  return [...byCurrency.values()].sort((left, right) => compareText(left.currency, right.currency));
}

/**
 * The statement of a customer's account at `asOf`: every open invoice with its days overdue at
 * the customer's local date, and per currency the balance in each aging bucket and in total.
 */
export function buildStatement(input: BuildStatementInput): Statement {
  const statementOn = localDay(input.timeZone, input.asOf);
  const lines = input.invoices
    .filter((invoice) => invoice.balanceMinor > 0)
    .map((invoice) => toLine(invoice, statementOn))
    .sort(compareLines);
  return {
    customer: input.customer,
    company: input.company,
    asOf: input.asOf,
    statementOn,
    timeZone: input.timeZone,
    locale: input.locale,
    lines,
    balances: balancesByCurrency(lines),
    payLink: input.payLink ?? null,
    statementLink: input.statementLink ?? null,
  };
}
