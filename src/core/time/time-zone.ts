import type { EpochDay } from './calendar-day.ts';

// Time-zone arithmetic on epoch milliseconds, built on the platform's Intl database.
// Offsets are cached as a list of transitions per zone and year, so the engine can convert
// millions of instants without calling Intl each time.

const msPerMinute = 60_000;
const msPerDay = 86_400_000;

export type Instant = number;

export interface LocalDateTime {
  day: EpochDay;
  /** Milliseconds after local midnight. */
  msOfDay: number;
}

interface ZoneTable {
  /** The instants covered: [coveredFrom, coveredTo). */
  coveredFrom: number;
  coveredTo: number;
  /** Instants at which the offset changes, ascending. */
  transitions: number[];
  /** offsets[i] holds before transitions[i] (and after transitions[i-1]); offsets has one more entry. */
  offsets: number[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const zoneTables = new Map<string, ZoneTable>();

const timeZoneVerdicts = new Map<string, boolean>();

/** An IANA zone name the platform knows. Offsets such as "+01:00" are refused: newer runtimes accept them, the spec does not. */
export function isValidTimeZone(timeZone: string): boolean {
  let known = timeZoneVerdicts.get(timeZone);
  if (known === undefined) {
    known = /[A-Za-z]/.test(timeZone);
    if (known) {
      try {
        getFormatter(timeZone);
      } catch {
        known = false;
      }
    }
    timeZoneVerdicts.set(timeZone, known);
  }
  return known;
}

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at `instant`, in milliseconds, read from Intl (slow path). */
function readOffset(timeZone: string, instant: Instant): number {
  const parts = getFormatter(timeZone).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  const truncated = instant - (((instant % 1000) + 1000) % 1000);
  return wall - truncated;
}

/** Offsets and transitions of [from, to): sampled every 6 hours (no zone changes twice within that), each change bisected to the minute. */
function scanTransitions(timeZone: string, from: number, to: number): { transitions: number[]; offsets: number[] } {
  const step = 6 * 3_600_000;
  const transitions: number[] = [];
  const offsets: number[] = [readOffset(timeZone, from)];
  let previousAt = from;
  let previousOffset = offsets[0]!;
  for (let at = Math.min(from + step, to); ; at = Math.min(at + step, to)) {
    const offset = readOffset(timeZone, at);
    if (offset !== previousOffset) {
      let low = previousAt;
      let high = at;
      while (high - low > msPerMinute) {
        const middle = low + Math.max(1, Math.floor((high - low) / 2 / msPerMinute)) * msPerMinute;
        if (readOffset(timeZone, middle) === previousOffset) low = middle;
        else high = middle;
      }
      transitions.push(high);
      offsets.push(offset);
      previousOffset = offset;
    }
    previousAt = at;
    if (at >= to) break;
  }
  return { transitions, offsets };
}

function yearStart(year: number): number {
  return Date.UTC(year, 0, 1);
}

/** The zone's table, extended by whole years until it covers `instant`. */
function getZoneTable(timeZone: string, instant: Instant): ZoneTable {
  let table = zoneTables.get(timeZone);
  if (!table) {
    const year = new Date(instant).getUTCFullYear();
    const { transitions, offsets } = scanTransitions(timeZone, yearStart(year), yearStart(year + 1));
    table = { coveredFrom: yearStart(year), coveredTo: yearStart(year + 1), transitions, offsets };
    zoneTables.set(timeZone, table);
  }
  while (instant >= table.coveredTo) {
    const next = scanTransitions(timeZone, table.coveredTo, table.coveredTo + (yearStart(new Date(table.coveredTo).getUTCFullYear() + 1) - table.coveredTo));
    if (next.offsets[0] !== table.offsets[table.offsets.length - 1]) {
      table.transitions.push(table.coveredTo);
      table.offsets.push(next.offsets[0]!);
    }
    table.transitions.push(...next.transitions);
    table.offsets.push(...next.offsets.slice(1));
    table.coveredTo = yearStart(new Date(table.coveredTo).getUTCFullYear() + 1);
  }
  while (instant < table.coveredFrom) {
    const from = yearStart(new Date(table.coveredFrom).getUTCFullYear() - 1);
    const previous = scanTransitions(timeZone, from, table.coveredFrom);
    const last = previous.offsets[previous.offsets.length - 1]!;
    const transitions = [...previous.transitions];
    const offsets = [...previous.offsets];
    if (last !== table.offsets[0]) transitions.push(table.coveredFrom);
    else offsets.pop();
    table.transitions = [...transitions, ...table.transitions];
    table.offsets = [...offsets, ...table.offsets];
    table.coveredFrom = from;
  }
  return table;
}

/** The offset from UTC (ms) in force at `instant` in `timeZone`. */
export function zoneOffset(timeZone: string, instant: Instant): number {
  const table = getZoneTable(timeZone, instant);
  const transitions = table.transitions;
  // Binary search for the first transition after `instant`.
  let low = 0;
  let high = transitions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (transitions[middle]! <= instant) low = middle + 1;
    else high = middle;
  }
  return table.offsets[low]!;
}

/** The local calendar day and time of day of `instant` in `timeZone`. */
export function toLocal(timeZone: string, instant: Instant): LocalDateTime {
  const wall = instant + zoneOffset(timeZone, instant);
  const day = Math.floor(wall / msPerDay);
  return { day, msOfDay: wall - day * msPerDay };
}

export function localDay(timeZone: string, instant: Instant): EpochDay {
  return Math.floor((instant + zoneOffset(timeZone, instant)) / msPerDay);
}

/**
 * The instant of a local wall time. A time that does not exist (a spring-forward gap) moves
 * forward by the length of the gap; a time that occurs twice (fall back) takes the earlier
 * instant. Both as the policy spec, section 2, requires.
 */
export function fromLocal(timeZone: string, day: EpochDay, msOfDay: number): Instant {
  const wall = day * msPerDay + msOfDay;
  const offsetBefore = zoneOffset(timeZone, wall - msPerDay);
  const offsetAfter = zoneOffset(timeZone, wall + msPerDay);
  // No change of offset within a day either side: the one reading is the answer (the common case).
  if (offsetBefore === offsetAfter) return wall - offsetBefore;
  const candidateBefore = wall - offsetBefore;
  const candidateAfter = wall - offsetAfter;
  const beforeValid = zoneOffset(timeZone, candidateBefore) === offsetBefore;
  const afterValid = zoneOffset(timeZone, candidateAfter) === offsetAfter;
  if (beforeValid && afterValid) return Math.min(candidateBefore, candidateAfter);
  if (beforeValid) return candidateBefore;
  if (afterValid) return candidateAfter;
  // In the gap: read the wall time with the offset from before the gap, which lands as far
  // past the gap's end as the wall time was past its start.
  return candidateBefore;
}

/** The instant the local day starts (its first existing moment). */
export function startOfLocalDay(timeZone: string, day: EpochDay): Instant {
  return fromLocal(timeZone, day, 0);
}

/**
 * The first instant at or after `notBefore` that reads as the given local day and time. In a
 * repeated hour whose earlier occurrence has passed, that is the later occurrence; a time in a
 * spring-forward gap moves forward by the gap, as in `fromLocal`. Returns null when the local
 * time has entirely passed.
 */
export function fromLocalAtOrAfter(timeZone: string, day: EpochDay, msOfDay: number, notBefore: Instant): Instant | null {
  const first = fromLocal(timeZone, day, msOfDay);
  if (first >= notBefore) return first;
  const wall = day * msPerDay + msOfDay;
  for (const offset of [zoneOffset(timeZone, notBefore), zoneOffset(timeZone, wall + msPerDay)]) {
    const candidate = wall - offset;
    if (candidate >= notBefore && candidate + zoneOffset(timeZone, candidate) === wall) return candidate;
  }
  return null;
}
