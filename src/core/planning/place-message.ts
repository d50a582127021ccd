import { isoWeekday, type EpochDay } from '../time/calendar-day.ts';
import { isPublicHoliday } from '../time/holiday-calendar.ts';
import { fromLocal, fromLocalAtOrAfter, toLocal, type Instant } from '../time/time-zone.ts';
import { calendarYear } from '../time/calendar-day.ts';
import type { Guardrails } from '../policy/policy-model.ts';

// Guardrail rules 1-3 of spec section 4: allowed days, holidays, quiet hours. Each move may
// break an earlier rule (a quiet-hours move past midnight lands on a Saturday), so every rule
// is checked again after any move.

export type MoveReason = 'weekend' | 'day_off' | 'holiday' | 'quiet_hours' | 'daily_cap' | 'segment_cap' | 'warmup' | 'catch_up';

export interface Placement {
  at: Instant;
  moves: MoveReason[];
}

const msPerMinute = 60_000;

export function sendAtOn(guardrails: Guardrails, timeZone: string, day: EpochDay): Instant {
  return fromLocal(timeZone, day, guardrails.sendAtMinute * msPerMinute);
}

function isQuiet(guardrails: Guardrails, msOfDay: number): boolean {
  const quiet = guardrails.quietHours;
  if (!quiet) return false;
  const from = quiet.fromMinute * msPerMinute;
  const to = quiet.toMinute * msPerMinute;
  return from < to ? msOfDay >= from && msOfDay < to : msOfDay >= from || msOfDay < to;
}

function addMove(moves: MoveReason[], reason: MoveReason): void {
  if (!moves.includes(reason)) moves.push(reason);
}

/** The first instant at or after `from` that passes rules 1-3 for a customer in `timeZone`. */
export function placeMessage(guardrails: Guardrails, timeZone: string, from: Instant): Placement {
  let at = from;
  const moves: MoveReason[] = [];
  // The moves settle within a few rounds unless they go round in a circle (a sendAt inside
  // quiet hours that span midnight, with no two sending days in a row): then search directly.
  for (let round = 0; round < 40; round += 1) {
    const local = toLocal(timeZone, at);
    const weekday = isoWeekday(local.day);
    if (!guardrails.days.has(weekday)) {
      addMove(moves, weekday >= 6 ? 'weekend' : 'day_off');
      let day = local.day + 1;
      while (!guardrails.days.has(isoWeekday(day))) day += 1;
      at = sendAtOn(guardrails, timeZone, day);
      continue;
    }
    if (guardrails.holidays && isPublicHoliday(guardrails.holidays, local.day, calendarYear(local.day))) {
      addMove(moves, 'holiday');
      at = sendAtOn(guardrails, timeZone, local.day + 1);
      continue;
    }
    if (isQuiet(guardrails, local.msOfDay)) {
      addMove(moves, 'quiet_hours');
      const quiet = guardrails.quietHours!;
      const toMs = quiet.toMinute * msPerMinute;
      const day = local.msOfDay >= toMs ? local.day + 1 : local.day;
      // In a repeated hour the earlier reading of `to` may have passed: take the later one.
      const next = fromLocalAtOrAfter(timeZone, day, toMs, at);
      at = next !== null && next > at ? next : at + msPerMinute;
      continue;
    }
    return { at, moves };
  }
  return { at: findFirstAllowed(guardrails, timeZone, from), moves };
}

/** The first instant at or after `from` on an allowed day, outside holidays and quiet hours. */
function findFirstAllowed(guardrails: Guardrails, timeZone: string, from: Instant): Instant {
  const first = toLocal(timeZone, from);
  for (let day = first.day; day < first.day + 800; day += 1) {
    if (!guardrails.days.has(isoWeekday(day))) continue;
    if (guardrails.holidays && isPublicHoliday(guardrails.holidays, day, calendarYear(day))) continue;
    const earliest = day === first.day ? first.msOfDay : 0;
    const quiet = guardrails.quietHours;
    if (!quiet) return day === first.day ? from : fromLocal(timeZone, day, 0);
    const quietFrom = quiet.fromMinute * msPerMinute;
    const quietTo = quiet.toMinute * msPerMinute;
    // The open part of the day: [to, from) when quiet hours span midnight, else [0, from) and [to, 24h).
    const openings = quietFrom > quietTo ? [[quietTo, quietFrom]] : [[0, quietFrom], [quietTo, 86_400_000]];
    for (const [start, end] of openings) {
      const candidate = Math.max(start!, earliest);
      if (candidate >= end!) continue;
      if (candidate === first.msOfDay && day === first.day) return from;
      const instant = fromLocalAtOrAfter(timeZone, day, candidate, from);
      if (instant !== null) return instant;
    }
  }
  throw new Error('guardrails allow no sending time within two years');
}
