import { maxDigitKeyLength, minTypoKeyLength } from './build-invoice-index.ts';

// The query side of the index's `nearKey`: every key one substitution, deletion, insertion or
// swap of neighbours from a mention's key, written out, so a store can be asked for the invoices
// that have one of them instead of being read whole. The index tries the same edits against the
// keys it holds (digits by arithmetic), so whatever `nearKey` can find has its key in this list.

const digits = '0123456789';
const alphanumerics = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The keys one edit from `key`, without the key itself and without any that starts with a zero
 * (a leading zero is not part of a key). None for keys shorter than `minTypoKeyLength`, which the
 * index does not search for typos. About 20 per digit of a number, 75 per character of a key with
 * letters.
 */
export function keysOneEditAway(key: string): string[] {
  if (key.length < minTypoKeyLength) return [];
  // A number's typos are searched among numbers only; a key with letters (or a number too long to
  // be one) among letters and digits.
  const alphabet = /^\d+$/.test(key) && key.length <= maxDigitKeyLength ? digits : alphanumerics;
  const found = new Set<string>();
  const add = (candidate: string) => {
    if (candidate !== key && candidate !== '' && candidate[0] !== '0') found.add(candidate);
  };
  for (let index = 0; index < key.length; index += 1) {
    const before = key.slice(0, index);
    const after = key.slice(index + 1);
    add(before + after);
    for (const character of alphabet) if (character !== key[index]) add(before + character + after);
    if (index + 1 < key.length && key[index] !== key[index + 1]) add(before + key[index + 1] + key[index] + key.slice(index + 2));
  }
  for (let index = 0; index <= key.length; index += 1) {
    for (const character of alphabet) add(key.slice(0, index) + character + key.slice(index));
  }
  return [...found];
}
