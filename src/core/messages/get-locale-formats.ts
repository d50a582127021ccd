import { formatMoney } from '../money/money.ts';
import type { EpochDay } from '../time/calendar-day.ts';

// Intl formatters for one locale, built once and kept: constructing an Intl.NumberFormat costs
// about 20 µs, formatting with one about 0.3 µs, and a message formats several values. Money is
// money.ts's formatMoney, which keeps its own formatter per locale and currency.

const msPerDay = 86_400_000;

export interface LocaleFormats {
  locale: string;
  /** 120050 EUR → "1.200,50 €" in de-DE. */
  formatMoney(minor: number, currency: string): string;
  /** A calendar date, medium length: "Mar 31, 2024", "31.03.2024", "2024/03/31". */
  formatDate(day: EpochDay): string;
  /** A whole number in the locale's digits and grouping. */
  formatNumber(value: number): string;
  /** "A, B and C" in the locale's words. */
  formatList(items: readonly string[]): string;
}

const cache = new Map<string, LocaleFormats>();

export function getLocaleFormats(locale: string): LocaleFormats {
  let formats = cache.get(locale);
  if (!formats) {
    formats = createLocaleFormats(locale);
    cache.set(locale, formats);
  }
  return formats;
}

function createLocaleFormats(locale: string): LocaleFormats {
  // Dates are calendar days: format their UTC midnight in UTC, so no zone can shift the day.
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  // Messages of one run share a few hundred due dates; formatting one costs more than finding it.
  const dates = new Map<EpochDay, string>();
  return {
    locale,
    formatMoney: (minor, currency) => formatMoney(minor, currency, locale),
    formatDate(day) {
      let text = dates.get(day);
      if (text === undefined) {
        text = date.format(day * msPerDay);
        if (dates.size >= 5_000) dates.clear();
        dates.set(day, text);
      }
      return text;
    },
    formatNumber: (value) => number.format(value),
    formatList: (items) => list.format(items),
  };
}
