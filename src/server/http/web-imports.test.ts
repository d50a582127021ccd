// CSV imports end to end in Chromium: `plixo start` on a fresh SQLite file with the demo
// workspace. The Controller picks a German ERP export, sees the columns Plixo guessed, fixes one,
// checks the file without writing, imports it, reads the rejected rows and downloads the reject
// log; what was imported is checked against the store.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { Store } from '../../app/ports/store.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web imports');

describe.skipIf(skipReason !== null)('CSV imports in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;
  let folder: string;

  beforeAll(async () => {
    // An install where people join by invitation only (the sign-in screen offers no sign-up).
    plixo = await startBrowserTestPlixo({ env: { PLIXO_SIGNUP: 'closed' } });
    ({ browser } = plixo);
    database = openDatabase(plixo.databaseUrl);
    store = createStore(database);
    folder = await mkdtemp(join(tmpdir(), 'plixo-web-import-'));
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('guesses the columns, takes a fix, checks, imports, and lists and downloads the rejected rows', async () => {
    const file = join(folder, 'offene-posten.csv');
    await writeFile(
      file,
      [
        '\ufeffKundennummer;Firma;Beleg;Belegdatum;Fälligkeit;Betrag;Offen',
        'WEB-1;Weber KG;WR-1;01.03.2026;31.03.2026;1.200,50;1.200,50',
        'WEB-1;Weber KG;WR-2;02.03.2026;01.04.2026;500,00;250,00',
        'WEB-2;Zimmer AG;WR-3;31.02.2026;01.04.2026;10,00;10,00',
        '',
      ].join('\r\n'),
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await page.goto(plixo.url);
    await page.getByText('Ask a Controller of your organisation for an invitation.').waitFor();
    expect(await page.getByRole('link', { name: 'Create an organisation' }).count()).toBe(0);
    await plixo.signIn(page, 'controller');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Imports' }).click();
    // Mantine's file input is a button over a hidden <input type=file>, which takes the file.
    await page.locator('input[type=file]').setInputFiles(file);
    const columns = page.getByRole('region', { name: 'Column mapping' });
    // "Beleg" means nothing to the guesser: the person maps it to the invoice number.
    await expect.poll(() => columns.getByRole('combobox', { name: 'Due Date' }).inputValue()).toBe('Fälligkeit');
    expect(await columns.getByRole('combobox', { name: 'Balance' }).inputValue()).toBe('Offen');
    expect(await columns.getByRole('combobox', { name: 'Invoice Number' }).inputValue()).toBe('— not imported —');
    await columns.getByRole('combobox', { name: 'Invoice Number' }).click();
    await page.getByRole('option', { name: 'Beleg', exact: true }).click();
    expect(await columns.getByRole('combobox', { name: 'Customer ID' }).inputValue()).toBe('Kundennummer');
    expect(await columns.getByRole('combobox', { name: 'Customer Name' }).inputValue()).toBe('Firma');

    await page.getByRole('button', { name: 'Check file' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('3 rows: 2 new, 0 changed, 0 unchanged, 0 repeated, 1 rejected');
    expect(await page.getByRole('status').textContent()).toContain('Checked: nothing was written');
    expect(await store.listInvoices(demoWorkspaceId, { ids: ['WR-1', 'WR-2'] })).toEqual([]);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Imported');
    const imported = await store.listInvoices(demoWorkspaceId, { ids: ['WR-1', 'WR-2', 'WR-3'] });
    expect(imported.map((invoice) => [invoice.id, invoice.customerId, invoice.dueOn, invoice.balanceMinor])).toEqual([
      ['WR-1', 'WEB-1', '2026-03-31', 1200_50],
      ['WR-2', 'WEB-1', '2026-04-01', 250_00],
    ]);
    const rejected = page.getByRole('table', { name: 'Rejected rows' }).locator('tbody').getByRole('row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().getByRole('cell').allTextContents()).toEqual(['4', 'Belegdatum', '31.02.2026', 'is not a real date (read as DD.MM.YYYY)']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the reject log' }).click()]);
    const log = await readFile((await download.path())!, 'utf8');
    expect(log).toBe('line,column,value,reason,outcome\r\n4,Belegdatum,31.02.2026,is not a real date (read as DD.MM.YYYY),rejected\r\n');
    await page.close();
  });

  it('imports a bank file of payments, and Cash-App Assist applies the one that names its invoice', async () => {
    const file = join(folder, 'bank.csv');
    // WR-1 (1,200.50, open, in the demo workspace's currency) came in with the first test's file.
    const [open] = await store.listInvoices(demoWorkspaceId, { ids: ['WR-1'] });
    const currency = open!.currency;
    await writeFile(file, ['Payment ID,Payment Date,Amount,Currency,Customer ID,Payer,Invoice Number,Memo', `BANK-1,2026-12-01,1200.50,${currency},WEB-1,WEBER KG,WR-1,WR-1`, `BANK-2,2026-12-01,33.00,${currency},,A PERSON,,thank you`, ''].join('\n'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(plixo.url);
    await plixo.signIn(page, 'controller');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Imports' }).click();
    // Mantine's segmented control hides its radios behind their labels.
    await page.locator('label', { hasText: /^Payments$/ }).click();
    expect(await page.getByRole('radio', { name: 'Payments' }).isChecked()).toBe(true);
    await page.locator('input[type=file]').setInputFiles(file);
    const columns = page.getByRole('region', { name: 'Column mapping' });
    await expect.poll(() => columns.getByRole('combobox', { name: 'Payment ID' }).inputValue()).toBe('Payment ID');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Cash-App Assist applied 1 of the new payments; 1 wait in Unapplied Cash.');
    const ledger = await store.listPayments(demoWorkspaceId, { limit: 50 });
    expect(ledger.filter((payment) => payment.sourceId.startsWith('BANK-')).map((payment) => [payment.sourceId, payment.status, payment.unappliedMinor])).toEqual(
      expect.arrayContaining([
        ['BANK-1', 'applied', 0],
        ['BANK-2', 'unapplied', 33_00],
      ]),
    );
    await page.close();
  });
});
