import { currencyDigits, parseAmount } from '../money/money.ts';
import { findSegment } from '../segments/match-segment.ts';
import { localDay, startOfLocalDay, type Instant } from '../time/time-zone.ts';
import type { EngineContext, InvoiceState, SegmentedGuardrails } from './engine-state.ts';
import { nextPlanCheck } from './payment-plan.ts';

// Spec section 3.1: when an invoice may receive automated steps, and until when it may not.

export type Eligibility =
  | { eligible: true }
  /** `until`: when time alone may end the block (null: only an event can). `final`: time never ends it (a stop; a balance, which only a reversal raises again). */
  | { eligible: false; final: boolean; until: Instant | null };

export function daysPastDue(invoice: InvoiceState, at: Instant): number {
  return localDay(invoice.customer.timeZone, at) - invoice.invoice.dueOn;
}

export function governingSegment(invoice: InvoiceState, at: Instant, context: EngineContext): SegmentedGuardrails | null {
  const segment = findSegment(context.policy.segments, {
    customer: invoice.customer.customer,
    invoice: invoice.invoice,
    balanceMinor: invoice.balanceMinor,
    daysPastDue: daysPastDue(invoice, at),
  });
  return segment ? { segment, guardrails: segment.guardrails } : null;
}

/** The next instant after `at` where the governing segment may change by the calendar alone. */
export function nextSegmentChange(invoice: InvoiceState, at: Instant, context: EngineContext): Instant {
  const current = daysPastDue(invoice, at);
  for (const point of context.breakpoints) {
    if (point > current) return startOfLocalDay(invoice.customer.timeZone, invoice.invoice.dueOn + point);
  }
  return Number.POSITIVE_INFINITY;
}

const minBalanceCache = new Map<string, number>();

function minBalanceMinor(minBalance: string, currency: string): number {
  const key = `${minBalance}|${currency}`;
  let value = minBalanceCache.get(key);
  if (value === undefined) {
    const parsed = parseAmount(minBalance, currency);
    // A bound finer than the currency allows (0.5 JPY) rounds up to the next whole minor unit.
    value = parsed.ok ? parsed.minor : Math.ceil(Number(minBalance) * 10 ** currencyDigits(currency));
    minBalanceCache.set(key, value);
  }
  return value;
}

export function inMaintenance(context: EngineContext, at: Instant): Instant | null {
  let until: Instant | null = null;
  for (const window of context.maintenance) {
    if (window.from <= at && at < window.to) until = Math.max(until ?? 0, window.to);
  }
  return until;
}

export function evaluateEligibility(
  invoice: InvoiceState,
  at: Instant,
  governed: SegmentedGuardrails | null,
  context: EngineContext,
): Eligibility {
  if (invoice.stopped) return { eligible: false, final: true, until: null };
  if (invoice.balanceMinor <= 0) return { eligible: false, final: true, until: null };
  if (at < invoice.knownFrom) return { eligible: false, final: false, until: invoice.knownFrom };
  if (!governed) return { eligible: false, final: false, until: null };
  const guardrails = governed.guardrails;
  if (invoice.balanceMinor < minBalanceMinor(guardrails.minBalance, invoice.invoice.currency)) {
    return { eligible: false, final: false, until: null };
  }
  const blocks: (Instant | null)[] = [];
  if (invoice.disputed) blocks.push(null);
  if (invoice.promise && at < invoice.promise.deadline) blocks.push(invoice.promise.deadline);
  // A kept plan holds the invoice; its next instalment's check is when time may end that.
  if (invoice.plan) blocks.push(nextPlanCheck(invoice.plan));
  const customer = invoice.customer;
  for (const pause of customer.pauses) if (pause.from <= at && at < pause.until) blocks.push(pause.until);
  for (const pause of invoice.pauses) if (pause.from <= at && at < pause.until) blocks.push(pause.until);
  if (customer.replyDay !== null && customer.replyAt! <= at) {
    const replyPauseEnd = startOfLocalDay(customer.timeZone, customer.replyDay + guardrails.replyPauseDays);
    if (at < replyPauseEnd) blocks.push(replyPauseEnd);
  }
  const maintenanceEnd = inMaintenance(context, at);
  if (maintenanceEnd !== null) blocks.push(maintenanceEnd);
  if (blocks.length === 0) return { eligible: true };
  // Time ends the block only when every blocker has an end; wake at the latest of them.
  const until = blocks.includes(null) ? null : Math.max(...(blocks as Instant[]));
  return { eligible: false, final: false, until };
}
