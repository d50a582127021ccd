import { importFields, type ImportKind } from './import-fields.ts';
import { formatCsvRow } from './format-csv-row.ts';

/** A template file for an import: the headings Plixo reads and one example row. */
export function renderImportTemplate(kind: ImportKind): string {
  const fields = importFields[kind];
  return formatCsvRow(fields.map((field) => field.heading)) + formatCsvRow(fields.map((field) => field.example));
}
