import { readRemittanceCsv } from './read-remittance-csv.ts';
import { readRemittanceText } from './read-remittance-text.ts';
import type { ReadAdviceResult, RemittanceDocument } from './remittance-advice.ts';

/** A remittance file's advice, read by the reader of its kind. */
export function readRemittanceAdvice(input: { document: RemittanceDocument; currency: string; decimalComma: boolean }): ReadAdviceResult {
  const { document, currency, decimalComma } = input;
  if (document.kind === 'csv') return readRemittanceCsv({ headings: document.headings, rows: document.rows, currency, decimalComma });
  return readRemittanceText({ pages: document.pages, currency, decimalComma });
}
