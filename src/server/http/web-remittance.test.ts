// The remittance review end to end in Chromium: `plixo start` on a fresh SQLite file with the demo
// workspace, a payment waiting in Unapplied Cash and three open invoices of its customer. An
// operator uploads the payer's CSV advice, sees each line's invoice, a typo read, an unknown
// invoice and the totals against the payment, changes one amount, accepts, and the ledger holds
// the allocations with the remittance cited.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { Store } from '../../app/ports/store.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { buildCustomer, buildInvoice } from '../../app/testing/build-store-inputs.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web remittance review');

describe.skipIf(skipReason !== null)('the remittance review in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;
  let folder: string;
  let paymentId: number;

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo();
    ({ browser } = plixo);
    database = openDatabase(plixo.databaseUrl);
    store = createStore(database);
    folder = await mkdtemp(join(tmpdir(), 'plixo-web-remittance-'));
    const workspace = (await store.getWorkspace(demoWorkspaceId))!;
    await store.upsertCustomers(demoWorkspaceId, [buildCustomer({ id: 'RV-CUST', name: 'Riverside Foods Ltd' })]);
    await store.upsertInvoices(demoWorkspaceId, [
      buildInvoice({ id: 'RV-880041', number: 'RV-880041', customerId: 'RV-CUST', currency: workspace.currency, amountMinor: 1_000_00, balanceMinor: 1_000_00 }),
      buildInvoice({ id: 'RV-880042', number: 'RV-880042', customerId: 'RV-CUST', currency: workspace.currency, amountMinor: 400_00, balanceMinor: 400_00 }),
      buildInvoice({ id: 'RV-880043', number: 'RV-880043', customerId: 'RV-CUST', currency: workspace.currency, amountMinor: 250_00, balanceMinor: 250_00 }),
    ]);
    paymentId = (await store.recordPayment(demoWorkspaceId, { source: 'api', sourceId: 'RV-BANK-1', amountMinor: 1_630_00, currency: workspace.currency, receivedAt: Date.now() - 60_000, customerId: 'RV-CUST', payerName: 'RIVERSIDE FOODS', recordedBy: 'token:bank' })).payment.id;
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('uploads an advice, shows each line with its invoice and problems, takes an edited amount and accepts', async () => {
    const file = join(folder, 'remittance-advice.csv');
    await writeFile(file, ['Invoice No,Invoice Amount,Discount,Amount Paid', 'RV-880014,"1,000.00",,"1,000.00"', 'RV-880042,400.00,8.00,392.00', 'RV-880043,250.00,,238.00', 'RV-999999,50.00,,50.00', 'Total,,,"1,680.00"', ''].join('\r\n'));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await plixo.signIn(page, 'operator');
    await page.goto(`${plixo.url}orgs/${demoWorkspaceId}/payments/${paymentId}/remittance`);
    await page.getByRole('heading', { name: `Payment ${paymentId}` }).waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForTimeout(5000);
    await page.screenshot({ path: '/tmp/rspike/remit2.png', fullPage: true });

    const lines = page.getByRole('table', { name: 'Remittance lines' });
    await expect.poll(() => lines.locator('tbody').getByRole('row').count(), { timeout: 10_000 }).toBe(4);
    const row = (number: number) => lines.getByRole('row', { name: `Line ${number}` });
    expect(await row(1).textContent()).toContain('RV-880041');
    expect(await row(1).textContent()).toContain('typo corrected');
    expect(await row(2).textContent()).toContain('8.00 discount');
    expect(await row(4).textContent()).toContain('No invoice of this organisation is numbered "RV-999999"');
    expect(await row(4).getByRole('checkbox', { name: 'Apply line 4' }).isDisabled()).toBe(true);
    expect(await row(1).getByRole('checkbox', { name: 'Apply line 1' }).isChecked()).toBe(true);
    expect(await page.getByRole('alert', { name: 'Check the advice' }).textContent()).toContain('The lines add up to 1680.00');
    expect(await page.getByLabel('Totals').textContent()).toContain('stated total');

    // The payer short-paid line 3 without saying why: the operator applies what was paid, and less on line 2.
    expect(await row(3).getByRole('textbox', { name: 'Amount for line 3' }).inputValue()).toBe('238.00');
    await row(2).getByRole('textbox', { name: 'Amount for line 2' }).fill('390.00');
    await page.getByRole('button', { name: 'Accept 3 selected lines' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toContain('Applied 3 lines of remittance-advice.csv');
    expect(await page.getByRole('status').textContent()).toContain('unapplied');
    expect(await page.getByRole('button', { name: /Accept/ }).count()).toBe(0);

    const allocations = await store.listPaymentAllocations(demoWorkspaceId, { paymentIds: [paymentId] });
    expect(allocations.map((allocation) => [allocation.invoiceId, allocation.amountMinor, allocation.by])).toEqual([
      ['RV-880041', 1_000_00, 'operator@demo.plixo.test'],
      ['RV-880042', 390_00, 'operator@demo.plixo.test'],
      ['RV-880043', 238_00, 'operator@demo.plixo.test'],
    ]);
    expect(allocations[0]!.note).toMatch(/^Remittance advice remittance-advice\.csv \(remittance \d+\), lines 1, 2, 3$/);
    expect(await store.getPayment(demoWorkspaceId, paymentId)).toMatchObject({ unappliedMinor: 2_00, status: 'partially_applied' });
    await page.close();
  });
});
