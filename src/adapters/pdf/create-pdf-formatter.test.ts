import { describe, expect, it } from 'vitest';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { createPdfFormatter } from './create-pdf-formatter.ts';

const march1 = parseCalendarDay('2026-03-01')!;
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('createPdfFormatter for the standard fonts', () => {
  it.each([
    ['en-US', 'USD', 120_050, '$1,200.50', 'Mar 1, 2026'],
    ['de-DE', 'EUR', 120_050, '1.200,50 €', '01.03.2026'],
    ['fr-FR', 'EUR', 120_050, '1 200,50 €', '1 mars 2026'],
    ['ja-JP', 'JPY', 150_000, '¥150,000', '2026/03/01'],
    ['en-US', 'KWD', 1_234_567, 'KWD 1,234.567', 'Mar 1, 2026'],
    ['en-IN', 'INR', 120_050, 'INR 1,200.50', '1 Mar 2026'],
    ['ar-EG', 'EGP', 120_050, '1,200.50 EGP', '01/03/2026'],
  ])('%s %s', (locale, currency, minor, money, date) => {
    const format = createPdfFormatter({ locale, unicode: false });
    expect(plain(format.money(minor, currency))).toBe(money);
    expect(format.date(march1)).toBe(date);
  });

  it('keeps negative amounts readable', () => {
    expect(plain(createPdfFormatter({ locale: 'sv-SE', unicode: false }).money(-120_050, 'SEK'))).toBe('-1 200,50 kr');
  });

  it('writes whole numbers with the locale’s grouping and Latin digits', () => {
    expect(createPdfFormatter({ locale: 'de-DE', unicode: false }).integer(1061)).toBe('1.061');
    expect(createPdfFormatter({ locale: 'ar-EG', unicode: false }).integer(1061)).toBe('1,061');
  });

  it("formats the epoch day's own date whatever the process zone", () => {
    // Epoch-day midnights read in UTC: in Chatham (UTC+13:45) a local-zone formatter would say Mar 2.
    expect(createPdfFormatter({ locale: 'en-US', unicode: false }).date(march1)).toBe('Mar 1, 2026');
  });
});

describe('createPdfFormatter for an embedded Unicode font', () => {
  it("keeps the locale's own symbols, digits and month names", () => {
    const hindi = createPdfFormatter({ locale: 'en-IN', unicode: true });
    expect(hindi.money(120_050, 'INR')).toBe('₹1,200.50');
    const arabic = createPdfFormatter({ locale: 'ar-EG', unicode: true });
    expect(arabic.integer(1061)).toBe('١٬٠٦١');
    expect(createPdfFormatter({ locale: 'ja-JP', unicode: true }).text('株式会社')).toBe('株式会社');
  });
});
