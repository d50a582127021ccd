import { foldText, keysOfGroups } from './normalise-invoice-number.ts';

// Reads a memo the way a cash-application clerk does: numbers after an invoice word ("INV-1042",
// "Invoice #1042", "Rechnung Nr. 1042") are explicit, and so are the numbers of a list that
// follows ("INV-1042, 1043 & 1047"); a bare number ("1042") is a weaker mention; numbers after
// another kind of word ("PO 4711", "Customer 5521") and dates, amounts and IBANs are not invoice
// references at all. Which mention names which invoice is decided later, against the index.

export interface ReferenceMention {
  /** As it stood in the memo (upper-cased), for the reasons. */
  text: string;
  /** Lookup keys (normalise-invoice-number.ts), the plain one first. */
  keys: string[];
  /** An invoice word came before it, or it continues a list that one started. */
  explicit: boolean;
  /** Letters read as digits (O as 0, I and L as 1): counted as a one-character correction. */
  ocrCorrected: boolean;
  /** Filled in from a range ("1042 to 1045"). */
  fromRange: boolean;
  /** A number of several groups ("2024/1045") is mentioned whole and group by group; they share this id. */
  group: number | null;
  role: 'single' | 'whole' | 'part';
}

const invoiceWords = new Set([
  'INV', 'INVS', 'INVOICE', 'INVOICES', 'INVOICENO', 'INVNO', 'INVNR', 'BILL', 'BILLS',
  'RECHNUNG', 'RECHNUNGEN', 'RECHNUNGSNR', 'RECHNUNGSNUMMER', 'RG', 'RGNR', 'RE', 'RENR',
  'FACTURE', 'FACTURES', 'FACT', 'FAC', 'FACTURA', 'FACTURAS', 'FATTURA', 'FATTURE', 'FAKTURA', 'FAKTUR',
]);

const otherNumberWords = new Set([
  'PO', 'PONO', 'PURCHASE', 'ORDER', 'ORDERS', 'ORDERNO', 'BESTELLUNG', 'BESTELLNR', 'AUFTRAG',
  'CUSTOMER', 'CUST', 'CUSTNO', 'KUNDE', 'KUNDENNR', 'KUNDENNUMMER', 'KD', 'KDNR', 'CLIENT',
  'ACCOUNT', 'ACCT', 'ACC', 'CONTRACT', 'VERTRAG', 'VAT', 'TAX', 'UST', 'USTID', 'ID',
  'TEL', 'PHONE', 'FAX', 'ZIP', 'PLZ', 'IBAN', 'BIC', 'SWIFT', 'CHECK', 'CHEQUE', 'CHQ',
  'TRANSACTION', 'TXN', 'TRX', 'BATCH', 'MANDATE', 'MANDAT', 'SEPA', 'CN', 'CREDIT', 'GUTSCHRIFT', 'TICKET', 'CASE',
]);

const fillerWords = new Set(['NO', 'NR', 'NOS', 'NUMBER', 'NUMBERS', 'NUM', 'NUMMER', 'N', 'REF', 'REFERENCE', 'OUR', 'YOUR', '#', ':']);
const listWords = new Set([',', ';', '&', '+', '/', 'AND', 'UND', 'ET', 'Y', 'E']);
const rangeWords = new Set(['TO', 'BIS', 'THRU', 'THROUGH', 'TIL', 'TILL', 'AU', '..', '–', '—']);

// Things that look like numbers but are not invoice numbers; removed before reading.
const notReferences = [
  /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,8}(?: ?[A-Z0-9]{1,3})?\b/g, // IBAN
  /\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/g, // dates
  /\b\d{1,3}(?:[.,']\d{3})*[.,]\d{2}\b/g, // amounts with cents
  /(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CAD|AUD|[€$£])\s?\d[\d.,']*/g, // amounts after a currency
  /\b\d[\d.,']*\s?(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CAD|AUD|[€$£])/g, // amounts before one
];

const maxKeyLength = 12;
const maxRangeLength = 20;

type Mode = 'neutral' | 'explicit' | 'excluded';

export function extractReferences(memo: string): ReferenceMention[] {
  let text = foldText(memo);
  for (const pattern of notReferences) text = text.replace(pattern, ' ');
  const tokens = text.match(/[A-Z0-9]+(?:[-/.][A-Z0-9]+)*|\.{2,}|[,;&+/#:–—]/g) ?? [];
  const mentions: ReferenceMention[] = [];
  const state = { mode: 'neutral' as Mode, wordsSinceKeyword: 0, lastWasNumber: false, pendingRange: false, groups: 0 };

  const readWord = (word: string) => {
    if (invoiceWords.has(word) || /^INV[A-Z]*$/.test(word)) {
      state.mode = 'explicit';
      state.wordsSinceKeyword = 0;
    } else if (otherNumberWords.has(word)) {
      state.mode = 'excluded';
      state.wordsSinceKeyword = 0;
    } else if (!fillerWords.has(word)) {
      // One ordinary word may stand between the keyword and its number ("Rechnung vom Nr 1042").
      state.wordsSinceKeyword += 1;
      if (state.wordsSinceKeyword > 1) state.mode = 'neutral';
    }
    state.lastWasNumber = false;
  };

  for (const token of tokens) {
    if (state.lastWasNumber && listWords.has(token)) continue;
    if (state.lastWasNumber && rangeWords.has(token)) {
      state.pendingRange = true;
      continue;
    }
    if (!/\d/.test(token)) {
      readWord(token);
      state.pendingRange = false;
      continue;
    }
    const parts = token.split(/[-/.]/);
    // Letters before the first digit are words: "INV-1042", "INV1042", "PO-4711".
    while (parts.length > 0 && !/\d/.test(parts[0]!)) readWord(parts.shift()!);
    const leading = /^[A-Z]+/.exec(parts[0]!)?.[0];
    if (leading) {
      readWord(leading);
      parts[0] = parts[0]!.slice(leading.length);
    }
    const excluded = state.mode === 'excluded';
    const explicit = state.mode === 'explicit';
    const range = state.pendingRange;
    state.lastWasNumber = true;
    state.pendingRange = false;
    if (excluded) continue;
    const read = readNumber(parts, token, explicit, state.groups);
    if (read.length > 1) state.groups += 1;
    if (range) mentions.push(...fillRange(mentions[mentions.length - 1], read[0]));
    mentions.push(...read);
  }
  return mentions;
}

function readNumber(parts: string[], text: string, explicit: boolean, groupId: number): ReferenceMention[] {
  let ocrCorrected = false;
  const folded = parts.map((part) => {
    if (/^[0-9OIL]+$/.test(part) && /[OIL]/.test(part) && part.replace(/[OIL]/g, '').length >= 2) {
      ocrCorrected = true;
      return part.replace(/O/g, '0').replace(/[IL]/g, '1');
    }
    return part;
  });
  const usable = (keys: string[]) => keys.length > 0 && keys[0]!.length <= maxKeyLength && (explicit || (keys[0]!.length >= 3 && /\d/.test(keys[0]!)));
  const base = { explicit, ocrCorrected, fromRange: false };
  const listLike = folded.length > 1 && folded.every((part) => /^\d+$/.test(part)) && folded.slice(1).every((part) => part.length >= 3);
  if (!listLike) {
    const keys = keysOfGroups(folded);
    return usable(keys) ? [{ ...base, text, keys, group: null, role: 'single' }] : [];
  }
  const whole = keysOfGroups(folded);
  const mentions: ReferenceMention[] = usable(whole) ? [{ ...base, text, keys: whole, group: groupId, role: 'whole' }] : [];
  for (const part of folded) {
    const keys = keysOfGroups([part]);
    if (usable(keys)) mentions.push({ ...base, text: part, keys, group: groupId, role: 'part' });
  }
  return mentions;
}

/** The numbers strictly between two mentions of a range, when both are plain numbers of one length. */
function fillRange(from: ReferenceMention | undefined, to: ReferenceMention | undefined): ReferenceMention[] {
  if (!from || !to || from.role !== 'single' || to.role !== 'single') return [];
  const start = from.keys[0]!;
  const end = to.keys[0]!;
  if (!/^\d+$/.test(start) || !/^\d+$/.test(end) || start.length !== end.length) return [];
  const first = Number(start);
  const last = Number(end);
  if (!(last > first && last - first <= maxRangeLength)) return [];
  const filled: ReferenceMention[] = [];
  for (let value = first + 1; value < last; value += 1) {
    const key = String(value);
    filled.push({ text: key, keys: [key], explicit: from.explicit, ocrCorrected: false, fromRange: true, group: null, role: 'single' });
  }
  return filled;
}
