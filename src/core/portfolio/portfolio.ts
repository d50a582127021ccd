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
  | { type: 'reply'; at: Instant; customerId: string }
  | { type: 'promise'; at: Instant; invoiceId: string; amountMinor: number; onDay: EpochDay }
  | { type: 'dispute'; at: Instant; invoiceId: string }
  | { type: 'dispute_resolved'; at: Instant; invoiceId: string }
  | { type: 'pause'; at: Instant; customerId: string | null; invoiceId: string | null; untilDay: EpochDay }
  | { type: 'maintenance'; at: Instant; from: Instant; to: Instant };

export type PortfolioEventType = PortfolioEvent['type'];

export interface Portfolio {
  customers: readonly Customer[];
  invoices: readonly Invoice[];
  /** Sorted by instant; events at one instant keep their order in the input. */
  events: readonly PortfolioEvent[];
}
