import { formatMoney } from '../../core/money/money.ts';
import { formatCalendarDay, type EpochDay } from '../../core/time/calendar-day.ts';
import { isWinAnsi, stripInvisibleControls, toWinAnsi } from './to-win-ansi.ts';

const msPerDay = 86_400_000;

/** Every piece of text a document shows passes through one of these, so it fits the font in use. */
export interface PdfFormatter {
  text(value: string): string;
  money(minor: number, currency: string): string;
  /** A calendar date, e.g. "Mar 1, 2026" or "01.03.2026". */
  date(day: EpochDay): string;
  integer(value: number): string;
}

interface CreatePdfFormatterInput {
  locale: string;
  /** True when the document embeds a Unicode font; false for the standard (WinAnsi) fonts. */
  unicode: boolean;
}

/**
 * Formats in the customer's locale. With the standard fonts, each value takes the first of its
 * candidate forms that the font can show: Latin digits rather than Arabic-Indic ones, the currency
 * code when its symbol is missing (₹ → INR), a numeric date when month names are not Latin
 * (ja-JP, ar-EG); what still cannot be shown becomes '?'.
 */
export function createPdfFormatter({ locale, unicode }: CreatePdfFormatterInput): PdfFormatter {
  // Dates are epoch-day midnights in UTC, so the formatter's zone must be UTC too.
  const dateFormats = [
    new Intl.DateTimeFormat(unicode ? locale : withLatinDigits(locale), { dateStyle: 'medium', timeZone: 'UTC' }),
    new Intl.DateTimeFormat(withLatinDigits(locale), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }),
  ];
  const numberLocale = unicode ? locale : withLatinDigits(locale);
  const integerFormat = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 0 });
  const codeFormats = new Map<string, Intl.NumberFormat>();
  const pick = (candidates: readonly (() => string)[]): string => {
    if (unicode) return stripInvisibleControls(candidates[0]!());
    for (const candidate of candidates) {
      const text = candidate();
      if (isWinAnsi(text)) return toWinAnsi(text);
    }
    return toWinAnsi(candidates[candidates.length - 1]!());
  };
  const moneyWithCode = (minor: number, currency: string): string => {
    let format = codeFormats.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(numberLocale, { style: 'currency', currency, currencyDisplay: 'code' });
      codeFormats.set(currency, format);
    }
    // Same arithmetic as formatMoney; only the currency's display differs.
    return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  };
  return {
    text: (value) => (unicode ? stripInvisibleControls(value) : toWinAnsi(value)),
    money: (minor, currency) => pick([() => formatMoney(minor, currency, numberLocale), () => moneyWithCode(minor, currency)]),
    date: (day) => pick([...dateFormats.map((format) => () => format.format(day * msPerDay)), () => formatCalendarDay(day)]),
    integer: (value) => pick([() => integerFormat.format(value)]),
  };
}

/** 'ar-EG' → 'ar-EG-u-nu-latn': the locale's separators and order, with 0-9 digits. */
function withLatinDigits(locale: string): string {
  return new Intl.Locale(locale, { numberingSystem: 'latn' }).toString();
}
