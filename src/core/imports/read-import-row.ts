import { isEmailAddress } from '../access/email-address.ts';
import { isKnownCurrency } from '../money/money.ts';
import { isValidTimeZone } from '../time/time-zone.ts';
import { importFields, type ImportField } from './import-fields.ts';
import type { ResolvedMapping } from './import-mapping.ts';
import { parseAmountCell } from './parse-amount-cell.ts';
import { parseDateCell } from './parse-date-cell.ts';

// One CSV row to one typed record, or every problem with it. A problem names the column as the
// file heads it, the value as written and the reason, for the reject log.

export interface RowProblem {
  /** The heading of the column in the file; '' for a problem of the whole row. */
  column: string;
  value: string;
  reason: string;
}

export interface CustomerRow {
  kind: 'customers';
  id: string;
  /** Present only for mapped columns; null: the cell was empty (the field is cleared). */
  fields: Partial<{ name: string; timeZone: string | null; locale: string | null; region: string | null; industry: string | null; tier: string | null; score: number | null; tags: string[] }>;
  /** `name` is absent when the file has no contact-name column. */
  contact: { email: string; name?: string | null } | null;
}

export interface ContactRow {
  kind: 'contacts';
  customerId: string;
  email: string;
  fields: Partial<{ name: string | null; role: string | null; isPrimary: boolean }>;
}

export interface InvoiceRow {
  kind: 'invoices';
  id: string;
  number: string;
  customerId: string;
  customerName: string | null;
  contactEmail: string | null;
  issuedOn: string;
  dueOn: string;
  amountMinor: number;
  balanceMinor: number;
  currency: string;
  status: 'open' | 'closed';
}

export interface PaymentRow {
  kind: 'payments';
  id: string;
  receivedOn: string;
  amountMinor: number;
  currency: string;
  customerId: string | null;
  payerName: string | null;
  invoiceNumber: string | null;
  memo: string | null;
}

export type ImportRow = CustomerRow | ContactRow | InvoiceRow | PaymentRow;

export type ReadImportRowResult = { ok: true; row: ImportRow } | { ok: false; problems: RowProblem[] };

const closedWords = new Set(['closed', 'paid', 'paid in full', 'void', 'voided', 'cancelled', 'canceled', 'written off', 'reversed', 'settled']);
const openWords = new Set(['open', 'unpaid', 'overdue', 'past due', 'due', 'partially paid', 'partial', 'outstanding', 'sent', 'posted', 'approved', 'authorised', 'authorized']);
const yesWords = new Set(['yes', 'y', 'true', '1', 'x', 'primary', 'ja', 'oui', 'si', 'sí']);
const noWords = new Set(['no', 'n', 'false', '0', '', 'nein', 'non']);

/** Reads the cells of one row with a checked mapping. */
export function readImportRow(cells: readonly string[], mapping: ResolvedMapping): ReadImportRowResult {
  const problems: RowProblem[] = [];
  if (cells.length !== mapping.headings.length) {
    return { ok: false, problems: [{ column: '', value: '', reason: `has ${cells.length} cells where the header has ${mapping.headings.length} columns` }] };
  }
  const read = new Map<string, unknown>();
  const currencyIndex = mapping.indexes.get('currency');
  const currency = currencyIndex === undefined || cells[currencyIndex]!.trim() === '' ? mapping.currency : cells[currencyIndex]!.trim().toUpperCase();
  for (const field of importFields[mapping.kind]) {
    const index = mapping.indexes.get(field.name);
    if (index === undefined) continue;
    const text = cells[index]!;
    const value = text.trim();
    const column = mapping.headings[index]!;
    if (value === '') {
      if (field.required) problems.push({ column, value: text, reason: `is empty: ${field.heading} is required` });
      else read.set(field.name, null);
      continue;
    }
    // A row in an unknown currency has no amounts to read: the currency cell's problem says it.
    if (field.type === 'amount' && !isKnownCurrency(currency)) continue;
    const cell = readCell(field, value, { mapping, currency });
    if (cell.ok) read.set(field.name, cell.value);
    else problems.push({ column, value: text, reason: cell.reason });
  }
  if (problems.length > 0) return { ok: false, problems };
  return buildRow({ read, mapping, currency, cells });
}

type CellResult = { ok: true; value: unknown } | { ok: false; reason: string };

function readCell(field: ImportField, value: string, context: { mapping: ResolvedMapping; currency: string }): CellResult {
  switch (field.type) {
    case 'id':
      return value.length > 255 ? { ok: false, reason: 'is longer than 255 characters' } : { ok: true, value };
    case 'text':
      return { ok: true, value };
    case 'email':
      return isEmailAddress(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, reason: 'is not an email address' };
    case 'date': {
      const date = parseDateCell(value, context.mapping.dateFormat);
      return date.ok ? { ok: true, value: date.on } : date;
    }
    case 'amount': {
      const amount = parseAmountCell(value, { currency: context.currency, decimalSeparator: context.mapping.decimalSeparator });
      return amount.ok ? { ok: true, value: amount.minor } : amount;
    }
    case 'currency':
      return isKnownCurrency(value.toUpperCase()) ? { ok: true, value: value.toUpperCase() } : { ok: false, reason: 'is not an ISO 4217 currency code such as EUR or USD' };
    case 'timeZone':
      return isValidTimeZone(value) ? { ok: true, value } : { ok: false, reason: 'is not an IANA time zone such as Europe/Berlin' };
    case 'locale':
      try {
        return { ok: true, value: Intl.getCanonicalLocales(value.replace(/_/g, '-'))[0]! };
      } catch {
        return { ok: false, reason: 'is not a BCP 47 language tag such as de-DE' };
      }
    case 'tags':
      return { ok: true, value: [...new Set(value.split(/[;|]/).map((tag) => tag.trim()).filter(Boolean))] };
    case 'boolean': {
      const word = value.toLowerCase();
      if (yesWords.has(word)) return { ok: true, value: true };
      if (noWords.has(word)) return { ok: true, value: false };
      return { ok: false, reason: 'is not yes or no' };
    }
    case 'number': {
      const number = Number(context.mapping.decimalSeparator === ',' ? value.replace(',', '.') : value);
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, reason: 'is not a number' };
    }
    case 'invoiceStatus': {
      const word = value.toLowerCase().replace(/[_-]+/g, ' ');
      if (closedWords.has(word)) return { ok: true, value: 'closed' };
      if (openWords.has(word)) return { ok: true, value: 'open' };
      return { ok: false, reason: 'is not a status Plixo knows: open (unpaid, overdue, partially paid) or closed (paid, void, cancelled)' };
    }
  }
}

function buildRow({ read, mapping, currency, cells }: { read: Map<string, unknown>; mapping: ResolvedMapping; currency: string; cells: readonly string[] }): ReadImportRowResult {
  const get = <T>(name: string): T | null => (read.get(name) ?? null) as T | null;
  const heading = (name: string): string => mapping.headings[mapping.indexes.get(name) ?? -1] ?? name;
  const fail = (name: string, reason: string): ReadImportRowResult => {
    const index = mapping.indexes.get(name);
    return { ok: false, problems: [{ column: heading(name), value: index === undefined ? '' : cells[index]!, reason }] };
  };
  switch (mapping.kind) {
    case 'customers': {
      const fields: CustomerRow['fields'] = {};
      for (const name of ['name', 'timeZone', 'locale', 'region', 'industry', 'tier', 'score', 'tags'] as const) {
        if (read.has(name)) (fields as Record<string, unknown>)[name] = name === 'tags' ? (get<string[]>(name) ?? []) : get(name);
      }
      const email = get<string>('contactEmail');
      if (!email && get('contactName')) return fail('contactName', 'has a contact name but no contact email');
      const contact = email ? { email, ...(read.has('contactName') ? { name: get<string>('contactName') } : {}) } : null;
      return { ok: true, row: { kind: 'customers', id: get<string>('id')!, fields, contact } };
    }
    case 'contacts': {
      const fields: ContactRow['fields'] = {};
      if (read.has('name')) fields.name = get<string>('name');
      if (read.has('role')) fields.role = get<string>('role');
      if (read.has('isPrimary')) fields.isPrimary = get<boolean>('isPrimary') ?? false;
      return { ok: true, row: { kind: 'contacts', customerId: get<string>('customerId')!, email: get<string>('email')!, fields } };
    }
    case 'invoices': {
      const balanceMinor = get<number>('balance')!;
      const amountMinor = get<number>('amount') ?? balanceMinor;
      const issuedOn = get<string>('issuedOn')!;
      const dueOn = get<string>('dueOn')!;
      if (balanceMinor < 0) return fail('balance', 'must not be negative (a credit note is not an invoice)');
      if (balanceMinor > amountMinor) return fail('balance', 'is more than the invoice amount');
      if (dueOn < issuedOn) return fail('dueOn', `is before the invoice date ${issuedOn}`);
      const number = get<string>('number')!;
      return {
        ok: true,
        row: {
          kind: 'invoices',
          id: get<string>('id') ?? number,
          number,
          customerId: get<string>('customerId') ?? get<string>('customerName')!,
          customerName: get<string>('customerName'),
          contactEmail: get<string>('contactEmail'),
          issuedOn,
          dueOn,
          amountMinor,
          balanceMinor,
          currency,
          status: get<'open' | 'closed'>('status') ?? (balanceMinor > 0 ? 'open' : 'closed'),
        },
      };
    }
    case 'payments': {
      const amountMinor = get<number>('amount')!;
      if (amountMinor <= 0) return fail('amount', 'must be more than zero');
      return {
        ok: true,
        row: {
          kind: 'payments',
          id: get<string>('id')!,
          receivedOn: get<string>('receivedOn')!,
          amountMinor,
          currency,
          customerId: get<string>('customerId'),
          payerName: get<string>('payerName'),
          invoiceNumber: get<string>('invoiceNumber'),
          memo: get<string>('memo'),
        },
      };
    }
  }
}
