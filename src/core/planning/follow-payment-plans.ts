import type { Policy } from '../policy/policy-model.ts';
import type { Customer, Invoice, PortfolioEvent } from '../portfolio/portfolio.ts';
import { findSegment } from '../segments/match-segment.ts';
import { localDay, type Instant } from '../time/time-zone.ts';
import { creditPlan, payIntoPlan, reverseFromPlan, settlePlan, startPlan, type PlanOutcome, type PlanState } from './payment-plan.ts';

// The payment plans of one invoice as people see them (the invoice timeline, the payer portal):
// each plan with its status and each instalment's state, followed through the invoice's events
// with the engine's own rules (payment-plan.ts), so a screen says "missed" exactly when the
// engine opened its plan_broken task.

/** `active`: being kept; the others say how it ended. */
export const planStatuses = ['active', 'completed', 'broken', 'cancelled', 'replaced'] as const;
export type PlanStatus = (typeof planStatuses)[number];
/** `cancelled`: not paid, and no longer asked for because the plan ended (broken, cancelled or replaced) first. */
export const installmentStates = ['paid', 'due', 'missed', 'cancelled'] as const;
export type InstallmentState = (typeof installmentStates)[number];

export interface PlanRecord {
  at: Instant;
  status: PlanStatus;
  /** When the plan stopped holding the invoice; null while it is active. */
  endedAt: Instant | null;
  totalMinor: number;
  /** Payments since the plan less the reversals since it, until it ended. */
  paidMinor: number;
  installments: { onDay: number; amountMinor: number; checkAt: Instant; state: InstallmentState }[];
}

export interface FollowPaymentPlansInput {
  /** The live policy, for the promise grace of the segment governing the invoice when a plan is agreed; null: the default grace of one day. */
  policy: Policy | null;
  customer: Customer;
  invoice: Invoice;
  /** The customer's time zone (its own, else the workspace's). */
  timeZone: string;
  /** The invoice's events in the order the engine applies them. */
  events: readonly PortfolioEvent[];
  now: Instant;
}

interface OpenPlan {
  record: PlanRecord;
  state: PlanState;
}

const defaultGraceDays = 1;

/** Every plan agreed on the invoice up to `now`, oldest first. */
export function followPaymentPlans(input: FollowPaymentPlansInput): PlanRecord[] {
  const { invoice, timeZone, now } = input;
  const followed: OpenPlan[] = [];
  let open: OpenPlan | null = null;
  let balance = invoice.balanceMinor;
  const close = (status: Exclude<PlanStatus, 'active'>, at: Instant) => {
    open!.record.status = status;
    open!.record.endedAt = at;
    open!.record.paidMinor = open!.state.paidMinor;
    open = null;
  };
  const settle = (outcome: PlanOutcome) => {
    if (outcome.kind === 'broken') close('broken', outcome.at);
    else if (outcome.kind === 'completed') close('completed', outcome.at);
  };
  for (const event of input.events) {
    if (event.at > now || !('invoiceId' in event) || event.invoiceId !== invoice.id) continue;
    // The checks that fell before this event are settled first, as the engine's clock does.
    if (open) settle(settlePlan(open.state, balance, event.at - 1));
    switch (event.type) {
      case 'payment':
        balance -= event.amountMinor;
        if (open) settle(payIntoPlan(open.state, event.amountMinor, balance, event.at));
        break;
      case 'credit':
        balance -= event.amountMinor;
        if (open) settle(creditPlan(balance, event.at));
        break;
      case 'payment_reversed':
        balance += event.amountMinor;
        if (open) settle(reverseFromPlan(open.state, event.amountMinor, balance, event.at));
        break;
      case 'plan': {
        if (open) close('replaced', event.at);
        if (balance <= 0) break;
        const graceDays = graceDaysAt(input, balance, event.at);
        const state = startPlan({ at: event.at, installments: event.installments, timeZone, graceDays });
        const record: PlanRecord = { at: event.at, status: 'active', endedAt: null, totalMinor: state.installments.at(-1)!.cumulativeMinor, paidMinor: 0, installments: [] };
        open = { record, state };
        followed.push(open);
        break;
      }
      case 'plan_cancelled':
        if (open) close('cancelled', event.at);
        break;
      default:
        break;
    }
    if (open) open.record.paidMinor = open.state.paidMinor;
  }
  if (open) settle(settlePlan(open.state, balance, now));
  if (open) open.record.paidMinor = open.state.paidMinor;
  return followed.map(({ record, state }) => withStates(record, state));
}

function withStates(record: PlanRecord, state: PlanState): PlanRecord {
  const installments = state.installments.map((installment) => ({
    onDay: installment.onDay,
    amountMinor: installment.amountMinor,
    checkAt: installment.checkAt,
    state: installmentState(record, installment),
  }));
  return { ...record, installments };
}

function installmentState(record: PlanRecord, installment: { cumulativeMinor: number; checkAt: Instant }): InstallmentState {
  if (record.status === 'completed' || record.paidMinor >= installment.cumulativeMinor) return 'paid';
  if (record.status === 'active') return 'due';
  if (record.status === 'broken' && installment.checkAt <= record.endedAt!) return 'missed';
  return 'cancelled';
}

function graceDaysAt(input: FollowPaymentPlansInput, balanceMinor: number, at: Instant): number {
  const { policy, customer, invoice, timeZone } = input;
  if (!policy) return defaultGraceDays;
  const segment = findSegment(policy.segments, { customer, invoice, balanceMinor, daysPastDue: localDay(timeZone, at) - invoice.dueOn });
  return segment?.guardrails.promiseGraceDays ?? policy.workspace.guardrails.promiseGraceDays;
}
