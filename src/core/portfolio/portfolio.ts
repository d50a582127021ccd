import type { EpochDay } from '../time/calendar-day.ts';
import type { Instant } from '../time/time-zone.ts';

// What the engine plans over: customers, their invoices and what happened to them.

export interface Contact {
  name: string | null;
  email: string | null;
}

export interface Customer {
  id: string;
  name: string;
  /** null: the workspace's time zone applies. */
  timeZone: string | null;
  locale: string | null;
  tags: readonly string[];
  region: string | null;
  industry: string | null;
  score: number | null;
  tier: string | null;
  contacts: readonly Contact[];
}

export interface Invoice {
  id: string;
  customerId: string;
  number: string;
  issuedOn: EpochDay | null;
  dueOn: EpochDay;
  amountMinor: number;
  balanceMinor: number;
  currency: string;
  /** null: known from the start of the run. */
  knownAt: Instant | null;
}

export type PortfolioEvent =
  | { type: 'payment'; at: Instant; invoiceId: string; amountMinor: number }
  /** A credit note or an approved discount: lowers the balance, but is not the customer responding. */
  | { type: 'credit'; at: Instant; invoiceId: string; amountMinor: number }
  /** Money that had paid the invoice went back to the payer (a refund) or was taken back by the payer's bank (a chargeback): raises the balance again. */
  | { type: 'payment_reversed'; at: Instant; invoiceId: string; amountMinor: number; reason: ReversalReason }
  | { type: 'reply'; at: Instant; customerId: string }
  | { type: 'promise'; at: Instant; invoiceId: string; amountMinor: number; onDay: EpochDay }
  /** A payment plan agreed on the invoice: instalments in date order (docs/engine-behaviour.md, "Payment plans"). Replaces an earlier plan. */
  | { type: 'plan'; at: Instant; invoiceId: string; installments: readonly PlanInstallment[] }
  /** The invoice's plan is called off: neither kept nor broken; the cadence resumes. */
  | { type: 'plan_cancelled'; at: Instant; invoiceId: string }
  | { type: 'dispute'; at: Instant; invoiceId: string }
  | { type: 'dispute_resolved'; at: Instant; invoiceId: string }
  | { type: 'pause'; at: Instant; customerId: string | null; invoiceId: string | null; untilDay: EpochDay }
  | { type: 'maintenance'; at: Instant; from: Instant; to: Instant };

/** One instalment of a payment plan: an amount due by a date in the customer's time zone. */
export interface PlanInstallment {
  onDay: EpochDay;
  amountMinor: number;
}

/** The most instalments one plan may have (five years of monthly payments). */
export const maxPlanInstallments = 60;

/** Why money that had paid an invoice went back. */
export const reversalReasons = ['refund', 'chargeback'] as const;
export type ReversalReason = (typeof reversalReasons)[number];

export type PortfolioEventType = PortfolioEvent['type'];

export interface Portfolio {
  customers: readonly Customer[];
  invoices: readonly Invoice[];
  /** Sorted by instant; events at one instant keep their order in the input. */
  events: readonly PortfolioEvent[];
}
