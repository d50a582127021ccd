import Holidays from 'date-holidays';
import { parseCalendarDay, type EpochDay } from './calendar-day.ts';

// Public holidays (date-holidays type `public`) of a calendar code such as US, DE-BY or GB-ENG,
// as local calendar days. Computed once per calendar and year.

const cache = new Map<string, ReadonlySet<EpochDay>>();
const calendars = new Map<string, Holidays | null>();

function splitCode(code: string): [string, string | undefined, string | undefined] {
  const [country, state, region] = code.split('-');
  return [country!, state, region];
}

function getCalendar(code: string): Holidays | null {
  if (calendars.has(code)) return calendars.get(code)!;
  const [country, state, region] = splitCode(code);
  const result = isListedCalendar(country, state, region) ? new Holidays(country, state ?? '', region ?? '', { types: ['public'] }) : null;
  calendars.set(code, result);
  return result;
}

export function isKnownHolidayCalendar(code: string): boolean {
  return getCalendar(code) !== null;
}

function isListedCalendar(country: string, state: string | undefined, region: string | undefined): boolean {
  const countries = new Holidays().getCountries();
  if (!countries || !(country in countries)) return false;
  if (state !== undefined) {
    const states = new Holidays().getStates(country);
    if (!states || !(state in states)) return false;
  }
  if (region !== undefined && state !== undefined) {
    const regions = new Holidays().getRegions(country, state);
    if (!regions || !(region in regions)) return false;
  }
  return true;
}

export function publicHolidays(code: string, year: number): ReadonlySet<EpochDay> {
  const key = `${code}|${year}`;
  let days = cache.get(key);
  if (days) return days;
  const calendar = getCalendar(code);
  const set = new Set<EpochDay>();
  if (calendar) {
    for (const holiday of calendar.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const first = parseCalendarDay(holiday.date.slice(0, 10));
      if (first === null) continue;
      // A holiday lasting several days (rare) covers each of its days.
      const lengthDays = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
      for (let offset = 0; offset < lengthDays; offset += 1) set.add(first + offset);
    }
  }
  days = set;
  cache.set(key, days);
  return days;
}

export function isPublicHoliday(code: string, day: EpochDay, year: number): boolean {
  return publicHolidays(code, year).has(day);
}
