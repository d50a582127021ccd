import { z } from 'zod';
import { isEmailAddress } from '../../core/access/email-address.ts';
import { isKnownCurrency } from '../../core/money/money.ts';
import { roles } from '../../core/policy/policy-schema.ts';
import { isCalendarDate } from '../../core/time/calendar-day.ts';
import { isValidTimeZone } from '../../core/time/time-zone.ts';

// Field rules shared by the record schemas. A refinement's message starts with the offending
// value, so the final text reads `invoice INV-7: dueOn "2024-02-30" is not a real date`.

export const idSchema = z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters');

export const textSchema = z.string().min(1, 'must not be empty');

export const calendarDateSchema = z.string().refine(isCalendarDate, {
  error: (issue) => `${quote(issue.input)} is not a real date (YYYY-MM-DD)`,
});

export const currencySchema = z.string().refine(isKnownCurrency, {
  error: (issue) => `${quote(issue.input)} is not an ISO 4217 code`,
});

export const timeZoneSchema = z.string().refine(isValidTimeZone, {
  error: (issue) => `${quote(issue.input)} is not a known time zone`,
});

export const localeSchema = z.string().refine(isLocale, {
  error: (issue) => `${quote(issue.input)} is not a BCP 47 locale`,
});

// z.int() accepts safe integers only: beyond 2^53 a number cannot hold every integer.
export const instantSchema = z.int({ error: (issue) => `must be an instant in epoch milliseconds, got ${quote(issue.input)}` });

export const minorUnitsSchema = z.int({
  error: (issue) => `must be a whole number of minor units below 2^53, got ${quote(issue.input)}`,
});

export const emailSchema = z.string().refine(isEmailAddress, {
  error: (issue) => `${quote(issue.input)} is not an email address`,
});

export const roleSchema = z.enum(roles, { error: `must be one of ${roles.join(', ')}` });

/** The SHA-256 of a secret (session, invitation, token, request body), as the store keeps it. */
export const secretHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash in hex');

export const jsonObjectSchema = z.record(z.string(), z.json(), {
  error: 'must be an object of JSON values (no undefined, NaN, dates or functions)',
});

export function quote(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}

function isLocale(text: string): boolean {
  return text !== '' && tryIntl(() => Intl.getCanonicalLocales(text));
}

function tryIntl(construct: () => unknown): boolean {
  try {
    construct();
    return true;
  } catch {
    return false;
  }
}
