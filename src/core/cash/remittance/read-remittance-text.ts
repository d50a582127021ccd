import { guessColumns } from '../../imports/import-mapping.ts';
import { guessDecimalSeparator, type DecimalSeparator } from '../../imports/parse-amount-cell.ts';
import { extractReferences } from '../extract-references.ts';
import { amountSamples, findTextAmounts, splitCells, type TextAmount, type TextCell } from './read-amounts.ts';
import { isCarriedTotal, isTotalText, namesPaidTotal, remittanceFields, type RemittanceFieldName } from './remittance-fields.ts';
import { pickLineAmounts } from './pick-line-amounts.ts';
import { maxAdviceLines, type AdviceIssue, type AdviceLine, type AdvicePlace, type ReadAdviceResult } from './remittance-advice.ts';

// A remittance advice as layout text (the text of a PDF advice, page by page, its columns apart
// by two spaces or more; or a plain text file): a line with an invoice number and one or more
// amounts is a line of the advice. Under a heading line ("Invoice No  Date  Gross  Discount
// Paid") each amount is read from its column; without one, the paid amount is the line's last
// and the others are the invoice's amount and the deductions when they add up. A total line
// ("Total", "Summe", "Montant total") is the advice's stated total; a total carried to the next
// page is not.

export interface RemittanceTextInput {
  /** Each page's lines. */
  pages: readonly (readonly string[])[];
  currency: string;
  decimalComma: boolean;
}

interface HeadingLine {
  cells: TextCell[];
  /** The field each heading cell holds (index into cells), for the fields found. */
  fields: Map<number, RemittanceFieldName>;
  text: Record<string, string>;
}

interface TotalCandidate {
  amounts: number[];
  paidColumn: number | null;
  namesPaid: boolean;
  at: AdvicePlace;
}

export function readRemittanceText(input: RemittanceTextInput): ReadAdviceResult {
  const all = input.pages.flatMap((lines) => lines);
  if (all.every((line) => line.trim() === '')) {
    return { ok: false, failure: { field: 'file', line: null, page: null, reason: 'holds no text (a scanned image?): ask the payer for the advice as a text PDF or a CSV file' } };
  }
  const guessed = guessDecimalSeparator(all.flatMap(amountSamples));
  const decimalSeparator: DecimalSeparator = guessed ?? (input.decimalComma ? ',' : '.');
  const options = { currency: input.currency, decimalSeparator };
  const lines: AdviceLine[] = [];
  const issues: AdviceIssue[] = [];
  const totals: TotalCandidate[] = [];
  let heading: HeadingLine | null = null;
  let columns: Record<string, string> = {};

  input.pages.forEach((pageLines, pageIndex) => {
    pageLines.forEach((text, lineIndex) => {
      const at = { page: pageIndex + 1, line: lineIndex + 1 };
      if (text.trim() === '') return;
      const amounts = findTextAmounts(text, options);
      if (amounts.length === 0) {
        const found = readHeading(text);
        if (found) {
          heading = found;
          columns = found.text;
        } else if (heading) {
          noteReferenceWithoutAmount(text, heading, at, issues);
        }
        return;
      }
      if (isCarriedTotal(text)) return;
      if (isTotalText(text)) {
        totals.push({ amounts: amounts.map((amount) => amount.minor), paidColumn: heading ? paidAmountIndex(heading, text, amounts) : null, namesPaid: namesPaidTotal(text.slice(0, amounts[0]!.start)), at });
        return;
      }
      const line = readLine({ text, amounts, heading, at, number: lines.length + 1 });
      if (line) lines.push(line);
    });
  });
  if (lines.length > maxAdviceLines) return { ok: false, failure: { field: 'file', line: null, page: null, reason: `has ${lines.length} invoice lines: a remittance advice may have at most ${maxAdviceLines}` } };
  if (lines.length === 0) {
    return { ok: false, failure: { field: 'file', line: null, page: null, reason: 'has no line with an invoice number and an amount' } };
  }
  const sum = lines.reduce((total, line) => total + line.paidMinor, 0);
  return { ok: true, advice: { format: 'text', lines, statedTotal: chooseTotal(totals, sum), columns, decimalSeparator, decimalSeparatorUncertain: guessed === null, issues } };
}

/** A line of headings: no amounts, and among its cells one naming the invoice and one an amount column. */
function readHeading(text: string): HeadingLine | null {
  const cells = splitCells(text);
  if (cells.length < 2) return null;
  const { columns } = guessColumns(remittanceFields, cells.map((cell) => cell.text));
  if (columns.reference === undefined || (columns.paid === undefined && columns.invoiceAmount === undefined)) return null;
  const fields = new Map<number, RemittanceFieldName>();
  for (const [field, headingText] of Object.entries(columns)) fields.set(cells.findIndex((cell) => cell.text === headingText), field as RemittanceFieldName);
  return { cells, fields, text: columns };
}

function readLine(input: { text: string; amounts: TextAmount[]; heading: HeadingLine | null; at: AdvicePlace; number: number }): AdviceLine | null {
  const { text, amounts, heading, at, number } = input;
  const placed = heading ? placeCells(heading, text) : null;
  const referenceCell = placed?.get('reference');
  const reference = (referenceCell && !amounts.some((amount) => overlaps(amount, referenceCell)) ? firstReference(referenceCell.text) ?? referenceCell.text : null) ?? referenceOfLine(blankAmounts(text, amounts));
  const credit = amounts[amounts.length - 1]!.minor < 0;
  const named = reference ?? (credit ? creditReference(blankAmounts(text, amounts)) : null);
  if (!named) return null;
  const inColumn = (field: RemittanceFieldName): number | null => {
    const cell = placed?.get(field);
    const amount = cell ? amounts.find((each) => overlaps(each, cell)) : undefined;
    return amount ? amount.minor : null;
  };
  const paidInColumn = inColumn('paid');
  const picked = pickLineAmounts(amounts.map((amount) => amount.minor));
  const paidMinor = paidInColumn ?? picked.paidMinor;
  const fromColumns = paidInColumn !== null;
  const lastAmount = amounts[amounts.length - 1]!;
  const reasonCell = placed?.get('reason');
  const trailing = text.slice(lastAmount.end).trim();
  return {
    number,
    at,
    reference: named,
    paidMinor,
    invoiceAmountMinor: fromColumns ? inColumn('invoiceAmount') : picked.invoiceAmountMinor,
    discountMinor: Math.abs(fromColumns ? (inColumn('discount') ?? 0) : picked.discountMinor),
    deductionMinor: Math.abs(fromColumns ? (inColumn('deduction') ?? 0) : picked.deductionMinor),
    reason: reasonCell ? reasonCell.text : !heading && trailing !== '' && /[A-Za-z]/.test(trailing) && !/^[A-Z]{3}$/.test(trailing) ? trailing : null,
    currency: amounts.find((amount) => amount.currency !== null)?.currency ?? null,
  };
}

/**
 * The field each cell of a line sits under. With as many cells as headings, cell by cell;
 * otherwise by where the cell overlaps a heading most, or the nearest heading.
 */
function placeCells(heading: HeadingLine, text: string): Map<RemittanceFieldName, TextCell> {
  const cells = splitCells(text);
  const placed = new Map<RemittanceFieldName, TextCell>();
  if (cells.length === heading.cells.length) {
    cells.forEach((cell, index) => {
      const field = heading.fields.get(index);
      if (field) placed.set(field, cell);
    });
    return placed;
  }
  for (const cell of cells) {
    let best = -1;
    let bestScore = -Infinity;
    heading.cells.forEach((headingCell, index) => {
      const overlap = Math.min(cell.end, headingCell.end) - Math.max(cell.start, headingCell.start);
      const distance = Math.abs((cell.start + cell.end) / 2 - (headingCell.start + headingCell.end) / 2);
      const score = overlap > 0 ? overlap : -distance;
      if (score > bestScore) {
        bestScore = score;
        best = index;
      }
    });
    const field = heading.fields.get(best);
    if (field && !placed.has(field)) placed.set(field, cell);
  }
  return placed;
}

/**
 * Without a heading to say where, a line's invoice is one named as such ("INV-1042", "Rechnung
 * 1042") anywhere, or a number in its first two cells (a position number may come first): a
 * number further along is a payment number, a date or a posting reference, not an invoice line.
 */
function referenceOfLine(text: string): string | null {
  const mentions = extractReferences(text).filter((mention) => mention.role !== 'part');
  const explicit = mentions.find((each) => each.explicit);
  if (explicit) return originalText(text, explicit.text);
  for (const cell of splitCells(text).slice(0, 2)) {
    const first = /^\S+/.exec(cell.text)![0];
    const reference = firstReference(first);
    if (reference) return reference;
  }
  return null;
}

/** A credit line names a credit note, which the invoice reader passes over ("Gutschrift GS-88"): its first code with a digit. */
function creditReference(text: string): string | null {
  return /(?<![\w.,-])[A-Za-z]*[-/]?\d[\w/-]*[A-Za-z0-9]/.exec(text)?.[0] ?? null;
}

/** The invoice number a piece of text names: the first explicit mention ("INV-1042", "Rechnung 1042"), else the first number of three characters or more. */
function firstReference(text: string): string | null {
  const mentions = extractReferences(text).filter((mention) => mention.role !== 'part');
  const mention = mentions.find((each) => each.explicit) ?? mentions[0];
  return mention ? originalText(text, mention.text) : null;
}

/** The mention as the line wrote it (the reader upper-cases and folds accents). */
function originalText(text: string, folded: string): string {
  const at = text.toUpperCase().indexOf(folded);
  return at >= 0 ? text.slice(at, at + folded.length) : folded;
}

function blankAmounts(text: string, amounts: readonly TextAmount[]): string {
  let blanked = text;
  for (const amount of amounts) blanked = blanked.slice(0, amount.start) + ' '.repeat(amount.end - amount.start) + blanked.slice(amount.end);
  return blanked;
}

function overlaps(amount: TextAmount, cell: TextCell): boolean {
  return amount.start < cell.end && amount.end > cell.start;
}

/** On a total line under headings, which of its amounts stands in the paid column. */
function paidAmountIndex(heading: HeadingLine, text: string, amounts: readonly TextAmount[]): number | null {
  const cell = placeCells(heading, text).get('paid');
  if (!cell) return null;
  const index = amounts.findIndex((amount) => overlaps(amount, cell));
  return index >= 0 ? index : null;
}

/** A line under the headings that names an invoice in its invoice column but has no amount: worth telling the reviewer. */
function noteReferenceWithoutAmount(text: string, heading: HeadingLine, at: AdvicePlace, issues: AdviceIssue[]): void {
  const cell = placeCells(heading, text).get('reference');
  if (!cell || isTotalText(text) || isCarriedTotal(text)) return;
  const reference = firstReference(cell.text);
  if (reference && /\d{3}/.test(reference)) issues.push({ at, field: heading.text.reference ?? 'reference', value: reference, reason: 'the line names an invoice but no amount: not read', outcome: 'skipped' });
}

/**
 * The advice's total: the amount of a total line that equals the lines' sum if there is one
 * (an advice may list "Total invoices", "Total discounts" and "Total paid"), else the one that
 * names the amount paid, else the last total line's amount in the paid column (or its last).
 */
function chooseTotal(totals: readonly TotalCandidate[], sum: number): { amountMinor: number; at: AdvicePlace } | null {
  for (const total of totals) if (total.amounts.includes(sum)) return { amountMinor: sum, at: total.at };
  const chosen = [...totals].reverse().find((total) => total.namesPaid) ?? totals[totals.length - 1];
  if (!chosen) return null;
  const amount = chosen.paidColumn !== null ? chosen.amounts[chosen.paidColumn]! : chosen.amounts[chosen.amounts.length - 1]!;
  return { amountMinor: amount, at: chosen.at };
}
