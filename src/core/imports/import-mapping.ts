import { isKnownCurrency } from '../money/money.ts';
import { importFields, normaliseHeading, type ImportField, type ImportKind } from './import-fields.ts';
import { dateFormats, guessDateFormats, type DateFormat } from './parse-date-cell.ts';
import { decimalSeparators, guessDecimalSeparator, type DecimalSeparator } from './parse-amount-cell.ts';

// The column mapping of a CSV import: which heading of the file holds which field, the file's
// date format and decimal separator, and the currency of rows without one. Guessed from the
// headings and a sample of rows, shown to a person, who fixes it; then checked against the file.

export interface ImportMapping {
  /** Field name → the heading in the file, exactly as written there. */
  columns: Record<string, string>;
  dateFormat?: DateFormat;
  decimalSeparator?: DecimalSeparator;
  /** For rows (or files) without a currency column; default: the workspace's. */
  currency?: string;
}

export interface MappingGuess {
  mapping: ImportMapping;
  /** Per mapped field, how sure the guess is: 'exact' heading or alias, or 'partial' (the heading contains one). */
  confidence: Record<string, 'exact' | 'partial'>;
  /** Headings no field took. */
  unmapped: string[];
  /** Other date formats that read the sample too: the person must choose when there are any. */
  otherDateFormats: DateFormat[];
  /** True when the sample could not tell the decimal separator: the guess is the locale's. */
  decimalSeparatorUncertain: boolean;
}

/** Guesses the mapping of a file from its headings and up to a few hundred sample rows. */
export function guessImportMapping(input: { kind: ImportKind; headings: readonly string[]; sample: readonly (readonly string[])[]; dayFirst: boolean; decimalComma: boolean }): MappingGuess {
  const fields = importFields[input.kind];
  const { columns, confidence, taken } = guessColumns(fields, input.headings);
  const ordered = Object.fromEntries(fields.filter((field) => field.name in columns).map((field) => [field.name, columns[field.name]!]));
  const mapping: ImportMapping = { columns: ordered };
  const samplesOf = (type: ImportField['type']): string[] =>
    fields.filter((field) => field.type === type && columns[field.name] !== undefined).flatMap((field) => {
      const index = input.headings.indexOf(columns[field.name]!);
      return input.sample.map((row) => row[index] ?? '');
    });
  const dates = guessDateFormats(samplesOf('date'), { dayFirst: input.dayFirst });
  if (dates[0]) mapping.dateFormat = dates[0];
  const separator = guessDecimalSeparator(samplesOf('amount'));
  mapping.decimalSeparator = separator ?? (input.decimalComma ? ',' : '.');
  return {
    mapping,
    confidence,
    unmapped: input.headings.filter((_, index) => !taken.has(index)),
    otherDateFormats: dates.slice(1),
    decimalSeparatorUncertain: separator === null,
  };
}

export interface ColumnGuess {
  /** Field name → the heading in the file, exactly as written there. */
  columns: Record<string, string>;
  confidence: Record<string, 'exact' | 'partial'>;
  /** The indexes of the headings a field took. */
  taken: ReadonlySet<number>;
}

/**
 * Which heading holds which field: a heading that is a field's name or alias (earlier aliases
 * first), else one that contains an alias of several words; each heading goes to one field.
 */
export function guessColumns(fields: readonly Pick<ImportField, 'name' | 'heading' | 'aliases'>[], headings: readonly string[]): ColumnGuess {
  const candidates: { field: Pick<ImportField, 'name'>; index: number; score: number }[] = [];
  headings.forEach((heading, index) => {
    const normal = normaliseHeading(heading);
    if (normal === '') return;
    for (const field of fields) {
      const names = [field.heading, field.name, ...field.aliases].map(normaliseHeading);
      const exact = names.indexOf(normal);
      if (exact >= 0) {
        candidates.push({ field, index, score: 2 - exact / 100 });
        continue;
      }
      const words = ` ${normal} `;
      const partial = names.filter((name) => name.includes(' ') && words.includes(` ${name} `)).sort((a, b) => b.length - a.length)[0];
      if (partial) candidates.push({ field, index, score: partial.length / 100 });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  const columns: Record<string, string> = {};
  const confidence: Record<string, 'exact' | 'partial'> = {};
  const taken = new Set<number>();
  for (const candidate of candidates) {
    if (candidate.field.name in columns || taken.has(candidate.index)) continue;
    columns[candidate.field.name] = headings[candidate.index]!;
    confidence[candidate.field.name] = candidate.score >= 1 ? 'exact' : 'partial';
    taken.add(candidate.index);
  }
  return { columns, confidence, taken };
}

export interface ResolvedMapping {
  kind: ImportKind;
  /** Field name → the column index in each row. */
  indexes: ReadonlyMap<string, number>;
  headings: readonly string[];
  dateFormat: DateFormat;
  decimalSeparator: DecimalSeparator;
  currency: string;
}

export type ResolveMappingResult = { ok: true; mapping: ResolvedMapping } | { ok: false; problems: string[] };

/** Checks a mapping against the file's headings: every problem, in words a person can act on. */
export function resolveImportMapping(input: { kind: ImportKind; headings: readonly string[]; mapping: ImportMapping; workspaceCurrency: string }): ResolveMappingResult {
  const { kind, headings, mapping } = input;
  const fields = importFields[kind];
  const problems: string[] = [];
  const indexes = new Map<string, number>();
  const repeated = headings.filter((heading, index) => headings.indexOf(heading) !== index);
  for (const [name, heading] of Object.entries(mapping.columns ?? {})) {
    const field = fields.find((candidate) => candidate.name === name);
    if (!field) {
      problems.push(`the mapping names a field "${name}" that ${kind} imports do not have (they have: ${fields.map((each) => each.name).join(', ')})`);
      continue;
    }
    const index = headings.indexOf(heading);
    if (index < 0) problems.push(`${field.name}: the file has no column "${heading}" (its columns: ${headings.map((each) => JSON.stringify(each)).join(', ')})`);
    else if (repeated.includes(heading)) problems.push(`${field.name}: the file has more than one column "${heading}"`);
    else indexes.set(name, index);
  }
  for (const field of fields) {
    // Exports that name customers only by name (QuickBooks) use the name as the id.
    const standIn = kind === 'invoices' && field.name === 'customerId' && 'customerName' in (mapping.columns ?? {});
    if (field.required && !standIn && !(field.name in (mapping.columns ?? {}))) problems.push(`${field.name} (${field.heading}) is required: map a column to it`);
  }
  const usesDates = fields.some((field) => field.type === 'date' && indexes.has(field.name));
  if (usesDates && (mapping.dateFormat === undefined || !dateFormats.includes(mapping.dateFormat))) {
    problems.push(`dateFormat must be one of ${dateFormats.join(', ')}${mapping.dateFormat === undefined ? '' : `, not "${String(mapping.dateFormat)}"`}`);
  }
  if (mapping.decimalSeparator !== undefined && !decimalSeparators.includes(mapping.decimalSeparator)) {
    problems.push(`decimalSeparator must be "." or ",", not "${String(mapping.decimalSeparator)}"`);
  }
  const currency = mapping.currency ?? input.workspaceCurrency;
  if (!isKnownCurrency(currency)) problems.push(`currency "${currency}" is not an ISO 4217 code`);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    mapping: { kind, indexes, headings, dateFormat: mapping.dateFormat ?? 'YYYY-MM-DD', decimalSeparator: mapping.decimalSeparator ?? '.', currency },
  };
}
