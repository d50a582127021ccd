import { currencyDigits } from '../money/money.ts';

// Amounts as finance exports write them: "1,234.56", "1.234,56", "1 234,56", "1'234.56",
// "$1,234.56", "EUR 1.234,56", "(120.00)" and "120.00-" for negatives. The decimal separator is
// stated for the whole file (guessed from a sample): "1,234" is a thousand in one file and one
// point two three four in another, and a file that mixes both is not read at all.

export const decimalSeparators = ['.', ','] as const;
export type DecimalSeparator = (typeof decimalSeparators)[number];

export type ParseAmountCellResult = { ok: true; minor: number } | { ok: false; reason: string };

const currencyMarks = /^(?:[A-Z]{3}|[$€£¥₹₩₽₺₪฿₫]|CHF|kr\.?|zł|R\$|A\$|C\$|NZ\$|HK\$|S\$)\s*|\s*(?:[A-Z]{3}|[$€£¥₹₩₽₺₪฿₫]|CHF|kr\.?|zł)$/u;

/** A cell as minor units of `currency`. Negative amounts are refused unless `allowNegative`. */
export function parseAmountCell(text: string, options: { currency: string; decimalSeparator: DecimalSeparator; allowNegative?: boolean }): ParseAmountCellResult {
  let value = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1).trim();
  }
  if (value.endsWith('-')) {
    negative = true;
    value = value.slice(0, -1).trim();
  }
  if (value.startsWith('-')) {
    negative = !negative;
    value = value.slice(1).trim();
  }
  value = value.replace(currencyMarks, '').replace(currencyMarks, '').trim();
  if (value.startsWith('-')) {
    negative = !negative;
    value = value.slice(1).trim();
  }
  const decimal = options.decimalSeparator;
  const grouping = decimal === '.' ? /[,\s\u00a0\u202f']/g : /[.\s\u00a0\u202f']/g;
  // Split on the decimal separator, the whole part may only group by thousands, one way throughout.
  const [whole = '', fraction = '', ...extra] = value.split(decimal);
  if (extra.length > 0 || !/^\d{1,3}(?:([,.\s\u00a0\u202f'])\d{3}(?:\1\d{3})*)?$|^\d+$/.test(whole) || !/^\d*$/.test(fraction)) {
    return { ok: false, reason: `is not an amount with "${decimal}" as the decimal separator` };
  }
  const digits = currencyDigits(options.currency);
  if (/[^0]/.test(fraction.slice(digits))) return { ok: false, reason: `has more decimals than ${options.currency} allows (${digits})` };
  const minor = Number(whole.replace(grouping, '') + fraction.slice(0, digits).padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'is too large' };
  if (negative && minor !== 0 && !options.allowNegative) return { ok: false, reason: 'must not be negative' };
  return { ok: true, minor: negative ? -minor : minor };
}

/**
 * The decimal separator a sample of amounts uses: "," when a value can only be read with a
 * decimal comma ("12,5", "1.234,56"), "." when one can only be read with a decimal point, null
 * when the sample cannot tell ("1,234" alone) or contradicts itself.
 */
export function guessDecimalSeparator(samples: readonly string[]): DecimalSeparator | null {
  let point = false;
  let comma = false;
  for (const sample of samples) {
    const value = sample.replace(/[^\d.,]/g, '');
    const lastPoint = value.lastIndexOf('.');
    const lastComma = value.lastIndexOf(',');
    if (lastPoint >= 0 && lastComma >= 0) {
      if (lastPoint > lastComma) point = true;
      else comma = true;
    } else if (lastComma >= 0) {
      const signal = readLoneSeparator(value, ',');
      if (signal === 'decimal') comma = true;
      else if (signal === 'grouping') point = true;
    } else if (lastPoint >= 0) {
      const signal = readLoneSeparator(value, '.');
      if (signal === 'decimal') point = true;
      else if (signal === 'grouping') comma = true;
    }
  }
  if (point === comma) return null;
  return point ? '.' : ',';
}

// One kind of separator in a value: twice or more is grouping ("1,234,567"); once with three
// digits after it could be either ("1,234"); once with other than three, a decimal ("12,5").
function readLoneSeparator(value: string, separator: string): 'decimal' | 'grouping' | 'either' {
  const count = value.split(separator).length - 1;
  if (count > 1) return 'grouping';
  return value.length - value.lastIndexOf(separator) - 1 === 3 ? 'either' : 'decimal';
}
