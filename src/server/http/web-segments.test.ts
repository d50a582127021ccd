// The segment editor end to end in Chromium, on `plixo start` with the demo workspace: an A/R
// manager opens a draft, widens the smb segment's age filter and sees the preview count grow,
// drops its tag filter and is warned that it now overlaps enterprise (which wins those invoices),
// then saves the draft with the comments of the file kept. Elements are found by role and label.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('segment editor');

describe.skipIf(skipReason !== null)('the segment editor in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo();
    ({ browser } = plixo);
  });
  afterAll(() => plixo?.close());

  const signIn = (page: Page, role: string) => plixo.signIn(page, role);

  const api = async (page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).json() as Promise<unknown>, path);

  it('changes a segment’s filters in a draft, follows the preview and its overlap warning, and saves', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'ar_manager');
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('button', { name: 'New draft' }).click();
    await page.getByRole('heading', { name: 'Policy version 2' }).waitFor();

    await page.getByRole('tab', { name: 'Segments' }).click();
    await page.getByRole('combobox', { name: 'Segment', exact: true }).click();
    await page.getByRole('option', { name: 'smb', exact: true }).click();
    const preview = page.getByRole('region', { name: 'Segment preview' });
    const status = preview.getByRole('status');
    const governed = async () => Number(/^smb would govern (\d+) open invoices?/.exec((await status.textContent()) ?? '')?.[1] ?? Number.NaN);
    await expect.poll(governed, { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await governed();
    const rows = await preview.getByRole('table', { name: 'Invoices smb would govern' }).getByRole('row').count();
    expect(rows).toBe(Math.min(before, 20) + 1);
    // smb and enterprise take customers by their tags, so at first they overlap nowhere.
    expect(await preview.getByRole('table', { name: 'Overlapping segments' }).count()).toBe(0);

    // Older invoices too: up to 120 days past due instead of 60.
    const filters = page.getByRole('region', { name: 'Filters' });
    const upTo = filters.getByRole('textbox', { name: 'Days past due is between: to' });
    expect(await upTo.inputValue()).toBe('60');
    await upTo.fill('120');
    await expect.poll(governed, { timeout: 15_000 }).toBeGreaterThan(before);

    // Without the tag filter, smb also matches enterprise customers' invoices, which enterprise (tried first) keeps.
    await filters.getByRole('button', { name: 'Delete the filter Customer tags includes' }).click();
    const overlaps = preview.getByRole('table', { name: 'Overlapping segments' });
    await overlaps.waitFor({ timeout: 15_000 });
    const overlap = overlaps.getByRole('row').filter({ hasText: 'enterprise, smb' });
    expect(await overlap.count()).toBe(1);
    const cells = overlap.getByRole('cell');
    expect(Number(await cells.nth(1).textContent())).toBeGreaterThan(0);
    expect(await cells.nth(2).textContent()).toBe('enterprise');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByText('Unsaved changes').count()).toBe(0);
    const saved = (await api(page, page.url().replace(/\/orgs\/([^/]+)\/policies\/2$/, '/api/orgs/$1/policy/versions/2'))) as { files: { path: string; text: string }[] };
    const segments = saved.files.find((file) => file.path.endsWith('segments.yaml'))!.text;
    const smb = segments.split('---\n').find((document) => document.includes('name: smb'))!;
    expect(smb).toMatch(/invoice\.daysPastDue: \{ between: \[ ?-30, 120 ?\] \}/);
    expect(smb).not.toContain('customer.tags');
    expect(segments).toContain('customer.tags: { includes: enterprise }');
    expect(segments).toContain('# Segments are tried by priority');
    await page.close();
  }, 120_000);
});
