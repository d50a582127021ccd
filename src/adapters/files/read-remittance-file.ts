import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import type { ReadRemittanceFileResult, RemittanceDocument } from '../../app/ports/remittance-file-reader.ts';
import { extractPdfText, PdfTextError } from '../pdf/extract-pdf-text.ts';
import { CsvFileError, openCsvFile } from './open-csv-file.ts';

// A remittance file as the payer sent it: a PDF advice (its text, by extract-pdf-text.ts), a CSV
// export (by the imports' CSV reader: BOM, UTF-16, sniffed separator, quoted newlines, line
// numbers), or a plain text file (pages apart by form feeds). What it is, is told by its first
// bytes and then its name: a spreadsheet or an image is refused with what to send instead.

/** Rows beyond this are not read: the advice reader refuses files this long anyway. */
const maxCsvRows = 10_000;

export async function readRemittanceFile(file: { name: string; content: Uint8Array }): Promise<ReadRemittanceFileResult> {
  const { name, content } = file;
  const head = Buffer.from(content.subarray(0, 1024));
  // The header may follow a little junk (the format allows up to 1 KB); in a file not named .pdf it must come first.
  const header = head.indexOf('%PDF-');
  if (header === 0 || (header > 0 && /\.pdf$/i.test(name))) return readPdf(content);
  const refused = refuseBinary(head);
  if (refused) return { ok: false, reason: refused, line: null };
  if (/\.pdf$/i.test(name)) return { ok: false, reason: 'is named .pdf but is not a PDF file', line: null };
  const text = decode(content);
  if (looksLikeCsv(name, text)) return readCsv(text);
  return { ok: true, document: { kind: 'text', source: 'text', pages: text.split('\f').map((page) => page.split(/\r?\n/)) } };
}

async function readPdf(content: Uint8Array): Promise<ReadRemittanceFileResult> {
  try {
    return { ok: true, document: { kind: 'text', source: 'pdf', pages: await extractPdfText(content) } };
  } catch (error) {
    if (error instanceof PdfTextError) return { ok: false, reason: error.message, line: null };
    throw error;
  }
}

function refuseBinary(head: Buffer): string | null {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    return 'is a spreadsheet (Excel or similar): save the advice as CSV, or send the PDF';
  }
  if (head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) || head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || head.subarray(0, 4).toString('latin1') === 'II*\u0000') {
    return 'is an image: Plixo reads the text of PDF advices and CSV files, not scans; ask the payer for either';
  }
  const sample = head[0] === 0xff && head[1] === 0xfe ? Buffer.alloc(0) : head;
  if (sample.includes(0)) return 'is not a text, CSV or PDF file';
  return null;
}

// UTF-16 and UTF-8 (with or without a byte-order mark); a file that is not valid UTF-8 is read
// as Windows-1252, as payables systems on Windows write it ("Währung", "Montant réglé").
function decode(content: Uint8Array): string {
  if (content[0] === 0xff && content[1] === 0xfe) return new TextDecoder('utf-16le').decode(content).replace(/^\ufeff/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

/** A .csv or .tsv name, or a first line with cells apart by semicolons, tabs or pipes (twice at least). */
function looksLikeCsv(name: string, text: string): boolean {
  if (/\.(csv|tsv)$/i.test(name)) return true;
  if (/\.(txt|text)$/i.test(name) && !/[;\t|]/.test(text.slice(0, 200))) return false;
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return [';', '\t', '|'].some((separator) => first.split(separator).length >= 3) || (!/\.(txt|text)$/i.test(name) && first.split(',').length >= 3);
}

// The imports' reader works on a file: the text goes through it as one, so both read alike.
async function readCsv(text: string): Promise<ReadRemittanceFileResult> {
  const folder = await mkdtemp(join(tmpdir(), 'plixo-remittance-'));
  try {
    const path = join(folder, 'remittance.csv');
    await writeFile(path, text);
    const file = await openCsvFile(path);
    const rows: { line: number; cells: string[] }[] = [];
    for await (const row of file.rows()) {
      rows.push({ line: row.line, cells: row.cells });
      if (rows.length > maxCsvRows) break;
    }
    const document: RemittanceDocument = { kind: 'csv', headings: file.headings, rows };
    return { ok: true, document };
  } catch (error) {
    if (error instanceof CsvFileError) return { ok: false, reason: error.message.replace(/^line \d+: /, ''), line: error.line };
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
