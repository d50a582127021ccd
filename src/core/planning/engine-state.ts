import type { Guardrails, Policy, Segment } from '../policy/policy-model.ts';
import type { CatchUpMode } from '../policy/policy-schema.ts';
import type { Customer, Invoice } from '../portfolio/portfolio.ts';
import type { EpochDay } from '../time/calendar-day.ts';
import type { Instant } from '../time/time-zone.ts';
import type { PlanState } from './payment-plan.ts';
import type { MoveReason } from './place-message.ts';

// The engine's memory of each customer and invoice, changed only by events, by the passing of
// time and by the actions it records. Everything the planner needs is here, so a plan is a
// function of this state and the instant.

export interface PromiseState {
  at: Instant;
  amountMinor: number;
  /** The date the customer promised to pay by. */
  onDay: EpochDay;
  paidMinor: number;
  /** The end of the local date `on + promiseGraceDays`. */
  deadline: Instant;
}

export interface Epoch {
  /** The cadence the invoice follows in this stretch of eligibility. */
  cadence: string;
  /** The instant the invoice became eligible for it (`e` in spec section 3.3). */
  from: Instant;
  /** The catch-up mode in force when the stretch began. */
  mode: CatchUpMode;
  /** Late steps (planned at or before `from`) to send, in cadence order. */
  lateToSend: string[];
  /** Late steps that will not go out, with the reason (superseded, late). */
  skips: { stepIds: string[]; reason: string }[];
  /** Sequential catch-up: the local day the last late step went out. */
  lastLateDay: EpochDay | null;
}

export interface InvoiceState {
  invoice: Invoice;
  customer: CustomerState;
  balanceMinor: number;
  knownFrom: Instant;
  disputed: boolean;
  promise: PromiseState | null;
  /** The payment plan being kept, if any: the invoice waits while it is. */
  plan: PlanState | null;
  /** Pauses of this invoice: each holds from its event until the local start of its `until` date. */
  pauses: PauseWindow[];
  stopped: boolean;
  /** Instants of the customer's responses about this invoice (reply, promise, plan, dispute, payment). */
  responses: Instant[];
  epoch: Epoch | null;
  /** Steps and escalations that went out or were skipped, keyed `cadence/step`. */
  done: Set<string>;
  /** Cap moves (spec 4, rule 5) made when a message was due: not before this instant. */
  notBefore: Map<string, { at: Instant; reason: MoveReason }>;
}

export interface CustomerState {
  customer: Customer;
  timeZone: string;
  invoices: InvoiceState[];
  /** Pauses of the customer, as for an invoice. */
  pauses: PauseWindow[];
  /** The local date of the customer's latest reply. */
  replyDay: EpochDay | null;
  replyAt: Instant | null;
  /** Messages (sends and drafts) per local date; a consolidated message counts once. */
  sentByDay: Map<EpochDay, number>;
  emails: string[];
}

export interface PauseWindow {
  from: Instant;
  until: Instant;
}

export interface MaintenanceWindow {
  from: Instant;
  to: Instant;
}

export interface EngineContext {
  policy: Policy;
  /** Known maintenance windows. */
  maintenance: MaintenanceWindow[];
  /** The days-past-due values where a segment match may change. */
  breakpoints: readonly number[];
}

export function stepKey(cadence: string, step: string): string {
  return `${cadence}/${step}`;
}

export function createCustomerState(customer: Customer, policy: Policy): CustomerState {
  return {
    customer,
    timeZone: customer.timeZone ?? policy.workspace.timeZone,
    invoices: [],
    pauses: [],
    replyDay: null,
    replyAt: null,
    sentByDay: new Map(),
    emails: customer.contacts.flatMap((contact) => (contact.email ? [contact.email] : [])),
  };
}

export function createInvoiceState(invoice: Invoice, customer: CustomerState, start: Instant): InvoiceState {
  return {
    invoice,
    customer,
    balanceMinor: invoice.balanceMinor,
    knownFrom: Math.max(invoice.knownAt ?? start, start),
    disputed: false,
    promise: null,
    plan: null,
    pauses: [],
    stopped: false,
    responses: [],
    epoch: null,
    done: new Set(),
    notBefore: new Map(),
  };
}

export interface SegmentedGuardrails {
  segment: Segment;
  guardrails: Guardrails;
}

export function createEngineContext(policy: Policy, breakpoints: readonly number[]): EngineContext {
  return { policy, maintenance: [], breakpoints };
}
