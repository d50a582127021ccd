import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { runCliCaptured } from '../testing-run-cli.ts';
import { renderProgressBar } from './render-progress-bar.ts';

const root = join(import.meta.dirname, '../../..');
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-import-cli-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function createWorkspace(file: string): Promise<void> {
  const database = openDatabase(file);
  await migrateToLatest(database);
  await createStore(database).upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'America/New_York', locale: 'en-US', currency: 'USD', plan: 'enterprise' });
  await database.close();
}

describe('plixo import invoices FILE.csv', () => {
  it('guesses the mapping, imports, writes a reject log a spreadsheet cannot run, and exits 1 when rows were rejected', async () => {
    const databaseFile = join(folder, 'one.db');
    await createWorkspace(databaseFile);
    const env = { DATABASE_URL: `file:${databaseFile}` };
    const cli = (...args: string[]) => runCliCaptured(args, { env, cwd: folder });
    await writeFile(
      join(folder, 'aging.csv'),
      'Invoice No.,Customer ID,Customer Name,Invoice Date,Due Date,Open Balance\n1001,c1,Acme Inc,03/01/2026,03/31/2026,"1,250.00"\n1002,c1,Acme Inc,03/02/2026,04/01/2026,=1+2\n',
    );
    const shown = await cli('import', 'invoices', 'aging.csv', '--show-mapping');
    expect(JSON.parse(shown.stdout)).toEqual({
      columns: { number: 'Invoice No.', customerId: 'Customer ID', customerName: 'Customer Name', issuedOn: 'Invoice Date', dueOn: 'Due Date', balance: 'Open Balance' },
      dateFormat: 'MM/DD/YYYY',
      decimalSeparator: '.',
    });
    const run = await cli('import', 'invoices', 'aging.csv', '--reject-log', 'rejects.csv');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('imported into acme: 2 rows, 1 new, 0 changed, 0 unchanged, 0 repeated, 1 rejected');
    expect(run.stderr).toContain('line 3, Open Balance "=1+2": is not an amount');
    expect(await readFile(join(folder, 'rejects.csv'), 'utf8')).toBe(`line,column,value,reason,outcome\r\n3,Open Balance,'=1+2,"is not an amount with ""."" as the decimal separator",rejected\r\n`);
    const again = await cli('import', 'invoices', 'aging.csv');
    expect(again.stdout).toContain('1 unchanged');
  });

  it('prints templates, and names a kind it does not know or a file that is not there', async () => {
    const template = await runCliCaptured(['import', 'invoices', '--template'], { cwd: folder });
    expect(template.stdout.split('\r\n')[0]).toBe('Invoice ID,Invoice Number,Customer ID,Customer Name,Contact Email,Invoice Date,Due Date,Amount,Balance,Currency,Status');
    const unknown = await runCliCaptured(['import', 'orders', 'x.csv'], { cwd: folder });
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('"orders" is not something Plixo imports');
    const databaseFile = join(folder, 'two.db');
    await createWorkspace(databaseFile);
    const missing = await runCliCaptured(['import', 'customers', 'nope.csv'], { cwd: folder, env: { DATABASE_URL: `file:${databaseFile}` } });
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('nope.csv: no such file');
  });

  it('draws a progress bar', () => {
    expect(renderProgressBar({ done: 50, total: 200, rows: 250_000, elapsedMs: 10_000, width: 10 })).toBe('[###-------]  25 %  250,000 rows  25,000 rows/s');
    expect(renderProgressBar({ done: 200, total: 200, rows: 1, elapsedMs: 0, width: 4 })).toBe('[####] 100 %  1 rows  0 rows/s');
  });
});

describe('a million rows', () => {
  // The file is about 75 MB; the import runs with a 200 MB heap, which a reader that held the
  // file, or its rows, in memory could not stay within.
  it('stream through in one transaction, every valid row imported and every invalid one in the log', { timeout: 600_000 }, async () => {
    const databaseFile = join(folder, 'million.db');
    await createWorkspace(databaseFile);
    const file = join(folder, 'million.csv');
    const rows = 1_000_000;
    const bad = new Set([17, 4_242, 500_000, 999_999]);
    await writeLines(file, rows, (index) =>
      bad.has(index) ? `C${index % 50_000},Customer ${index % 50_000},INV-${index},2026-02-30,2026-04-01,12.50` : `C${index % 50_000},Customer ${index % 50_000},INV-${index},2026-03-01,2026-04-01,${(index % 900) + 100}.50`,
    );
    const result = await runPlixo(['--max-old-space-size=200'], ['import', 'invoices', file, '--reject-log', join(folder, 'million-rejects.csv')], { DATABASE_URL: `file:${databaseFile}` });
    expect(result.stderr).not.toContain('heap out of memory');
    expect(result.stdout).toContain(`${rows} rows, ${rows - bad.size} new, 0 changed, 0 unchanged, 0 repeated, ${bad.size} rejected`);
    const log = (await readFile(join(folder, 'million-rejects.csv'), 'utf8')).trim().split('\r\n');
    expect(log.slice(1).map((line) => Number(line.split(',')[0]))).toEqual([...bad].map((index) => index + 2));
    const database = openDatabase(databaseFile);
    const store = createStore(database);
    const counted = await store.measurePortfolio('acme');
    expect(counted.customers).toBe(50_000);
    const sample = await store.listInvoices('acme', { ids: ['INV-0', 'INV-17', 'INV-999998', 'INV-999999'] });
    expect(sample.map((invoice) => [invoice.id, invoice.balanceMinor])).toEqual([
      ['INV-0', 100_50],
      ['INV-999998', ((999_998 % 900) + 100) * 100 + 50],
    ]);
    await database.close();
  });
});

async function writeLines(path: string, count: number, line: (index: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write('Customer ID,Customer Name,Invoice Number,Invoice Date,Due Date,Balance\n');
  for (let index = 0; index < count; index += 1) {
    if (!out.write(`${line(index)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function runPlixo(nodeOptions: string[], args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, join(root, 'bin/plixo.js'), ...args], { env: { ...process.env, ...env }, cwd: folder });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
