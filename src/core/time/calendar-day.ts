// Calendar dates as epoch days (whole days since 1970-01-01), the engine's cheap date type.
// `…On` values at the edges are 'YYYY-MM-DD' strings; inside the engine they are numbers.

const msPerDay = 86_400_000;

export type EpochDay = number;

/** Parses 'YYYY-MM-DD'; returns null when the text is not a real calendar date. */
export function parseCalendarDay(text: string): EpochDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(ms / msPerDay);
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
