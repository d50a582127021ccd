import { describe, expect, it } from 'vitest';
import { formatCalendarDay, isoWeekday, parseCalendarDay } from './calendar-day.ts';

describe('calendar days', () => {
  it('round-trips every day from 1422 to 2517', () => {
    for (let day = -200_000; day < 200_000; day += 1) {
      const text = formatCalendarDay(day);
      if (text.length === 10) expect(parseCalendarDay(text)).toBe(day);
    }
  });

  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '2024/01/01', '20240101xx', ''])('refuses %s', (text) => {
    expect(parseCalendarDay(text)).toBeNull();
  });

  it('knows leap days and weekdays', () => {
    expect(formatCalendarDay(parseCalendarDay('2000-02-29')!)).toBe('2000-02-29');
    expect(isoWeekday(parseCalendarDay('2024-03-31')!)).toBe(7);
    expect(isoWeekday(parseCalendarDay('2024-04-01')!)).toBe(1);
  });
});
