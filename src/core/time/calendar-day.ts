// Calendar dates as epoch days (whole days since 1970-01-01), the engine's cheap date type.
// `…On` values at the edges are 'YYYY-MM-DD' strings; inside the engine they are numbers.

const msPerDay = 86_400_000;

export type EpochDay = number;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Parses 'YYYY-MM-DD'; returns null when the text is not a real calendar date. */
export function parseCalendarDay(text: string): EpochDay | null {
  // Hot in the planning pass: read digits directly rather than through a RegExp and a Date.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let index = 0; index < 10; index += 1) {
    if (index === 4 || index === 7) continue;
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return null;
    if (index < 4) year = year * 10 + digit;
    else if (index < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  if (month < 1 || month > 12 || day < 1) return null;
  const length = month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1]!;
  if (day > length) return null;
  return daysFromCivil(year, month, day);
}

/** Whether the text is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  return parseCalendarDay(text) !== null;
}

export function formatCalendarDay(day: EpochDay): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(day: EpochDay): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function calendarYear(day: EpochDay): number {
  return new Date(day * msPerDay).getUTCFullYear();
}
