import { currencyDigits, isKnownCurrency } from '../../money/money.ts';
import { parseAmountCell, type DecimalSeparator } from '../../imports/parse-amount-cell.ts';

// Amounts on a remittance advice, read with the imports' cell parser: in a CSV cell, and in a
// line of text, where an amount is a number with the currency's decimals ("1.200,00", "490.00",
// "-50,00", "(50.00)", "EUR 1 234,56"), never a bare number (that is an invoice number) nor a
// percentage ("2,00 %").

export interface TextAmount {
  minor: number;
  /** Character offsets in the line. */
  start: number;
  end: number;
  /** The currency written beside it, when one is. */
  currency: string | null;
}

const symbols: Record<string, string> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', CHF: 'CHF' };
const numberShape = /^[-(]?\d{1,3}(?:[.,'\u00a0\u202f ]\d{3})*(?:[.,]\d+)?[)-]?$|^[-(]?\d+(?:[.,]\d+)?[)-]?$/;
const markPattern = /^([A-Z]{3}|[€£¥₹])(?![A-Z])\s?|\s?(?<![A-Z])([A-Z]{3}|[€£¥₹])$/;

/** The currency a cell names ("EUR 500,00", "500,00 €", "USD"), or null. */
export function cellCurrency(text: string): string | null {
  const trimmed = text.trim();
  const code = /^[A-Z]{3}$/.test(trimmed) ? trimmed : markPattern.exec(trimmed)?.slice(1).find((part) => part !== undefined);
  if (!code) return null;
  const currency = symbols[code] ?? code;
  return isKnownCurrency(currency) ? currency : null;
}

/** A cell of an amount column: minor units (negative allowed), or why not. Empty cells are null. */
export function readAmountCell(text: string, options: { currency: string; decimalSeparator: DecimalSeparator }): { ok: true; minor: number | null } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, minor: null };
  const read = parseAmountCell(text, { ...options, allowNegative: true });
  return read.ok ? { ok: true, minor: read.minor } : { ok: false, reason: read.reason };
}

/** Whether a word is written like an amount of this currency: with its decimals (or, for a currency without, a currency mark beside it). */
function looksLikeAmount(word: string, currency: string, marked: boolean): boolean {
  if (!numberShape.test(word)) return false;
  const digits = currencyDigits(currency);
  if (digits === 0) return marked || /[.,'\u00a0\u202f ]\d{3}/.test(word);
  return new RegExp(`[.,]\\d{${digits}}[)-]?$`).test(word);
}

/**
 * The amounts of a line of text, left to right. A cell (text between runs of two or more spaces)
 * is read whole first ("1 234,56 €"), else word by word.
 */
export function findTextAmounts(line: string, options: { currency: string; decimalSeparator: DecimalSeparator }): TextAmount[] {
  const found: TextAmount[] = [];
  for (const cell of splitCells(line)) {
    const whole = readTextAmount(cell.text, options);
    if (whole) {
      found.push({ ...whole, start: cell.start, end: cell.end });
      continue;
    }
    const words = [...cell.text.matchAll(/\S+/g)];
    words.forEach((match, index) => {
      const next = words[index + 1]?.[0] ?? '';
      const before = words[index - 1]?.[0] ?? '';
      if (next === '%' || match[0].endsWith('%')) return;
      const read = readTextAmount(match[0], options, cellCurrency(before) ?? cellCurrency(next));
      if (read) found.push({ ...read, start: cell.start + match.index, end: cell.start + match.index + match[0].length });
    });
  }
  return found;
}

function readTextAmount(text: string, options: { currency: string; decimalSeparator: DecimalSeparator }, besideCurrency: string | null = null): { minor: number; currency: string | null } | null {
  const currency = cellCurrency(text) ?? besideCurrency;
  const bare = text.replace(markPattern, '').replace(markPattern, '').trim();
  if (!looksLikeAmount(bare, options.currency, currency !== null)) return null;
  const read = parseAmountCell(bare, { ...options, allowNegative: true });
  return read.ok ? { minor: read.minor, currency } : null;
}

/** Words that look like amounts, for guessing the decimal separator (dates left out). */
export function amountSamples(line: string): string[] {
  return [...line.matchAll(/[-(]?\d[\d.,'\u00a0\u202f]*[.,]\d+[)-]?/g)].map((match) => match[0]).filter((word) => !/^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$/.test(word));
}

export interface TextCell {
  text: string;
  start: number;
  end: number;
}

/** A line of layout text cut into cells at runs of two or more spaces (or tabs). */
export function splitCells(line: string): TextCell[] {
  return [...line.matchAll(/\S+(?:[ \u00a0\u202f]\S+)*/g)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
}
