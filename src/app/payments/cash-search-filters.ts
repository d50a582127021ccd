import { parseAmount } from '../../core/money/money.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { startOfLocalDay } from '../../core/time/time-zone.ts';
import { AppError } from '../app-error.ts';
import type { AmountRange } from '../ports/cash-application-store.ts';

// The filters a person types into the Unapplied Cash searches, read once for both lists: words,
// amounts (a decimal means a different number of minor units in each currency, so it becomes one
// range per currency it can be written in), and calendar dates in the organisation's time zone.

export const maxSearchWords = 8;

/** The words of a search, at most eight, each at most 100 characters. */
export function searchWords(text: string | undefined): string[] {
  return (text ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, maxSearchWords)
    .map((word) => word.slice(0, 100));
}

/** "1,200.50" and "1 200.50" are 1200.50: grouping separators a person copies from a statement. */
function plainDecimal(text: string): string {
  const trimmed = text.trim();
  return /^\d{1,3}([, ]\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replace(/[, ]/g, '') : trimmed;
}

/**
 * The ranges an amount filter means in each of `currencies`: `amount` exactly, or from `min` to
 * `max` (either may be absent). A currency the amount cannot be written in (1200.5 in JPY) is left
 * out, so the list may be empty and then matches nothing. Undefined when no amount is asked for.
 */
export function amountRanges(input: { amount?: string; min?: string; max?: string; currencies: readonly string[]; record: string }): AmountRange[] | undefined {
  const { record, currencies } = input;
  const bounds = input.amount !== undefined && input.amount.trim() !== '' ? { min: input.amount, max: input.amount, field: 'amount' } : { min: blankToUndefined(input.min), max: blankToUndefined(input.max), field: null };
  if (bounds.min === undefined && bounds.max === undefined) return undefined;
  for (const [name, text] of [['minAmount', bounds.min], ['maxAmount', bounds.max]] as const) {
    if (text !== undefined && !/^\d+(\.\d+)?$/.test(plainDecimal(text))) {
      const field = bounds.field ?? name;
      throw new AppError('invalid_input', `${field}: "${text}" is not an amount such as 1200.50`, { record, field });
    }
  }
  const ranges: AmountRange[] = [];
  for (const currency of currencies) {
    const min = bounds.min === undefined ? { ok: true as const, minor: 0 } : parseAmount(plainDecimal(bounds.min), currency);
    const max = bounds.max === undefined ? { ok: true as const, minor: Number.MAX_SAFE_INTEGER } : parseAmount(plainDecimal(bounds.max), currency);
    if (min.ok && max.ok && min.minor <= max.minor) ranges.push({ currency, minMinor: min.minor, maxMinor: max.minor });
  }
  return ranges;
}

function blankToUndefined(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** From the start of `fromOn` to the end of `toOn`, both dates in `timeZone` and included. */
export function receivedBetween(input: { fromOn?: string; toOn?: string; timeZone: string; record: string }): { receivedFrom?: number; receivedBefore?: number } {
  const day = (text: string | undefined, field: string) => {
    if (text === undefined || text === '') return undefined;
    const parsed = parseCalendarDay(text);
    if (parsed === null) throw new AppError('invalid_input', `${field}: "${text}" is not a date (YYYY-MM-DD)`, { record: input.record, field });
    return parsed;
  };
  const from = day(input.fromOn, 'receivedFrom');
  const to = day(input.toOn, 'receivedTo');
  if (from !== undefined && to !== undefined && to < from) throw new AppError('invalid_input', 'receivedTo: is before receivedFrom', { record: input.record, field: 'receivedTo' });
  return {
    ...(from !== undefined ? { receivedFrom: startOfLocalDay(input.timeZone, from) } : {}),
    ...(to !== undefined ? { receivedBefore: startOfLocalDay(input.timeZone, to + 1) } : {}),
  };
}
