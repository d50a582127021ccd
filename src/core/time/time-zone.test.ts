import { describe, expect, it } from 'vitest';
import { parseCalendarDay } from './calendar-day.ts';
import { fromLocal, isValidTimeZone, localDay, startOfLocalDay, toLocal, zoneOffset } from './time-zone.ts';

const day = (text: string) => parseCalendarDay(text)!;
const hours = (value: number) => value * 3_600_000;
const iso = (instant: number) => new Date(instant).toISOString();

describe('fromLocal', () => {
  it.each([
    ['ordinary CET', 'Europe/Berlin', '2024-01-15', 9, '2024-01-15T08:00:00.000Z'],
    ['ordinary CEST', 'Europe/Berlin', '2024-07-15', 9, '2024-07-15T07:00:00.000Z'],
    ['gap moves forward by its length', 'Europe/Berlin', '2024-03-31', 2.5, '2024-03-31T01:30:00.000Z'],
    ['repeated hour takes the earlier instant', 'Europe/Berlin', '2024-10-27', 2.5, '2024-10-27T00:30:00.000Z'],
    ['New York gap', 'America/New_York', '2024-03-10', 2.5, '2024-03-10T07:30:00.000Z'],
    ['New York repeated hour', 'America/New_York', '2024-11-03', 1.5, '2024-11-03T05:30:00.000Z'],
    ['Chatham in summer is UTC+13:45', 'Pacific/Chatham', '2024-01-10', 9, '2024-01-09T19:15:00.000Z'],
    ['Chatham in winter is UTC+12:45', 'Pacific/Chatham', '2024-07-10', 9, '2024-07-09T20:15:00.000Z'],
    ['Chatham gap at 02:45', 'Pacific/Chatham', '2024-09-29', 3, '2024-09-28T14:15:00.000Z'],
    ['Kathmandu is UTC+05:45', 'Asia/Kathmandu', '2024-05-01', 9, '2024-05-01T03:15:00.000Z'],
    ['Lord Howe repeated half hour', 'Australia/Lord_Howe', '2024-04-07', 1.75, '2024-04-06T14:45:00.000Z'],
    ['Kiritimati is UTC+14', 'Pacific/Kiritimati', '2024-05-01', 9, '2024-04-30T19:00:00.000Z'],
  ])('%s', (_name, zone, date, hour, expected) => {
    expect(iso(fromLocal(zone, day(date), hours(hour)))).toBe(expected);
  });

  it('a midnight that does not exist starts the day at the end of the gap', () => {
    // Santiago springs forward at 24:00 → 01:00 on 2024-09-08.
    expect(iso(startOfLocalDay('America/Santiago', day('2024-09-08')))).toBe('2024-09-08T04:00:00.000Z');
  });
});

describe('toLocal', () => {
  it('reads the local date and time around the Chatham fall-back', () => {
    expect(toLocal('Pacific/Chatham', Date.parse('2024-04-06T13:59:00Z'))).toEqual({ day: day('2024-04-07'), msOfDay: hours(3) + 44 * 60_000 });
    expect(toLocal('Pacific/Chatham', Date.parse('2024-04-06T14:00:00Z'))).toEqual({ day: day('2024-04-07'), msOfDay: hours(2) + 45 * 60_000 });
  });

  it('gives local dates across the date line', () => {
    const instant = Date.parse('2024-05-01T11:00:00Z');
    expect(localDay('Pacific/Kiritimati', instant)).toBe(day('2024-05-02'));
    expect(localDay('Pacific/Honolulu', instant)).toBe(day('2024-05-01'));
  });

  it('round-trips every hour of a year in a DST zone', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    for (let instant = start; instant < start + 366 * 86_400_000; instant += 3_600_000) {
      const local = toLocal('America/New_York', instant);
      const back = fromLocal('America/New_York', local.day, local.msOfDay);
      // Only the repeated hour maps back to the earlier of its two instants.
      expect(back === instant || back === instant - 3_600_000).toBe(true);
    }
  });
});

describe('zoneOffset', () => {
  it('agrees with Intl across several decades', () => {
    for (const instant of [Date.parse('1999-12-31T23:30:00Z'), Date.parse('2024-03-31T00:59:00Z'), Date.parse('2024-03-31T01:00:00Z'), Date.parse('2037-07-01T12:00:00Z')]) {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(instant);
      const name = parts.find((part) => part.type === 'timeZoneName')!.value; // GMT+01:00
      const match = /GMT([+-])(\d\d):(\d\d)/.exec(name)!;
      const expected = (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
      expect(zoneOffset('Europe/Berlin', instant)).toBe(expected);
    }
  });
});

describe('isValidTimeZone', () => {
  it('takes IANA names, not offsets', () => {
    expect(isValidTimeZone('Pacific/Chatham')).toBe(true);
    expect(isValidTimeZone('+13:45')).toBe(false);
    expect(isValidTimeZone('Nowhere/City')).toBe(false);
  });
});
