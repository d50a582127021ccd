// The policy editor end to end in Chromium, on `plixo start` with the demo workspace: an A/R
// manager starts a draft, moves a step on the timeline, rewrites a template's subject and sees the
// preview follow, saves, publishes to one segment after the impact preview, and the publish is in
// the audit trail. A Sales user never reaches policy editing. Elements are found by role and label.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmailFor } from '../../app/access/seed-demo-users.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const night = Date.UTC(2026, 11, 1, 3);
const skipReason = browserSkipReason('policy editor');

describe.skipIf(skipReason !== null)('the policy editor in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;

  beforeAll(async () => {
    // The demo portfolio is seeded relative to "now" and the simulator runs from it, so which
    // reminders meet quiet hours depends on the hour. Server and browser clocks start at a fixed
    // night instant (03:00 UTC, a Tuesday), when catch-ups in European zones land in quiet hours.
    const startedAt = Date.now();
    plixo = await startBrowserTestPlixo({ options: { clock: () => night + (Date.now() - startedAt) } });
    ({ browser } = plixo);
  });
  afterAll(() => plixo?.close());

  const signIn = (page: Page, role: string) => plixo.signIn(page, role);

  const api = async (page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).json() as Promise<unknown>, path);

  it('drafts a cadence change, previews a template, publishes to one segment and records it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'ar_manager');
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('table', { name: 'Policy versions' }).waitFor();
    await page.getByRole('button', { name: 'New draft' }).click();
    await page.getByRole('heading', { name: 'Policy version 2' }).waitFor();

    // Move a step of the standard cadence a day later on the timeline.
    await page.getByRole('combobox', { name: 'Cadence', exact: true }).click();
    await page.getByRole('option', { name: 'standard', exact: true }).click();
    const steps = page.getByRole('region', { name: 'Steps' });
    const day = steps.getByRole('textbox', { name: 'Day of overdue-1' });
    expect(await day.inputValue()).toBe('7');
    await steps.getByRole('button', { name: 'Move overdue-1 a day later' }).click();
    await expect.poll(() => day.inputValue()).toBe('8');
    await expect.poll(() => steps.getByRole('list', { name: 'Timeline' }).textContent()).toContain('Day 8 (8 days after due): overdue-1');

    // The template's subject, rewritten: the preview renders it for a real invoice.
    await page.getByRole('tab', { name: 'Templates' }).click();
    await page.getByRole('combobox', { name: 'Template', exact: true }).click();
    await page.getByRole('option', { name: 'overdue', exact: true }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    const subject = preview.getByLabel('Preview subject');
    await expect.poll(() => subject.textContent(), { timeout: 15_000 }).toMatch(/days past due/);
    const editor = page.getByRole('textbox', { name: 'Subject' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Still open: invoice {invoice_n');
    await page.getByRole('option', { name: '{invoice_number}' }).click();
    await expect.poll(() => subject.textContent(), { timeout: 15_000 }).toMatch(/^Still open: invoice \S+$/);
    const number = (await subject.textContent())!.replace('Still open: invoice ', '');
    expect(await preview.textContent()).toContain(`invoice ${number} of`);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByText('Unsaved changes').count()).toBe(0);
    const saved = (await api(page, page.url().replace(/\/orgs\/([^/]+)\/policies\/2$/, '/api/orgs/$1/policy/versions/2'))) as { files: { path: string; text: string }[] };
    const cadence = saved.files.find((file) => file.path.endsWith('standard.yaml'))!.text;
    expect(cadence).toMatch(/- id: overdue-1\n\s+day: 8\n/);
    expect(cadence).toContain('# a call, queued for the collections team');
    expect(saved.files.find((file) => file.path.endsWith('overdue.yaml'))!.text).toContain('Still open: invoice {invoice_number}');

    // Publish to one segment, after the impact preview.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'All segments' }).uncheck();
    await dialog.getByRole('combobox', { name: 'Segments', exact: true }).click();
    await page.getByRole('option', { name: 'smb', exact: true }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Preview impact' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/\d+ of \d+ open invoices change their next action/);
    expect(await dialog.getByRole('table', { name: 'Impact by segment' }).textContent()).toContain('smb');
    await dialog.getByRole('textbox', { name: 'Note for the audit trail' }).fill('Overdue reminder a day later for SMB');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Version 2 is published');

    const orgPath = page.url().replace(/\/policies\/2$/, '').replace(/^.*\/orgs\//, '/api/orgs/');
    const overview = (await api(page, `${orgPath}/policy`)) as { state: { liveVersion: number; segmentVersions: { segment: string; version: number }[] } };
    expect(overview.state.liveVersion).toBe(1);
    expect(overview.state.segmentVersions).toEqual([{ segment: 'smb', version: 2 }]);
    const audit = (await api(page, `${orgPath}/audit?action=policy.`)) as { items: { action: string; actor: string }[] };
    expect(audit.items.map((entry) => entry.action)).toEqual(expect.arrayContaining(['policy.publish', 'policy.edit', 'policy.draft']));
    expect(audit.items.find((entry) => entry.action === 'policy.publish')!.actor).toBe(demoEmailFor('ar_manager'));
    await page.close();
  }, 120_000);

  it('never shows Sales the policies, and tells them why when they type the address', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'sales');
    const navigation = page.getByRole('navigation', { name: 'Screens' });
    await navigation.getByRole('link', { name: 'Segments' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Policies' }).count()).toBe(0);
    await page.goto(page.url().replace(/\/queue$/, '/policies/1'));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Your role (sales) cannot open policies');
    expect(await page.getByRole('button', { name: /draft|Publish|Edit/ }).count()).toBe(0);
    await page.close();
  });

  it('simulates a segment and shows a reminder moved out of quiet hours, with the reason', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.clock.setFixedTime(night);
    await signIn(page, 'ar_manager');
    await page.getByRole('link', { name: 'Simulator' }).click();
    await page.getByRole('combobox', { name: 'Segment', exact: true }).click();
    await page.getByRole('option', { name: 'smb', exact: true }).click();
    await page.getByRole('button', { name: 'Simulate' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/\d+ actions?.*moved by the guardrails/);
    const rows = page.getByRole('table', { name: 'Simulated timeline' }).getByRole('row').filter({ hasText: 'quiet hours' });
    expect(await rows.count()).toBeGreaterThan(0);
    // A message moved out of quiet hours names when it was planned, and lands on the hour the window ends.
    const cells = rows.first().getByRole('cell');
    expect(await cells.nth(5).textContent()).not.toBe('–');
    expect(await cells.nth(0).textContent()).not.toBe(await cells.nth(5).textContent());
    await page.close();
  }, 120_000);
});
