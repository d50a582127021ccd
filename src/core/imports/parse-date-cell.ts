import { formatCalendarDay, parseCalendarDay } from '../time/calendar-day.ts';

// Dates in the shapes ERP and spreadsheet exports use. A file states one format (the mapping
// does, guessed from a sample and confirmed by a person): 03/04/2026 is 3 April in one and
// 4 March in the other, so a date is never read in two ways within one import.

export const dateFormats = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'MM-DD-YYYY', 'YYYY/MM/DD', 'D MMM YYYY'] as const;
export type DateFormat = (typeof dateFormats)[number];

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Day-first and month-first shapes; a two-digit year is refused (is 26 1926 or 2026?).
const shapes: Record<DateFormat, { pattern: RegExp; order: 'ymd' | 'dmy' | 'mdy' }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, order: 'ymd' },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'dmy' },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'mdy' },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: 'dmy' },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: 'dmy' },
  'MM-DD-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: 'mdy' },
  'YYYY/MM/DD': { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, order: 'ymd' },
  'D MMM YYYY': { pattern: /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]*(\d{4})$/, order: 'dmy' },
};

export type ParseDateCellResult = { ok: true; on: string } | { ok: false; reason: string };

/** A cell as a calendar date 'YYYY-MM-DD', read in the file's stated format. */
export function parseDateCell(text: string, format: DateFormat): ParseDateCellResult {
  const value = text.trim();
  const { pattern, order } = shapes[format];
  const match = pattern.exec(value);
  if (!match) return { ok: false, reason: `is not a date in the format ${format}` };
  const [, a, b, c] = match as unknown as [string, string, string, string];
  let year: number;
  let month: number;
  let day: number;
  if (order === 'ymd') [year, month, day] = [Number(a), Number(b), Number(c)];
  else if (order === 'mdy') [month, day, year] = [Number(a), Number(b), Number(c)];
  else {
    day = Number(a);
    year = Number(c);
    month = /^\d+$/.test(b) ? Number(b) : monthNames.indexOf(b.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return { ok: false, reason: `has an unknown month name "${b}"` };
  }
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const epochDay = parseCalendarDay(iso);
  if (epochDay === null) return { ok: false, reason: `is not a real date (read as ${format})` };
  return { ok: true, on: formatCalendarDay(epochDay) };
}

/**
 * The formats that read the most sample values, most likely first. Day-first comes before
 * month-first when `dayFirst` (the workspace's locale writes dates so); both stay listed when the
 * sample cannot tell them apart, so the person confirming the mapping sees the choice.
 */
export function guessDateFormats(samples: readonly string[], options: { dayFirst: boolean }): DateFormat[] {
  const values = samples.map((sample) => sample.trim()).filter((sample) => sample !== '');
  if (values.length === 0) return [];
  // The formats that read the most values: a sample with a mistyped date still shows its format.
  const counts = dateFormats.map((format) => ({ format, count: values.filter((value) => parseDateCell(value, format).ok).length }));
  const best = Math.max(...counts.map(({ count }) => count));
  if (best === 0) return [];
  const rank = (format: DateFormat): number => (shapes[format].order === 'ymd' ? 0 : shapes[format].order === (options.dayFirst ? 'dmy' : 'mdy') ? 1 : 2);
  return counts
    .filter(({ count }) => count === best)
    .map(({ format }) => format)
    .sort((a, b) => rank(a) - rank(b));
}
