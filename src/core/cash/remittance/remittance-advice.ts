import type { DecimalSeparator } from '../../imports/parse-amount-cell.ts';

// A remittance advice as read from the payer's file (a CSV export of their payables system, or
// the text of a PDF advice): one line per invoice the payment pays, and the total the advice
// states. Money is integer minor units of the payment's currency.

/** Where a line was read: the CSV line (the header is line 1), or the page and line of a text. */
export interface AdvicePlace {
  line: number;
  /** 1-based; null for a CSV file. */
  page: number | null;
}

export interface AdviceLine {
  /** 1-based position among the advice's lines: what accepting some of them refers to. */
  number: number;
  at: AdvicePlace;
  /** The invoice as the payer wrote it ("INV-0104217", "104217", "Rechnung 1042"). */
  reference: string;
  /** What the payer pays on it; negative for a credit the payer takes against the payment (a credit note). */
  paidMinor: number;
  /** The invoice's amount as the payer lists it, when the advice says. */
  invoiceAmountMinor: number | null;
  /** A cash discount the payer took (never negative). */
  discountMinor: number;
  /** Another deduction the payer took (never negative). */
  deductionMinor: number;
  /** Why, as the payer wrote it ("Skonto 2 %", "damaged goods"); null when the advice says nothing. */
  reason: string | null;
  /** The line's currency when the advice names one; null otherwise (the payment's). */
  currency: string | null;
}

/** A line not read, or read with a doubt: where, which field (a heading of the file, or a field name), the value and why. */
export interface AdviceIssue {
  at: AdvicePlace;
  field: string;
  value: string;
  reason: string;
  outcome: 'skipped' | 'warning';
}

export interface RemittanceAdvice {
  format: 'csv' | 'text';
  lines: AdviceLine[];
  /** The total the advice states, when it has a total line. */
  statedTotal: { amountMinor: number; at: AdvicePlace } | null;
  /** Field → the heading it was read from (CSV, or the heading line of a text advice). */
  columns: Record<string, string>;
  decimalSeparator: DecimalSeparator;
  /** True when the file's amounts could not tell the separator, so the workspace's locale chose it. */
  decimalSeparatorUncertain: boolean;
  issues: AdviceIssue[];
}

/** A file that holds no advice at all (no invoice column, no line with an invoice and an amount): which field and why. */
export interface AdviceFailure {
  field: string;
  line: number | null;
  page: number | null;
  reason: string;
}

export type ReadAdviceResult = { ok: true; advice: RemittanceAdvice } | { ok: false; failure: AdviceFailure };

/** The most lines an advice may have: past that it is an export of something else. */
export const maxAdviceLines = 5000;

export function describePlace(at: AdvicePlace): string {
  return at.page === null ? `line ${at.line}` : `page ${at.page}, line ${at.line}`;
}

/** A remittance file as its reader gives it: a CSV file's headings and rows, or the text of a PDF (or a text file), page by page. */
export type RemittanceDocument =
  | { kind: 'csv'; headings: string[]; rows: { line: number; cells: string[] }[] }
  | { kind: 'text'; source: 'pdf' | 'text'; pages: string[][] };
