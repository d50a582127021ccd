import type { PlanInstallment } from '../portfolio/portfolio.ts';
import { localDay, startOfLocalDay, type Instant } from '../time/time-zone.ts';

// A payment plan as the engine follows it (docs/engine-behaviour.md, "Payment plans"): while it
// is kept the invoice waits; each instalment is checked at the end of its date plus the promise
// grace, in the customer's time zone; the plan is broken when the payments since it (less the
// reversals since it) are below what was due by then. The engine and the screens that show a
// plan's instalments (app/collections/list-payment-plans.ts) both go through these functions, so
// they cannot disagree on when an instalment was missed.

export interface ScheduledInstallment extends PlanInstallment {
  /** This instalment and every earlier one: what must have been paid by its check. */
  cumulativeMinor: number;
  /** The end of the local date (the later of `on` and the plan's own date) + grace days. */
  checkAt: Instant;
}

export interface PlanState {
  at: Instant;
  installments: readonly ScheduledInstallment[];
  /** Payments since the plan was agreed, less the reversals since then. */
  paidMinor: number;
  /** How many instalments' checks have passed with the plan kept. */
  checked: number;
}

export type PlanOutcome =
  /** The plan goes on: the invoice keeps waiting. */
  | { kind: 'held' }
  /** `installment`: the index of the first instalment no longer covered by the payments. */
  | { kind: 'broken'; at: Instant; installment: number }
  /** Every instalment's check passed kept, or nothing is owed any more. */
  | { kind: 'completed'; at: Instant };

const held: PlanOutcome = { kind: 'held' };

export function startPlan(input: { at: Instant; installments: readonly PlanInstallment[]; timeZone: string; graceDays: number }): PlanState {
  const { at, timeZone, graceDays } = input;
  // An instalment dated before the plan was agreed (an approval that came late) is due on the
  // plan's own date, with the same grace, rather than missed the moment the plan exists.
  const agreedOn = localDay(timeZone, at);
  let cumulativeMinor = 0;
  const installments = input.installments.map((installment) => {
    cumulativeMinor += installment.amountMinor;
    // The end of local date d is the start of d + 1, whatever its length (DST, skipped days).
    const checkAt = startOfLocalDay(timeZone, Math.max(installment.onDay, agreedOn) + graceDays + 1);
    return { ...installment, cumulativeMinor, checkAt };
  });
  return { at, installments, paidMinor: 0, checked: 0 };
}

/** The instant of the next instalment's check. */
export function nextPlanCheck(plan: PlanState): Instant {
  return plan.installments[plan.checked]?.checkAt ?? Number.POSITIVE_INFINITY;
}

/** The checks due at or before `at`, in order: the first one short of its cumulative amount breaks the plan. */
export function settlePlan(plan: PlanState, balanceMinor: number, at: Instant): PlanOutcome {
  if (balanceMinor <= 0) return { kind: 'completed', at };
  while (plan.checked < plan.installments.length) {
    const installment = plan.installments[plan.checked]!;
    if (installment.checkAt > at) return held;
    if (plan.paidMinor < installment.cumulativeMinor) return { kind: 'broken', at: installment.checkAt, installment: plan.checked };
    plan.checked += 1;
  }
  return { kind: 'completed', at: plan.installments.at(-1)?.checkAt ?? at };
}

/** A payment since the plan: it counts towards the instalments; paying everything owed ends the plan. */
export function payIntoPlan(plan: PlanState, amountMinor: number, balanceMinor: number, at: Instant): PlanOutcome {
  plan.paidMinor += amountMinor;
  return balanceMinor <= 0 ? { kind: 'completed', at } : held;
}

/** A credit lowers what is owed but pays no instalment; crediting everything owed ends the plan. */
export function creditPlan(balanceMinor: number, at: Instant): PlanOutcome {
  return balanceMinor <= 0 ? { kind: 'completed', at } : held;
}

/**
 * A refund or chargeback since the plan takes its money off the instalments: when an instalment
 * whose check already passed is no longer covered, the plan is broken at once. One still ahead
 * waits for its own check.
 */
export function reverseFromPlan(plan: PlanState, amountMinor: number, balanceMinor: number, at: Instant): PlanOutcome {
  plan.paidMinor -= amountMinor;
  if (balanceMinor <= 0) return { kind: 'completed', at };
  const uncovered = plan.installments.findIndex((installment, index) => index < plan.checked && plan.paidMinor < installment.cumulativeMinor);
  return uncovered === -1 ? held : { kind: 'broken', at, installment: uncovered };
}
