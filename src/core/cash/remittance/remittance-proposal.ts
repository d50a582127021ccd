import type { AdviceLine } from './remittance-advice.ts';

// What Cash-App Assist proposes for a remittance advice: each line resolved to an open invoice
// (or not, and why), the amount to apply, a confidence, the problems a reviewer must see, and
// the advice's totals against the payment.

export const lineProblemCodes = [
  /** No invoice of the organisation has this number, nor one a typo away that the amount or customer confirms. */
  'unknown_invoice',
  /** The invoice exists but nothing is open on it: paid already, or closed in the ERP. */
  'already_paid',
  /** The line pays more than the invoice has open: the rest stays unapplied. */
  'above_open_balance',
  /** The line, or the invoice it names, is in another currency than the payment. */
  'currency_mismatch',
  /** Several open invoices fit the reference equally. */
  'ambiguous',
  /** The invoice belongs to another customer than the payment (or the advice's other lines). */
  'other_customer',
  /** Read with a typo corrected, and neither the amount nor the customer confirms it. */
  'unconfirmed_typo',
  /** A credit the payer takes against the payment (a credit note, a negative line): not applied to an invoice. */
  'credit_line',
  /** The line pays nothing (an invoice the payer offsets in full). */
  'nothing_paid',
  /** An earlier line of the advice already pays this invoice in full. */
  'repeated_invoice',
  /** The lines before this one take what the payment has unapplied: it gets less, or nothing. */
  'exceeds_payment',
] as const;
export type LineProblemCode = (typeof lineProblemCodes)[number];

/** Problems that leave a line with nothing to apply, whatever the reviewer selects. */
export const blockingLineProblems: ReadonlySet<LineProblemCode> = new Set(['unknown_invoice', 'already_paid', 'currency_mismatch', 'ambiguous', 'credit_line', 'nothing_paid', 'repeated_invoice']);

export interface LineProblem {
  code: LineProblemCode;
  text: string;
}

export interface ProposedInvoice {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  /** Open when the proposal was made, less what earlier lines of the advice take. */
  openMinor: number;
  currency: string;
}

export type LineMatch = 'exact' | 'normalised' | 'typo';

export interface ProposedLine extends AdviceLine {
  invoice: ProposedInvoice | null;
  /** How the reference was found: as written, by its key (prefix, zeros, separators), or with a typo corrected. */
  match: LineMatch | null;
  /** 0 to 1, in hundredths. */
  confidence: number;
  reasons: string[];
  /** What accepting the line applies to its invoice: the amount paid, at most what is open (and what the payment has left). */
  proposedMinor: number;
  /** Proposed for acceptance: an invoice, nothing blocking, nothing for a person to decide first. */
  selected: boolean;
  problems: LineProblem[];
  /** Other invoices the reference could mean (ambiguous, or an unconfirmed typo). */
  candidates: { invoiceId: string; number: string }[];
}

export const adviceProblemCodes = ['total_mismatch', 'payment_mismatch', 'nothing_to_apply'] as const;
export type AdviceProblemCode = (typeof adviceProblemCodes)[number];

export interface RemittanceProposal {
  paymentId: string;
  currency: string;
  lines: ProposedLine[];
  /** The lines' paid amounts added up (credits subtracted). */
  linesTotalMinor: number;
  statedTotalMinor: number | null;
  /** The selected lines' proposed amounts added up: never more than `unappliedMinor`. */
  proposedMinor: number;
  /** What the payment had unapplied when the proposal was made. */
  unappliedMinor: number;
  problems: { code: AdviceProblemCode; text: string }[];
}
