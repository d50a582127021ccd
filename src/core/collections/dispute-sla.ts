import { publicHolidays } from '../time/holiday-calendar.ts';
import { calendarYear, isoWeekday } from '../time/calendar-day.ts';
import { localDay, startOfLocalDay, type Instant } from '../time/time-zone.ts';

// Disputes: why an invoice is contested, what the customer or the team must bring, and the time
// to answer. A dispute is Open until its answer is due in one business day, then At Risk, then
// Late once the due instant passes; escalated to Legal, it gets two business days from then.
// Business days are Monday to Friday outside the workspace's holiday calendar, in its time zone.

export const disputeReasons = {
  pricing: { label: 'Pricing or discount not as agreed', documents: ['contract or price list', 'the order confirmation'] },
  quantity: { label: 'Quantity short or over-billed', documents: ['delivery note', 'goods received note'] },
  quality: { label: 'Damaged or faulty goods or service', documents: ['photos or an inspection report'] },
  not_received: { label: 'Goods or service not received', documents: ['proof of delivery'] },
  duplicate: { label: 'Billed twice', documents: ['the other invoice or the payment made'] },
  terms: { label: 'Payment terms or due date disputed', documents: ['the contract or agreed terms'] },
  other: { label: 'Other', documents: [] },
} as const;

export type DisputeReason = keyof typeof disputeReasons;
export const disputeReasonCodes = Object.keys(disputeReasons) as DisputeReason[];

export const disputeResolutions = ['corrected', 'credited', 'upheld', 'paid', 'withdrawn'] as const;
export type DisputeResolution = (typeof disputeResolutions)[number];

export type DisputeSlaState = 'open' | 'at_risk' | 'late' | 'resolved';

export const disputeAnswerDays = 5;
export const legalAnswerDays = 2;

function isBusinessDay(day: number, holidays: string | null): boolean {
  if (isoWeekday(day) > 5) return false;
  return holidays === null || !publicHolidays(holidays, calendarYear(day)).has(day);
}

/** The instant `days` business days after `from`: the start of the local day after the last of them. */
export function addBusinessDays(timeZone: string, holidays: string | null, from: Instant, days: number): Instant {
  let day = localDay(timeZone, from);
  let left = days;
  while (left > 0) {
    day += 1;
    if (isBusinessDay(day, holidays)) left -= 1;
  }
  return startOfLocalDay(timeZone, day + 1);
}

export function disputeSlaState(dispute: { dueAt: Instant; atRiskAt: Instant; resolvedAt: Instant | null }, now: Instant): DisputeSlaState {
  if (dispute.resolvedAt !== null) return 'resolved';
  if (now >= dispute.dueAt) return 'late';
  if (now >= dispute.atRiskAt) return 'at_risk';
  return 'open';
}

/** Due `days` business days on; at risk from one business day before. */
export function disputeDeadlines(timeZone: string, holidays: string | null, from: Instant, days: number): { dueAt: Instant; atRiskAt: Instant } {
  return { dueAt: addBusinessDays(timeZone, holidays, from, days), atRiskAt: addBusinessDays(timeZone, holidays, from, days - 1) };
}
