import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvFileError, openCsvFile, type CsvRow } from './open-csv-file.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-csv-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function readAll(name: string, content: string | Buffer): Promise<{ headings: string[]; delimiter: string; rows: CsvRow[] }> {
  const path = join(folder, name);
  await writeFile(path, content);
  const file = await openCsvFile(path);
  const rows: CsvRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return { headings: file.headings, delimiter: file.delimiter, rows };
}

describe('openCsvFile', () => {
  it('reads a messy European export: BOM, semicolons, CRLF, quoted newlines, blank lines and empty rows', async () => {
    const content = '\ufeffNr;Name;Betrag\r\n1;"Müller\r\nGmbH";"1.200,50"\r\n\r\n2;"Say ""hi""";3,00\r\n;;\r\n3;Ende;4,00;;\r\n';
    const { headings, delimiter, rows } = await readAll('eu.csv', content);
    expect(delimiter).toBe(';');
    expect(headings).toEqual(['Nr', 'Name', 'Betrag']);
    expect(rows).toEqual([
      { line: 2, cells: ['1', 'Müller\nGmbH', '1.200,50'] },
      { line: 5, cells: ['2', 'Say "hi"', '3,00'] },
      { line: 7, cells: ['3', 'Ende', '4,00'] },
    ]);
  });

  it('sniffs tabs and pipes, and keeps a comma inside quotes out of the count', async () => {
    expect((await readAll('tab.csv', 'a\tb\tc\n1\t2\t3\n')).delimiter).toBe('\t');
    expect((await readAll('pipe.csv', 'a|b\n1|2\n')).delimiter).toBe('|');
    expect((await readAll('quoted.csv', '"a,b,c";d;e\n1;2;3\n')).delimiter).toBe(';');
  });

  it('reads UTF-16 with its byte-order mark (Excel’s “Unicode text”)', async () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\tname\r\n7\tZoë\r\n', 'utf16le')]);
    const { headings, rows } = await readAll('utf16.csv', content);
    expect(headings).toEqual(['id', 'name']);
    expect(rows).toEqual([{ line: 2, cells: ['7', 'Zoë'] }]);
  });

  it('keeps a stray quote inside an unquoted cell', async () => {
    const { rows } = await readAll('stray.csv', 'item,size\nMonitor,27" wide\n');
    expect(rows).toEqual([{ line: 2, cells: ['Monitor', '27" wide'] }]);
  });

  it('keeps short rows short, for the import to refuse', async () => {
    const { rows } = await readAll('short.csv', 'a,b,c\n1,2\n');
    expect(rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
  });

  it('refuses an unclosed quote with the line it starts on, and a file without a header', async () => {
    const path = join(folder, 'unclosed.csv');
    await writeFile(path, 'a,b\n1,2\n3,"never closed\n4,5\n');
    const file = await openCsvFile(path);
    const read = async () => {
      for await (const _row of file.rows()) void _row;
    };
    await expect(read()).rejects.toThrow(CsvFileError);
    await expect(read()).rejects.toThrow(/never closed|a " is missing/);
    const empty = join(folder, 'empty.csv');
    await writeFile(empty, '\n\n');
    await expect(openCsvFile(empty)).rejects.toThrow('the file has no header row');
  });
});
