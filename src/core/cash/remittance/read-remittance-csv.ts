import { formatAmount } from '../../money/money.ts';
import { guessColumns } from '../../imports/import-mapping.ts';
import { guessDecimalSeparator } from '../../imports/parse-amount-cell.ts';
import { amountFields, isCarriedTotal, isTotalText, remittanceFields, type RemittanceFieldName } from './remittance-fields.ts';
import { cellCurrency, readAmountCell } from './read-amounts.ts';
import { maxAdviceLines, type AdviceIssue, type AdviceLine, type ReadAdviceResult } from './remittance-advice.ts';

// A remittance advice exported as CSV by the payer's payables system: the columns guessed from
// the headings (a title row or two above them is passed over), amounts read with the file's
// decimal separator (guessed from the amounts, else the workspace's locale), and every line that
// cannot be read reported with its line, heading, value and reason.

export interface RemittanceCsvInput {
  headings: readonly string[];
  /** The rows after the header, with their line numbers, as the CSV reader gives them. */
  rows: readonly { line: number; cells: readonly string[] }[];
  /** The payment's: amounts are read in its minor units. */
  currency: string;
  /** The workspace's locale writes a decimal comma: the separator when the amounts cannot tell. */
  decimalComma: boolean;
}

const headingSearchRows = 10;

export function readRemittanceCsv(input: RemittanceCsvInput): ReadAdviceResult {
  const table = findHeadings(input);
  if (!table.ok) return { ok: false, failure: table.failure };
  const { headings, rows, columns } = table;
  if (rows.length > maxAdviceLines) return { ok: false, failure: { field: 'file', line: null, page: null, reason: `has ${rows.length} lines: a remittance advice may have at most ${maxAdviceLines}` } };
  const index = (field: RemittanceFieldName) => (columns[field] === undefined ? -1 : headings.indexOf(columns[field]!));
  const cell = (row: readonly string[], field: RemittanceFieldName) => (index(field) < 0 ? '' : (row[index(field)] ?? '').trim());
  const samples = amountFields.flatMap((field) => rows.map((row) => cell(row.cells, field)));
  const guessed = guessDecimalSeparator(samples);
  const decimalSeparator = guessed ?? (input.decimalComma ? ',' : '.');
  const lines: AdviceLine[] = [];
  const issues: AdviceIssue[] = [];
  let statedTotal: { amountMinor: number; at: { line: number; page: null } } | null = null;

  for (const row of rows) {
    const at = { line: row.line, page: null };
    const issue = (field: RemittanceFieldName, value: string, reason: string, outcome: AdviceIssue['outcome'] = 'skipped') => issues.push({ at, field: columns[field] ?? field, value, reason, outcome });
    const amounts: Partial<Record<RemittanceFieldName, number | null>> = {};
    let unreadable = false;
    for (const field of amountFields) {
      const read = readAmountCell(cell(row.cells, field), { currency: input.currency, decimalSeparator });
      if (read.ok) amounts[field] = read.minor;
      else if (!unreadable) {
        issue(field, cell(row.cells, field), read.reason);
        unreadable = true;
      }
    }
    const reference = cell(row.cells, 'reference');
    const firstText = row.cells.find((value) => value.trim() !== '')?.trim() ?? '';
    if (isCarriedTotal(reference || firstText)) continue;
    if (isTotalText(reference || firstText)) {
      const total = amounts.paid ?? amounts.invoiceAmount ?? null;
      if (!unreadable && total !== null) statedTotal = { amountMinor: total, at };
      continue;
    }
    if (unreadable) continue;
    const paid = amounts.paid ?? (amounts.invoiceAmount === null || amounts.invoiceAmount === undefined ? null : amounts.invoiceAmount - Math.abs(amounts.discount ?? 0) - Math.abs(amounts.deduction ?? 0));
    if (reference === '') {
      if (paid !== null) issue('reference', '', 'is empty: the line names no invoice');
      continue;
    }
    if (paid === null) {
      issue(columns.paid ? 'paid' : 'invoiceAmount', '', 'is empty: the line says no amount');
      continue;
    }
    const currencyText = cell(row.cells, 'currency');
    const currency = /^[A-Za-z]{3}$|^[€£¥₹]$/.test(currencyText) ? cellCurrency(currencyText.toUpperCase()) : null;
    if (currencyText !== '' && currency === null) issue('currency', currencyText, 'is not an ISO 4217 currency code: read as the payment’s', 'warning');
    const line: AdviceLine = {
      number: lines.length + 1,
      at,
      reference,
      paidMinor: paid,
      invoiceAmountMinor: amounts.invoiceAmount ?? null,
      discountMinor: Math.abs(amounts.discount ?? 0),
      deductionMinor: Math.abs(amounts.deduction ?? 0),
      reason: cell(row.cells, 'reason') || null,
      currency: currency ?? cellCurrency(cell(row.cells, 'paid')),
    };
    const explained = line.paidMinor + line.discountMinor + line.deductionMinor;
    if (line.invoiceAmountMinor !== null && amounts.paid != null && line.paidMinor > 0 && explained !== line.invoiceAmountMinor) {
      issue('paid', cell(row.cells, 'paid'), `with the discount and deduction it comes to ${formatAmount(explained, input.currency)}, not the invoice amount ${formatAmount(line.invoiceAmountMinor, input.currency)}: the difference is a deduction the advice does not explain`, 'warning');
    }
    lines.push(line);
  }
  if (lines.length === 0) return { ok: false, failure: { field: columns.reference!, line: null, page: null, reason: 'no line names an invoice and an amount' } };
  return { ok: true, advice: { format: 'csv', lines, statedTotal, columns, decimalSeparator, decimalSeparatorUncertain: guessed === null, issues } };
}

type FoundTable =
  | { ok: true; headings: readonly string[]; rows: RemittanceCsvInput['rows']; columns: Record<string, string> }
  | { ok: false; failure: { field: string; line: number | null; page: null; reason: string } };

// Some exports put a title and a date above the headings: the first of the top rows that names
// an invoice column and an amount column is the heading row.
function findHeadings(input: RemittanceCsvInput): FoundTable {
  const candidates = [{ cells: input.headings, after: 0 }, ...input.rows.slice(0, headingSearchRows).map((row, position) => ({ cells: row.cells.map((value) => value.trim()), after: position + 1 }))];
  for (const candidate of candidates) {
    const { columns } = guessColumns(remittanceFields, candidate.cells);
    if (columns.reference !== undefined && (columns.paid !== undefined || columns.invoiceAmount !== undefined)) {
      return { ok: true, headings: candidate.cells, rows: input.rows.slice(candidate.after), columns };
    }
  }
  const { columns } = guessColumns(remittanceFields, input.headings);
  const listed = input.headings.filter((heading) => heading !== '').map((heading) => `"${heading}"`).join(', ');
  if (columns.reference === undefined) {
    return { ok: false, failure: { field: 'reference', line: 1, page: null, reason: `no column names the invoice (the headings are ${listed}); Plixo reads headings such as Invoice No, Document, Reference, Rechnungsnummer, N° facture or Nº factura` } };
  }
  return { ok: false, failure: { field: 'paid', line: 1, page: null, reason: `no column holds the amount paid (the headings are ${listed}); Plixo reads headings such as Amount Paid, Payment Amount, Zahlbetrag, Montant payé or Importe pagado` } };
}
