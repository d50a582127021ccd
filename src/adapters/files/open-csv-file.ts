import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse, CsvError } from 'csv-parse';

// A CSV file read as a stream of rows, never whole: a million-row export goes through in
// constant memory. It copes with what ERP and spreadsheet exports produce: a UTF-8 or UTF-16
// byte-order mark, comma, semicolon, tab or pipe separators (sniffed from the header line),
// quoted cells with newlines, stray quotes inside unquoted cells, blank lines, rows of empty
// cells, and trailing empty cells beyond the header.

export interface CsvRow {
  /** The line of the file the row starts on; the header is line 1 (a spreadsheet's row number when no cell spans lines). */
  line: number;
  cells: string[];
}

export interface CsvFile {
  headings: string[];
  delimiter: string;
  totalBytes: number;
  /** How far the reading has got, for a progress bar. */
  bytesRead(): number;
  rows(): AsyncIterable<CsvRow>;
}

/** A CSV file that cannot be read at all (no header, an unclosed quote): where and why. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

const delimiters = [',', ';', '\t', '|'] as const;

export async function openCsvFile(path: string): Promise<CsvFile> {
  const totalBytes = (await stat(path)).size;
  const head = await readHead(path, 256 * 1024);
  const encoding: BufferEncoding = head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : 'utf8';
  const headText = head.toString(encoding).replace(/^\ufeff/, '');
  const delimiter = sniffDelimiter(headText);
  let bytesRead = 0;
  let headings: string[] | null = null;

  async function* readRows(withHeader: boolean): AsyncGenerator<CsvRow> {
    const input = createReadStream(path);
    input.on('data', (chunk) => (bytesRead += chunk.length));
    const parser = input
      .pipe(new DecodeText(encoding))
      .pipe(parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
    let width = -1;
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const newlines = record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);
        const line = info.lines - newlines;
        if (width < 0) {
          width = record.length;
          if (withHeader) yield { line, cells: record };
          continue;
        }
        if (record.every((cell) => cell.trim() === '')) continue;
        let cells = record;
        if (cells.length > width && cells.slice(width).every((cell) => cell.trim() === '')) cells = cells.slice(0, width);
        yield { line, cells };
      }
    } catch (error) {
      if (error instanceof CsvError) {
        const lines = (error as CsvError & { lines?: number }).lines ?? null;
        throw new CsvFileError(`${lines === null ? '' : `line ${lines}: `}${describeCsvError(error)}`, lines);
      }
      throw error;
    } finally {
      input.destroy();
    }
  }

  for await (const header of readRows(true)) {
    headings = header.cells.map((cell) => cell.trim());
    break;
  }
  if (!headings || headings.every((heading) => heading === '')) throw new CsvFileError('the file has no header row', 1);
  const found = headings;
  return {
    headings: found,
    delimiter,
    totalBytes,
    bytesRead: () => bytesRead,
    rows: () => {
      bytesRead = 0;
      return readRows(false);
    },
  };
}

/** The first rows after the header, for guessing a mapping and showing a preview. */
export async function readCsvSample(file: CsvFile, count: number): Promise<CsvRow[]> {
  const sample: CsvRow[] = [];
  for await (const row of file.rows()) {
    sample.push(row);
    if (sample.length >= count) break;
  }
  return sample;
}

function describeCsvError(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted cell is never closed (a " is missing)';
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return 'a quoted cell has text after its closing quote';
  return error.message.replace(/^Invalid [^:]*: /, '');
}

async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// The separator that appears most on the header line outside quotes; a comma when there is none.
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>(delimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: string = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

// UTF-16 files (Excel's "Unicode text") and UTF-8 both reach the parser as text, cut only at
// character boundaries, with one line end throughout: csv-parse counts a CRLF inside a quoted cell
// as two lines, which would put every later row's line number off by one. A CR at a chunk's end
// waits for the next chunk, which may start with its LF.
class DecodeText extends Transform {
  private readonly decoder: TextDecoder;
  private pendingCr = false;
  constructor(encoding: BufferEncoding) {
    super({ decodeStrings: true, encoding: 'utf8' });
    this.decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-8');
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    callback(null, this.normalise(this.decoder.decode(chunk, { stream: true })));
  }
  override _flush(callback: TransformCallback): void {
    const rest = this.normalise(this.decoder.decode());
    callback(null, this.pendingCr ? `${rest}\r` : rest);
  }
  private normalise(decoded: string): string {
    let text = (this.pendingCr ? '\r' : '') + decoded;
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    return text.replace(/\r\n/g, '\n');
  }
}
