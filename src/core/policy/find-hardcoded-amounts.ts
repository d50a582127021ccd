import { isKnownCurrency } from '../money/money.ts';

// Literal amounts in template text ($1,200.00, 1200 EUR, € 50, 1.200,50 €). An amount typed into
// a template goes stale the moment a customer pays part of an invoice; merge tags do not.

export interface HardcodedAmount {
  raw: string;
  index: number;
}

const number = String.raw`\d[\d.,]*`;
// Not glued to a word or another number: "INV-1200" or "v2.5" are not amounts.
const start = String.raw`(?<![\p{L}\p{N}_.,/-])`;
const amountPattern = new RegExp(
  [
    String.raw`\p{Sc}\s?${number}`,
    String.raw`${start}${number}\s?\p{Sc}`,
    String.raw`(?<![\p{L}\p{N}_])(?<code>[A-Z]{3})\s?${number}`,
    String.raw`${start}${number}\s?(?<suffix>[A-Z]{3})(?![\p{L}\p{N}_])`,
  ].join('|'),
  'gu',
);


export function findHardcodedAmounts(text: string): HardcodedAmount[] {
  const found: HardcodedAmount[] = [];
  for (const match of text.matchAll(amountPattern)) {
    const code = match.groups?.['code'] ?? match.groups?.['suffix'];
    if (code !== undefined && !isKnownCurrency(code)) continue;
    // Sentence punctuation after an amount ("pay $50.") is not part of it.
    const raw = match[0].replace(/[.,]+$/, '');
    found.push({ raw, index: match.index });
  }
  return found;
}
