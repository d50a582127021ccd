// The ops console, deliverability and dashboard screens end to end in Chromium: `plixo start` on
// a fresh SQLite file with the demo workspace. A Controller reads readiness, pauses and resumes a
// job, reads a domain's DNS status, bulk-imports suppressions (a bad line refused first) and
// reads the aging buckets, checked against the store; a Viewer sees the figures, no switches.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { demoEmailFor } from '../../app/access/seed-demo-users.ts';
import type { Store } from '../../app/ports/store.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay } from '../../core/time/time-zone.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import type { RunningPlixo } from '../main.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web operations');

describe.skipIf(skipReason !== null)('the ops console, deliverability and dashboard in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let running: RunningPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo({ services: 'web,worker' });
    ({ running, browser } = plixo);
    await running.worker!.tick();
    // A second connection to the same file: the test reads the store as Plixo wrote it.
    database = openDatabase(plixo.databaseUrl);
    store = createStore(database);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
  });

  const signIn = (page: Page, role: string) => plixo.signIn(page, role);

  it('shows a Controller the readiness checks, and pauses and resumes a job, audited', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'controller');
    await page.getByRole('link', { name: 'Ops console' }).click();
    const checks = page.getByRole('table', { name: 'Readiness checks' });
    await checks.getByRole('row', { name: /policies/ }).waitFor();
    const names = await checks.getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => row.querySelector('td')?.textContent));
    expect(names).toEqual(['database', 'worker', 'mail', 'sending-domains', 'policies', 'outbox', 'maintenance', 'scheduled-jobs']);
    expect(await checks.getByRole('row', { name: /policies/ }).textContent()).toMatch(/organisation.*pass.*demo: version 1/);

    await page.getByRole('button', { name: 'Pause retention' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('archive move');
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Resume retention' }).waitFor();
    const jobs = page.getByRole('table', { name: 'Scheduled jobs' });
    expect(await jobs.getByRole('row', { name: /^retention/ }).textContent()).toContain('archive move');
    expect((await store.listScheduledJobs()).find((job) => job.name === 'retention')).toMatchObject({ paused: true, pausedReason: 'archive move' });

    await page.getByRole('button', { name: 'Resume retention' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause retention' }).waitFor();
    expect((await store.listAudit({ workspaceId: null, action: 'job.' })).map((entry) => [entry.action, entry.actor])).toEqual([
      ['job.resume', demoEmailFor('controller')],
      ['job.pause', demoEmailFor('controller')],
    ]);
    expect(await page.getByRole('button', { name: 'Switch maintenance on' }).count()).toBe(1);
    await page.close();
  });

  it('shows a domain’s DNS status and bulk-imports suppressions from pasted CSV, refusing a bad line first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'controller');
    const listed = (await (await page.request.get(`${running.url}api/orgs/${demoWorkspaceId}/sending-domains`)).json()) as { items: { domain: string }[] };
    const sender = listed.items[0]!.domain;
    await store.saveDomainCheck(demoWorkspaceId, sender, {
      checkedAt: Date.now(),
      status: 'warn',
      spf: 'pass',
      dkim: 'pass',
      dmarc: 'warn',
      detail: { dmarc: { result: 'warn', reason: 'p_none', message: 'p=none only reports', notes: [] } },
    });
    await page.getByRole('link', { name: 'Deliverability' }).click();
    const card = page.getByRole('region', { name: `Domain ${sender}` });
    const dns = card.getByRole('table', { name: `DNS records of ${sender}` });
    await dns.getByRole('row', { name: /DMARC/ }).waitFor();
    expect(await dns.getByRole('row', { name: /SPF/ }).textContent()).toContain('pass');
    expect(await dns.getByRole('row', { name: /DMARC/ }).textContent()).toContain('p=none only reports');
    await card.getByRole('button', { name: `Pause ${sender}` }).waitFor();

    const importer = page.getByRole('region', { name: 'Bulk import' });
    await importer.getByLabel('CSV to import').fill('email,reason,note\nnot an address,invalid\nana@client.example,opted_out,by phone\nbo@client.example,legal_hold\n');
    await importer.getByRole('button', { name: 'Preview import' }).click();
    await expect.poll(() => importer.getByRole('alert').textContent()).toMatch(/line 2: email "not an address" is not an email address/);
    expect(await importer.getByRole('button', { name: /^Import / }).isDisabled()).toBe(true);

    await importer.getByLabel('CSV to import').fill('email,reason,note\nana@client.example,opted_out,by phone\nbo@client.example,legal_hold\n');
    await importer.getByRole('button', { name: 'Preview import' }).click();
    await importer.getByRole('table', { name: 'Import preview' }).getByRole('row', { name: /bo@client.example/ }).waitFor();
    await importer.getByRole('button', { name: 'Import 2 addresses' }).click();
    await expect.poll(() => importer.getByRole('status').textContent()).toContain('Imported 2 addresses');
    await page.getByRole('table', { name: 'Suppressed addresses' }).getByRole('row', { name: /ana@client.example/ }).waitFor();
    expect((await store.listSuppressions(demoWorkspaceId)).map((entry) => [entry.email, entry.reason])).toEqual([
      ['ana@client.example', 'opted_out'],
      ['bo@client.example', 'legal_hold'],
    ]);
    await page.close();
  });

  it('shows the aging buckets with the numbers the store holds', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'controller');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const workspace = (await store.getWorkspace(demoWorkspaceId))!;
    const today = localDay(workspace.timeZone, Date.now());
    const expected = new Map<string, Map<string, { invoices: number; balanceMinor: number }>>();
    const labelOf = (days: number) => (days <= 0 ? 'Current' : days <= 30 ? '1–30 days' : days <= 60 ? '31–60 days' : days <= 90 ? '61–90 days' : '90+ days');
    for (const invoice of await store.listInvoices(demoWorkspaceId)) {
      if (invoice.status !== 'open' || invoice.balanceMinor <= 0) continue;
      const buckets = expected.get(invoice.currency) ?? new Map();
      expected.set(invoice.currency, buckets);
      const label = labelOf(today - parseCalendarDay(invoice.dueOn)!);
      const cell = buckets.get(label) ?? { invoices: 0, balanceMinor: 0 };
      buckets.set(label, { invoices: cell.invoices + 1, balanceMinor: cell.balanceMinor + invoice.balanceMinor });
    }
    expect(expected.size).toBeGreaterThan(0);
    const digits = (text: string | null) => (text ?? '').replace(/\D/g, '').replace(/^0+/, '');
    for (const [currency, buckets] of expected) {
      const table = page.getByRole('table', { name: `Aging buckets, ${currency}` });
      await table.getByRole('row', { name: /Current/ }).waitFor();
      for (const label of ['Current', '1–30 days', '31–60 days', '61–90 days', '90+ days']) {
        const cells = table.getByRole('row', { name: new RegExp(`^${label.replace('+', '\\+')}`) }).getByRole('cell');
        const want = buckets.get(label) ?? { invoices: 0, balanceMinor: 0 };
        expect([label, await cells.nth(1).textContent(), digits(await cells.nth(2).textContent())]).toEqual([label, String(want.invoices), digits(String(want.balanceMinor))]);
      }
    }
    await page.getByRole('table', { name: 'DSO by month' }).waitFor({ state: 'attached' });
    await page.close();
  });

  it('shows a Viewer the dashboard and the ops console, without pause or maintenance switches', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, 'viewer');
    await page.goto(`${running.url}orgs/${demoWorkspaceId}/dashboard`);
    await page.getByRole('table', { name: /^Aging buckets, / }).first().waitFor();
    await page.getByRole('group', { name: 'Promise adherence' }).waitFor();
    await page.goto(`${running.url}orgs/${demoWorkspaceId}/ops`);
    await page.getByRole('table', { name: 'Readiness checks' }).getByRole('row', { name: /^database/ }).waitFor();
    await page.getByRole('table', { name: 'Scheduled jobs' }).getByRole('row', { name: /^planning/ }).waitFor();
    expect(await page.getByRole('button', { name: /Pause|Resume|maintenance/ }).count()).toBe(0);
    await page.goto(`${running.url}orgs/${demoWorkspaceId}/deliverability`);
    await page.getByRole('region', { name: /^Domain / }).first().waitFor();
    expect(await page.getByRole('button', { name: /Pause|Resume|Import|Remove/ }).count()).toBe(0);
    await page.close();
  });
});
