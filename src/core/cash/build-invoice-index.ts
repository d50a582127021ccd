import { CashInputError } from './cash-input-error.ts';
import type { OpenInvoice } from './cash-types.ts';
import { isCommonNameWord, nameSimilarity, nameWordKey, nameWords, normaliseName } from './compare-names.ts';
import { invoiceNumberKeys } from './normalise-invoice-number.ts';

// Built once per batch, so that matching a payment costs lookups, not a scan of every invoice:
// by number key (and the keys one typo away, found by trying each edit of the mention's key),
// by customer, by currency and balance, and customers by the words of their names.

export type EditKind = 'substituted' | 'missing' | 'extra' | 'transposed';

export interface NearInvoice {
  invoice: OpenInvoice;
  key: string;
  edit: EditKind;
}

export interface NamedCustomer {
  customerId: string;
  customerName: string;
  similarity: number;
}

export interface InvoiceIndex {
  readonly size: number;
  invoice(id: string): OpenInvoice | undefined;
  /** Invoices whose number has this key. */
  withKey(key: string): readonly OpenInvoice[];
  /** Invoices whose key is one edit from this one (not the key itself); keys of four characters or more only. */
  nearKey(key: string): readonly NearInvoice[];
  /** A customer's open invoices, oldest due first. */
  ofCustomer(customerId: string): readonly OpenInvoice[];
  withBalance(currency: string, balanceMinor: number): readonly OpenInvoice[];
  /** How many open invoices owe this: those `withBalance` lists, or as many as the options say when the index holds only some. */
  countWithBalance(currency: string, balanceMinor: number): number;
  customerName(customerId: string): string | undefined;
  /** The name as compare-names.ts normalises it, worked out once. */
  normalisedCustomerName(customerId: string): string | undefined;
  /** Customers whose name resembles the payer's (similarity at least `minimum`), the closest first. */
  customersNamed(payerName: string, minimum: number): readonly NamedCustomer[];
}

/** Keys shorter than this are not searched for typos: too many other numbers are one edit away. */
export const minTypoKeyLength = 4;
const digits = '0123456789';
const alphanumerics = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
// Payer names repeat (a customer pays every month); their lookups are kept, up to this many.
const maxCachedPayerNames = 50_000;
const none: readonly never[] = [];

export interface InvoiceIndexOptions {
  /**
   * The name word keys (compare-names.ts `nameWordKeys`) too common to find a customer by, as the
   * organisation's whole customer list says (`isCommonNameWord`). Without it the index counts its
   * own invoices' customers. An index of only some of the open invoices (the candidates of a few
   * payments) must be given it: it cannot count the customers it does not hold.
   */
  commonNameWords?: ReadonlySet<string>;
  /**
   * How many open invoices of the organisation owe each of these amounts, for an index that holds
   * only the first of them (in customer, then invoice order) and those of the customers concerned.
   */
  balanceCounts?: readonly { currency: string; balanceMinor: number; invoices: number }[];
}

export function buildInvoiceIndex(invoices: readonly OpenInvoice[], options: InvoiceIndexOptions = {}): InvoiceIndex {
  const byId = new Map<string, OpenInvoice>();
  const byKey = new Map<string, OpenInvoice[]>();
  const byCustomer = new Map<string, OpenInvoice[]>();
  const byBalance = new Map<string, OpenInvoice[]>();
  const names = new Map<string, { name: string; normalised: string }>();
  const digitKeys = new Set<number>();
  let lettersInKeys = false;
  for (const invoice of invoices) {
    checkInvoice(invoice, byId);
    byId.set(invoice.id, invoice);
    for (const key of invoiceNumberKeys(invoice.number)) {
      push(byKey, key, invoice);
      if (/[A-Z]/.test(key)) lettersInKeys = true;
      else if (key.length <= maxDigitKeyLength && key !== '0') digitKeys.add(Number(key));
    }
    push(byCustomer, invoice.customerId, invoice);
    push(byBalance, balanceKey(invoice.currency, invoice.balanceMinor), invoice);
    if (!names.has(invoice.customerId)) names.set(invoice.customerId, { name: invoice.customerName, normalised: normaliseName(invoice.customerName) });
  }
  for (const list of byCustomer.values()) list.sort((a, b) => a.dueOn - b.dueOn || compareText(a.number, b.number));
  const byWord = new Map<string, string[]>();
  for (const [customerId, { normalised }] of names) {
    for (const word of new Set(nameWords(normalised).map(nameWordKey))) push(byWord, word, customerId);
  }
  const alphabet = lettersInKeys ? alphanumerics : digits;
  const { commonNameWords } = options;
  const counts = new Map((options.balanceCounts ?? []).map((each) => [balanceKey(each.currency, each.balanceMinor), each.invoices]));
  const usableWord = (key: string, holders: number) => (commonNameWords ? !commonNameWords.has(key) : !isCommonNameWord(holders, names.size));
  const namedCache = new Map<string, readonly NamedCustomer[]>();
  const findNamed = (normalised: string, minimum: number): readonly NamedCustomer[] => {
    const candidates = new Set<string>();
    for (const word of nameWords(normalised)) {
      const key = nameWordKey(word);
      const customers = byWord.get(key) ?? none;
      if (usableWord(key, customers.length)) for (const customerId of customers) candidates.add(customerId);
    }
    const found: NamedCustomer[] = [];
    for (const customerId of candidates) {
      const entry = names.get(customerId)!;
      const similarity = nameSimilarity(normalised, entry.normalised);
      if (similarity >= minimum) found.push({ customerId, customerName: entry.name, similarity });
    }
    return found.sort((a, b) => b.similarity - a.similarity || compareText(a.customerId, b.customerId));
  };

  return {
    size: byId.size,
    invoice: (id) => byId.get(id),
    withKey: (key) => byKey.get(key) ?? none,
    nearKey: (key) => findNear(key, byKey, digitKeys, /[A-Z]/.test(key) ? alphanumerics : alphabet),
    ofCustomer: (customerId) => byCustomer.get(customerId) ?? none,
    withBalance: (currency, balanceMinor) => byBalance.get(balanceKey(currency, balanceMinor)) ?? none,
    countWithBalance: (currency, balanceMinor) => {
      const key = balanceKey(currency, balanceMinor);
      return counts.get(key) ?? byBalance.get(key)?.length ?? 0;
    },
    customerName: (customerId) => names.get(customerId)?.name,
    normalisedCustomerName: (customerId) => names.get(customerId)?.normalised,
    customersNamed: (payerName, minimum) => {
      const normalised = normaliseName(payerName);
      const cacheKey = `${minimum}\u0000${normalised}`;
      let found = namedCache.get(cacheKey);
      if (!found) {
        found = findNamed(normalised, minimum);
        if (namedCache.size < maxCachedPayerNames) namedCache.set(cacheKey, found);
      }
      return found;
    },
  };
}

/** Every key one substitution, deletion, insertion or swap of neighbours away that some invoice has. */
function findNear(key: string, byKey: ReadonlyMap<string, readonly OpenInvoice[]>, digitKeys: ReadonlySet<number>, alphabet: string): NearInvoice[] {
  if (key.length < minTypoKeyLength) return [];
  const found = /^[1-9]\d*$/.test(key) && key.length <= maxDigitKeyLength ? nearDigitKeys(key, digitKeys) : nearTextKeys(key, byKey, alphabet);
  const near: NearInvoice[] = [];
  for (const [candidate, edit] of found) for (const invoice of byKey.get(candidate) ?? none) near.push({ invoice, key: candidate, edit });
  return near;
}

// Keys of digits only (nearly every invoice number) are searched as numbers: a candidate is a
// little arithmetic and a lookup in a set of numbers, with no string built until one exists.
export const maxDigitKeyLength = 14;
const powersOfTen = Array.from({ length: maxDigitKeyLength + 2 }, (_, power) => 10 ** power);

function nearDigitKeys(key: string, digitKeys: ReadonlySet<number>): Map<string, EditKind> {
  const found = new Map<string, EditKind>();
  const value = Number(key);
  const length = key.length;
  for (let index = 0; index < length; index += 1) {
    const place = powersOfTen[length - 1 - index]!;
    const digit = key.charCodeAt(index) - 48;
    // The memo has a character the invoice number lacks; a key never starts with a zero.
    if (!(index === 0 && key.charCodeAt(1) === 48)) note(found, digitKeys, value, Math.floor(value / (place * 10)) * place + (value % place), 'extra');
    for (let other = index === 0 ? 1 : 0; other <= 9; other += 1) if (other !== digit) note(found, digitKeys, value, value + (other - digit) * place, 'substituted');
    if (index + 1 < length) {
      const next = key.charCodeAt(index + 1) - 48;
      if (next !== digit && !(index === 0 && next === 0)) note(found, digitKeys, value, value + (next - digit) * place + (digit - next) * (place / 10), 'transposed');
    }
  }
  // The memo lacks a character the invoice number has.
  for (let index = 0; index <= length; index += 1) {
    const place = powersOfTen[length - index]!;
    const high = Math.floor(value / place);
    const low = value % place;
    for (let other = index === 0 ? 1 : 0; other <= 9; other += 1) note(found, digitKeys, value, (high * 10 + other) * place + low, 'missing');
  }
  return found;
}

// A function of its own, not a closure: this runs a hundred times per mention.
function note(found: Map<string, EditKind>, digitKeys: ReadonlySet<number>, value: number, candidate: number, edit: EditKind): void {
  if (candidate === value || !digitKeys.has(candidate)) return;
  const text = String(candidate);
  if (!found.has(text)) found.set(text, edit);
}

function nearTextKeys(key: string, byKey: ReadonlyMap<string, readonly OpenInvoice[]>, alphabet: string): Map<string, EditKind> {
  const found = new Map<string, EditKind>();
  const visit = (candidate: string, edit: EditKind) => {
    // A leading zero is not part of a key: "01042" is "1042" itself, not a typo of it.
    if (candidate === key || candidate.startsWith('0') || found.has(candidate) || !byKey.has(candidate)) return;
    found.set(candidate, edit);
  };
  for (let index = 0; index < key.length; index += 1) {
    const before = key.slice(0, index);
    const after = key.slice(index + 1);
    visit(before + after, 'extra');
    for (const character of alphabet) {
      if (character !== key[index]) visit(before + character + after, 'substituted');
    }
    if (index + 1 < key.length && key[index] !== key[index + 1]) visit(before + key[index + 1] + key[index] + key.slice(index + 2), 'transposed');
  }
  for (let index = 0; index <= key.length; index += 1) {
    for (const character of alphabet) visit(key.slice(0, index) + character + key.slice(index), 'missing');
  }
  return found;
}

function checkInvoice(invoice: OpenInvoice, seen: ReadonlyMap<string, OpenInvoice>): void {
  const record = `invoice ${invoice.id === '' ? '(no id)' : invoice.id}`;
  if (typeof invoice.id !== 'string' || invoice.id === '') throw new CashInputError(record, 'id', 'must be a non-empty string');
  if (seen.has(invoice.id)) throw new CashInputError(record, 'id', 'appears twice among the open invoices');
  if (typeof invoice.number !== 'string' || invoiceNumberKeys(invoice.number).length === 0) throw new CashInputError(record, 'number', `"${String(invoice.number)}" holds no letters or digits`);
  if (typeof invoice.customerId !== 'string' || invoice.customerId === '') throw new CashInputError(record, 'customerId', 'must be a non-empty string');
  if (typeof invoice.customerName !== 'string') throw new CashInputError(record, 'customerName', 'must be a string');
  if (!Number.isSafeInteger(invoice.balanceMinor) || invoice.balanceMinor <= 0) throw new CashInputError(record, 'balanceMinor', `must be a whole number of minor units above zero, got ${String(invoice.balanceMinor)}`);
  if (typeof invoice.currency !== 'string' || !/^[A-Z]{3}$/.test(invoice.currency)) throw new CashInputError(record, 'currency', `must be an ISO 4217 code, got "${String(invoice.currency)}"`);
  if (!Number.isInteger(invoice.dueOn)) throw new CashInputError(record, 'dueOn', 'must be a calendar day');
  if (invoice.issuedOn !== null && !Number.isInteger(invoice.issuedOn)) throw new CashInputError(record, 'issuedOn', 'must be a calendar day or null');
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function balanceKey(currency: string, minor: number): string {
  return `${currency}:${minor}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
