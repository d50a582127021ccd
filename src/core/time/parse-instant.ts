import { isCalendarDate } from './calendar-day.ts';
import type { Instant } from './time-zone.ts';

const instantPattern = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/** Parses an ISO-8601 instant with a zone designator ("2024-04-08T07:00:00Z"); null if it is not one. */
export function parseInstant(text: string): Instant | null {
  const match = instantPattern.exec(text);
  if (!match || !isCalendarDate(match[1]!)) return null;
  const value = Date.parse(text);
  return Number.isNaN(value) ? null : value;
}

export function formatInstant(instant: Instant): string {
  return new Date(instant).toISOString();
}
