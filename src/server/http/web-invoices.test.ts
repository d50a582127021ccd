// The invoice list and the screens' help end to end in Chromium: `plixo start` on a fresh SQLite
// file with the demo workspace. An operator pages through the open invoices, filters by status and
// customer (checked against the store), opens a customer's queue from the list, and opens the
// guide of the screen from its Help link, at the screen's section.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { Store } from '../../app/ports/store.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import type { RunningPlixo } from '../main.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web invoices');

describe.skipIf(skipReason !== null)('the invoice list and help in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let running: RunningPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo();
    ({ running, browser } = plixo);
    database = openDatabase(plixo.databaseUrl);
    store = createStore(database);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
  });

  it('pages through the open invoices, filters by status and customer, and opens a customer’s queue', async () => {
    // The demo's invoices are all open: two of them are paid in full first.
    const before = await store.pageInvoices(demoWorkspaceId, { limit: 10_000 });
    await store.upsertInvoices(
      demoWorkspaceId,
      before.slice(3, 5).map(({ workspaceId: _workspace, updatedAt: _updated, ...invoice }) => ({ ...invoice, balanceMinor: 0, status: 'closed' as const })),
    );
    const all = await store.pageInvoices(demoWorkspaceId, { limit: 10_000 });
    const open = all.filter((invoice) => invoice.status === 'open');
    const closed = all.filter((invoice) => invoice.status === 'closed');
    expect(open.length).toBeGreaterThan(50);
    expect(closed.length).toBeGreaterThan(0);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await plixo.signIn(page, 'operator');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Invoices' }).click();
    const table = page.getByRole('table', { name: 'Invoices' });
    const bodyRows = table.locator('tbody').getByRole('row');
    // The first page of 50, then the rest of the open ones.
    await expect.poll(() => page.url()).not.toContain('status=');
    await expect.poll(() => bodyRows.first().getByRole('cell').first().textContent()).toBe(open[0]!.number);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => bodyRows.count()).toBe(Math.min(open.length, 100));
    expect(await bodyRows.first().getByRole('cell').first().textContent()).toBe(open[0]!.number);

    await page.getByRole('radiogroup', { name: 'Status' }).getByText('Paid or closed').click();
    await expect.poll(() => bodyRows.count()).toBe(Math.min(closed.length, 50));
    expect(page.url()).toContain('status=closed');
    const shown = await bodyRows.evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent));
    expect(shown).toEqual(closed.slice(0, 50).map((invoice) => invoice.number));

    const customerId = open[0]!.customerId;
    await page.getByRole('radiogroup', { name: 'Status' }).getByText('Open').click();
    await expect.poll(() => page.url()).not.toContain('status=');
    await expect.poll(() => bodyRows.first().getByRole('cell').first().textContent()).toBe(open[0]!.number);
    await page.getByLabel('Customer id').fill(customerId);
    const ofCustomer = open.filter((invoice) => invoice.customerId === customerId);
    await expect.poll(() => bodyRows.count()).toBe(ofCustomer.length);
    await bodyRows.first().getByRole('link', { name: `Open the queue of customer ${customerId}` }).click();
    await page.getByRole('heading', { name: 'Collections queue' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/orgs/${demoWorkspaceId}/queue\\?customer=${customerId}$`));
    await page.close();
  }, 120_000);

  it('opens the guide of the screen from its Help link, at the screen’s section', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await plixo.signIn(page, 'operator');
    await page.goto(`${running.url}orgs/${demoWorkspaceId}/invoices`);
    await page.getByRole('link', { name: 'Help: Invoices' }).click();
    const section = page.getByRole('heading', { level: 2, name: /^Invoices/ });
    await section.waitFor();
    expect(page.url()).toMatch(/\/docs\/web-app#invoices-/);
    // Opened at the section: its heading is on screen, not below the fold.
    await expect.poll(() => section.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(400);
    await page.close();
  }, 60_000);
});
