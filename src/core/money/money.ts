// Money is an integer of minor units plus an ISO 4217 code, never a float.

export interface Money {
  minor: number;
  currency: string;
}

const digitsCache = new Map<string, number>();
let knownCurrencies: ReadonlySet<string> | null = null;

export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

/** Digits after the decimal point for a currency: JPY 0, EUR 2, KWD 3. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export type ParseAmountResult = { ok: true; minor: number } | { ok: false; problem: string };

/**
 * Parses a decimal string ("1200.50") into minor units of `currency`. More decimals than the
 * currency has are refused unless they are zeros ("1200.00" is fine for JPY, "1200.5" is not).
 */
export function parseAmount(text: string, currency: string, options: { allowNegative?: boolean } = {}): ParseAmountResult {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return { ok: false, problem: `"${text}" is not a decimal amount such as 1200.50` };
  const [, sign, whole, fraction = ''] = match;
  if (sign && !options.allowNegative) return { ok: false, problem: `"${text}" must not be negative` };
  const digits = currencyDigits(currency);
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  if (/[^0]/.test(fraction.slice(digits))) {
    return { ok: false, problem: `"${text}" has more decimals than ${currency} allows (${digits})` };
  }
  const minor = Number(whole! + kept);
  if (!Number.isSafeInteger(minor)) return { ok: false, problem: `"${text}" is too large` };
  return { ok: true, minor: sign ? -minor : minor };
}

/** parseAmount for money that must be there: a payment, an allocation, a promise, an exception. */
export function parsePositiveAmount(text: string, currency: string): ParseAmountResult {
  const parsed = parseAmount(text, currency);
  return parsed.ok && parsed.minor <= 0 ? { ok: false, problem: 'must be more than zero' } : parsed;
}

/** Minor units back to a plain decimal string ("1200.50"), for machine output. */
export function formatAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const text = Math.abs(minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Minor units to the customer's locale, e.g. 120050 EUR in de-DE → "1.200,50 €". */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    // Building a formatter costs tens of microseconds; a workspace uses a handful of them.
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(minor / 10 ** currencyDigits(currency));
}
