import { foldText } from './normalise-invoice-number.ts';

// Payer names as banks show them ("ACME LOGISTICS GMBH", "ACME LOGISTICS GM" cut at the
// field's length, "Acme Logistics GmbH & Co. KG") compared with customer names: case, accents,
// punctuation and legal forms do not count; what is left is compared by character pairs.

const legalForms = new Set([
  'GMBH', 'MBH', 'CO', 'KG', 'AG', 'UG', 'OHG', 'GBR', 'EV', 'KGAA', 'SE',
  'INC', 'INCORPORATED', 'LLC', 'LLP', 'LP', 'LTD', 'LIMITED', 'PLC', 'CORP', 'CORPORATION', 'COMPANY',
  'SA', 'SAS', 'SARL', 'SRL', 'SPA', 'BV', 'NV', 'OY', 'AB', 'AS', 'APS', 'PTY', 'PTE', 'KK',
  'THE', 'AND', 'UND', 'ET',
]);

const cutLegalForms = new Set([...legalForms].filter((form) => form.length > 2).flatMap((form) => Array.from({ length: form.length - 1 }, (_, end) => form.slice(0, end + 1))));

/** The name reduced to what identifies it: "Acme GmbH & Co. KG" and "ACME GMBH" are both "ACME". */
export function normaliseName(name: string): string {
  const words = foldText(name)
    .replace(/&/g, ' ')
    // "E.V.", "S.A.", "B.V." written with dots are one legal form.
    .replace(/\b([A-Z])\.(?=[A-Z]\b\.?)/g, '$1')
    .split(/[^A-Z0-9]+/)
    .filter((word) => word !== '');
  const kept = words.filter((word) => !legalForms.has(word));
  // A bank field cut mid legal form ("ACME LOGISTICS GM") leaves the start of one behind.
  const last = kept[kept.length - 1];
  if (kept.length > 1 && last !== undefined && words[words.length - 1] === last && cutLegalForms.has(last)) kept.pop();
  return kept.join(' ');
}

/**
 * Similarity of two normalised names, 0 to 1: 1 when equal; otherwise the Sørensen-Dice
 * coefficient of their character pairs (spaces ignored), at least 0.9 when one is a cut-off
 * start of the other of eight characters or more.
 */
export function nameSimilarity(left: string, right: string): number {
  if (left === '' || right === '') return 0;
  if (left === right) return 1;
  const a = left.replace(/ /g, '');
  const b = right.replace(/ /g, '');
  if (a === b) return 1;
  const dice = diceCoefficient(a, b);
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  const truncated = shorter.length >= 8 && longer.startsWith(shorter) ? 0.9 : 0;
  return Math.max(dice, truncated);
}

function diceCoefficient(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let index = 0; index < a.length - 1; index += 1) {
    const pair = a.slice(index, index + 2);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  let shared = 0;
  for (let index = 0; index < b.length - 1; index += 1) {
    const pair = b.slice(index, index + 2);
    const count = pairs.get(pair) ?? 0;
    if (count > 0) {
      shared += 1;
      pairs.set(pair, count - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/** The words of a normalised name that a name index files it under. */
export function nameWords(normalised: string): string[] {
  return normalised.split(' ').filter((word) => word.length >= 3);
}

/** Names are filed under their words' first four characters, so a cut-off or misspelt ending still finds them. */
export function nameWordKey(word: string): string {
  return word.slice(0, 4);
}

/** The keys a name is filed under (or looked up by), each once: "Korvex Logistics GmbH" → KORV, LOGI. */
export function nameWordKeys(name: string): string[] {
  return [...new Set(nameWords(normaliseName(name)).map(nameWordKey))];
}

// A word many customers share ("LOGISTICS") is no help in finding one: it finds customers only
// when held by at most this many, or by this share of them.
const commonWordCustomers = 50;
const commonWordShare = 0.02;

/** Whether a word key held by `holders` of `customers` customers is too common to find a customer by. */
export function isCommonNameWord(holders: number, customers: number): boolean {
  return holders > Math.max(commonWordCustomers, Math.ceil(customers * commonWordShare));
}
