import type { EpochDay } from '../time/calendar-day.ts';
import type { Instant } from '../time/time-zone.ts';

// Cash-App Assist: one incoming payment, the open invoices it may pay, and the proposal the
// matcher makes. Money is integer minor units of `currency`; instants and days are passed in.

/** An open invoice the payment may pay, as the caller read it at the start of the batch. */
export interface OpenInvoice {
  id: string;
  /** The number as printed on the invoice ("INV-0104217"). */
  number: string;
  customerId: string;
  customerName: string;
  /** What is still open, in minor units; more than zero. */
  balanceMinor: number;
  currency: string;
  issuedOn: EpochDay | null;
  dueOn: EpochDay;
}

/** One line of a remittance advice: the invoice the payer says it pays and how much of it. */
export interface RemittanceLine {
  reference: string;
  amountMinor: number;
}

export interface IncomingPayment {
  id: string;
  amountMinor: number;
  currency: string;
  receivedAt: Instant;
  /** The customer, when the processor knows it (a Stripe customer, a virtual account); otherwise null. */
  customerId: string | null;
  /** The payer's name as the bank shows it ("ACME LOGISTICS GMBH"); '' when absent. */
  payerName: string;
  /** The free-text memo or remittance reference ("INV-1042, 1043 & 1047"); '' when absent. */
  memo: string;
  /** From a remittance file, when there is one. */
  remittance: readonly RemittanceLine[];
}

export interface Allocation {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  amountMinor: number;
}

/** The components confidence is built from; each reason carries its points (out of 100). */
export type MatchReasonCode =
  | 'remittance_reference'
  | 'reference_explicit'
  | 'reference_bare'
  | 'reference_typo'
  | 'amount_unique_for_customer'
  | 'amount_oldest_invoices'
  | 'amount_across_customers'
  | 'amount_exact'
  | 'amount_remittance'
  | 'amount_short'
  | 'amount_over'
  | 'customer_known'
  | 'customer_contradicts'
  | 'payer_name_exact'
  | 'payer_name_close'
  | 'payer_name_similar'
  | 'payer_name_unlike'
  | 'reference_unused'
  | 'nothing_found';

export interface MatchReason {
  code: MatchReasonCode;
  points: number;
  text: string;
}

/** Hard rules: a proposal with any of these is never auto-applied, whatever the threshold. */
export type MatchBlockerCode =
  | 'ambiguous'
  | 'currency_mismatch'
  | 'amount_only_across_customers'
  | 'customer_mismatch'
  | 'several_customers'
  | 'typo_without_amount'
  | 'short_pay_unconfirmed'
  | 'overpay_unconfirmed'
  | 'other_invoice_fits_amount'
  | 'reference_not_open'
  | 'remittance_mismatch'
  | 'no_allocation';

export interface MatchBlocker {
  code: MatchBlockerCode;
  text: string;
}

export interface ShortPay {
  /** How much less than the invoices' balances (or the remittance's lines) the payment covers. */
  shortMinor: number;
  /** The invoices left partly open. */
  invoiceIds: string[];
}

/** Another reading of the payment, for the person reviewing it. */
export interface MatchAlternative {
  invoiceIds: string[];
  confidence: number;
  /** With `describeAlternatives`: how this reading would split the payment, and why it scores what it does. */
  detail?: { allocations: Allocation[]; unappliedMinor: number; reasons: MatchReason[]; blockers: MatchBlocker[]; shortPay: ShortPay | null };
}

export interface MatchProposal {
  paymentId: string;
  currency: string;
  /** Never more than the payment in all, nor more than any invoice's open balance. */
  allocations: Allocation[];
  /** The part of the payment no allocation takes. */
  unappliedMinor: number;
  /** 0 to 1, in hundredths: the reasons' points, capped by the blockers. */
  confidence: number;
  reasons: MatchReason[];
  blockers: MatchBlocker[];
  shortPay: ShortPay | null;
  alternatives: MatchAlternative[];
}
