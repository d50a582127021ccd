// The admin web app end to end in Chromium: `plixo start` on a fresh SQLite file with the demo
// workspace, a person signs in, works the collections queue with the keyboard and signs out.
// Elements are found by role and label, as a screen reader would.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmailFor, demoPassword } from '../../app/access/seed-demo-users.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { createDocumentRenderer } from '../../adapters/pdf/create-document-renderer.ts';
import { formatAmount, parseAmount } from '../../core/money/money.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { createPreviewLinks } from '../../app/messages/create-preview-links.ts';
import { planWorkspace } from '../../app/plan-workspace.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import type { RunningPlixo } from '../main.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web app');

describe.skipIf(skipReason !== null)('the admin web app in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let running: RunningPlixo;
  let browser: Browser;

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo({ services: 'web,worker' });
    ({ running, browser } = plixo);
    // One worker pass plans the demo and scores its collections queue.
    await running.worker!.tick();
  });
  afterAll(() => plixo?.close());

  const signIn = (page: Page, role: string) => plixo.signIn(page, role);

  it('refuses a wrong password with the reason, and signs in with the right one', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(running.url!);
    await page.getByLabel('Email').fill(demoEmailFor('controller'));
    await page.getByLabel(/^Password/).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password/i);

    await page.getByLabel(/^Password/).fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Collections queue' }).waitFor();
    expect(page.url()).toMatch(/\/orgs\/[\w-]+\/queue$/);
    await page.close();
  });

  it('works the queue with J and K, the inspector following the selection, and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'operator');
    const queue = page.getByRole('table', { name: 'Collections queue' });
    await queue.getByRole('row').nth(2).waitFor();
    const rows = queue.getByRole('row');
    const numberOf = async (index: number) => (await rows.nth(index + 1).getByRole('cell').nth(1).textContent())!;
    const first = await numberOf(0);
    const second = await numberOf(1);
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toContain(first);

    await page.keyboard.press('j');
    await expect.poll(() => rows.nth(2).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toContain(second);
    await page.keyboard.press('k');
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toContain(first);
    expect(await inspector.getByRole('listitem').count()).toBeGreaterThan(0);

    // A reload keeps the session; signing out ends it.
    await page.reload();
    await page.getByRole('heading', { name: 'Collections queue' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Plixo' }).waitFor();
    await page.close();
  });

  it('shows Sales the segments without the Autopilot switch, and lets an A/R manager switch a segment inside its gates', async () => {
    const sales = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(sales, 'sales');
    await sales.getByRole('link', { name: 'Segments' }).click();
    await sales.getByRole('heading', { name: 'Segments', level: 2 }).waitFor();
    await sales.getByRole('region', { name: /^Segment / }).first().waitFor();
    expect(await sales.getByRole('button', { name: /Autopilot/ }).count()).toBe(0);
    await sales.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'ar_manager');
    await page.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('region', { name: /^Segment / }).first().waitFor();
    const listed = (await (await page.request.get(`${running.url}api/orgs/${demoWorkspaceId}/segments`)).json()) as { items: { segment: string; mode: string; autopilotBlockers: string[] }[] };
    const open = listed.items.find((segment) => segment.mode === 'shadow' && segment.autopilotBlockers.length === 0);
    const held = listed.items.find((segment) => segment.mode === 'shadow' && segment.autopilotBlockers.length > 0);
    expect(open ?? held).toBeDefined();
    if (held) {
      await page.getByRole('button', { name: `Turn on Autopilot: ${held.segment}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('A gate fails').waitFor();
      expect(await dialog.getByRole('button', { name: 'Turn on Autopilot' }).isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    }
    if (open) {
      await page.getByRole('button', { name: `Turn on Autopilot: ${open.segment}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Reason').fill('contacts checked');
      await dialog.getByRole('button', { name: 'Turn on Autopilot' }).click();
      await page.getByRole('button', { name: `Back to Shadow: ${open.segment}` }).waitFor();
      const audit = (await (await page.request.get(`${running.url}api/orgs/${demoWorkspaceId}/audit?action=segment.`)).json()) as { items: { action: string; actor: string }[] };
      expect(audit.items[0]).toMatchObject({ action: 'segment.mode', actor: demoEmailFor('ar_manager') });
    }
    await page.close();
  });

  it('lets an operator open a draft from the queue with J and send it with S', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The demo runs every segment in Shadow mode: planning three days ahead writes the drafts that
    // will be due by then, as the worker will.
    const database = openDatabase(plixo.databaseUrl);
    try {
      await planWorkspace({ store: createStore(database), workspaceId: demoWorkspaceId, now: Date.now() + 3 * 86_400_000, links: createPreviewLinks(running.url!, 'a-test-secret-that-is-long-enough-1234'), documents: createDocumentRenderer() });
    } finally {
      await database.close();
    }
    await signIn(page, 'operator');
    await page.getByRole('table', { name: 'Collections queue' }).getByRole('row').nth(2).waitFor();
    // A draft waiting for review, found through the API; the operator narrows the queue to its
    // customer, as the inspector's link does, and moves to its invoice with J.
    const get = async <T,>(path: string) => (await (await page.request.get(`${running.url}${path}`)).json()) as T;
    const drafts = (await get<{ items: { id: number; customerId: string; invoiceIds: string[] }[] }>(`api/orgs/${demoWorkspaceId}/outbox?status=draft&limit=200`)).items;
    expect(drafts.length).toBeGreaterThan(0);
    const draft = drafts[0]!;
    const entries = (await get<{ items: { invoiceId: string; invoiceNumber: string; customerName: string }[] }>(`api/orgs/${demoWorkspaceId}/queue?limit=50&customerId=${draft.customerId}`)).items;
    const index = entries.findIndex((entry) => draft.invoiceIds.includes(entry.invoiceId));
    expect(index).toBeGreaterThanOrEqual(0);
    const target = entries[index]!;
    await page.goto(`${running.url}orgs/${demoWorkspaceId}/queue?customer=${draft.customerId}`);
    await page.getByRole('group', { name: 'Filter' }).getByText(`Customer: ${target.customerName}`).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Collections queue' }).getByRole('row').count()).toBe(entries.length + 1);

    const inspector = page.getByRole('region', { name: 'Inspector' });
    for (let step = 0; step < index; step += 1) await page.keyboard.press('j');
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toContain(target.invoiceNumber);
    const panel = inspector.getByRole('region', { name: 'Draft' });
    await panel.getByRole('button', { name: 'Send (S)' }).waitFor();
    await panel.getByLabel('Draft text').waitFor();
    await page.keyboard.press('s');
    await expect.poll(() => panel.getByRole('status').textContent()).toContain('Approved');
    const after = await get<{ items: { id: number; status: string; reviewedBy: string | null }[] }>(`api/orgs/${demoWorkspaceId}/outbox?limit=500`);
    expect(after.items.find((message) => message.id === draft.id)).toMatchObject({ status: 'queued', reviewedBy: demoEmailFor('operator') });
    await page.close();
  }, 120_000);

  it('lets an operator add a note and record a promise from the inspector, and shows both in its timeline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'operator');
    await page.getByRole('table', { name: 'Collections queue' }).getByRole('row').nth(1).waitFor();
    const get = async <T,>(path: string) => (await (await page.request.get(`${running.url}${path}`)).json()) as T;
    const [first] = (await get<{ items: { invoiceId: string; invoiceNumber: string; customerId: string }[] }>(`api/orgs/${demoWorkspaceId}/queue?limit=1`)).items;
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toContain(first!.invoiceNumber);
    const timeline = inspector.getByRole('region', { name: 'Timeline' });
    await timeline.waitFor();

    await inspector.getByRole('button', { name: 'Add a note' }).click();
    const noteDialog = page.getByRole('dialog', { name: /^Add a note/ });
    await noteDialog.getByLabel('Note').fill('Called the payer: pays next week');
    await noteDialog.getByRole('button', { name: 'Add note' }).click();
    await timeline.getByText('Called the payer: pays next week').waitFor();
    expect(await noteDialog.count()).toBe(0);

    // A week from now is a date to come in every zone the demo's customers live in.
    const promisedOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await inspector.getByRole('button', { name: 'Record a promise' }).click();
    const promiseDialog = page.getByRole('dialog', { name: /^Record a promise/ });
    await promiseDialog.getByLabel('Amount').fill('1');
    await promiseDialog.getByLabel('Promised for').fill(promisedOn);
    await promiseDialog.getByRole('button', { name: 'Record promise' }).click();
    await timeline.getByText(new RegExp(`^Promise to pay .+ by ${promisedOn} \\(open\\)$`)).waitFor();
    await inspector.getByRole('region', { name: 'Standing' }).getByText('open', { exact: true }).waitFor();
    await inspector.getByRole('status').getByText('Promise to pay recorded.').waitFor();

    // The API has both, by the operator, on the invoice opened.
    const notes = await get<{ items: { invoiceId: string | null; author: string; body: string }[] }>(`api/orgs/${demoWorkspaceId}/notes?invoiceId=${encodeURIComponent(first!.invoiceId)}`);
    expect(notes.items[0]).toMatchObject({ invoiceId: first!.invoiceId, author: demoEmailFor('operator'), body: 'Called the payer: pays next week' });
    const promises = await get<{ items: { invoiceId: string; on: string; status: string }[] }>(`api/orgs/${demoWorkspaceId}/promises?customerId=${encodeURIComponent(first!.customerId)}`);
    expect(promises.items[0]).toMatchObject({ invoiceId: first!.invoiceId, on: promisedOn, status: 'open' });
    const told = await get<{ entries: { at: string; kind: string; summary: string; by: string | null }[] }>(`api/orgs/${demoWorkspaceId}/invoices/${encodeURIComponent(first!.invoiceId)}/timeline`);
    const noteAt = told.entries.findIndex((entry) => entry.kind === 'note');
    const promiseAt = told.entries.findIndex((entry) => entry.kind === 'promise');
    expect(told.entries[noteAt]).toMatchObject({ by: demoEmailFor('operator'), summary: 'Note: Called the payer: pays next week' });
    expect(told.entries[promiseAt]!.summary).toContain(promisedOn);
    // Newest first: the promise came after the note.
    expect(promiseAt).toBeLessThan(noteAt);
    await page.close();

    // A viewer reads the same timeline and is offered none of the actions.
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(viewer, 'viewer');
    const viewed = viewer.getByRole('region', { name: 'Inspector' });
    await viewed.getByRole('region', { name: 'Timeline' }).getByText('Called the payer: pays next week').waitFor();
    expect(await viewed.getByRole('button', { name: 'Record a promise' }).count()).toBe(0);
    expect(await viewed.getByRole('region', { name: 'Actions' }).count()).toBe(0);
    await viewer.close();
  }, 120_000);

  it('opens the guides inside the app, follows a link between them, and finds text across them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${running.url}docs/web-app`);
    await page.getByRole('article', { name: 'The admin web app' }).getByRole('heading', { level: 1, name: 'The admin web app' }).waitFor();
    // A link from one guide to another opens it in the portal, not as a raw file.
    await page.getByRole('article').getByRole('link', { name: 'permissions.md' }).first().click();
    await page.getByRole('article', { name: 'Roles and permissions' }).waitFor();
    expect(page.url()).toMatch(/\/docs\/permissions$/);

    await page.getByLabel('Search the docs').fill('quiet hours');
    const results = page.getByRole('region', { name: 'Search results' });
    await results.getByRole('link', { name: 'How the engine decides' }).waitFor();
    // The plans guide never speaks of quiet hours.
    expect(await results.getByRole('link', { name: 'Plans' }).count()).toBe(0);
    await results.getByRole('link', { name: 'How the engine decides' }).click();
    await page.getByRole('article', { name: 'How the engine decides' }).getByText(/quiet hours/i).first().waitFor();
    await page.close();
  });

  it('shows the payment plan of the invoice in the inspector, each instalment with its state', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'operator');
    await page.getByRole('table', { name: 'Collections queue' }).getByRole('row').nth(1).waitFor();
    const get = async <T,>(path: string) => (await (await page.request.get(`${running.url}${path}`)).json()) as T;
    const [first] = (await get<{ items: { invoiceId: string; invoiceNumber: string; balance: { value: string; currency: string } }[] }>(`api/orgs/${demoWorkspaceId}/queue?limit=1`)).items;
    // Two instalments of a quarter of the open balance each, a week and five weeks from now (dates
    // to come in every zone the demo's customers live in).
    const { currency, value } = first!.balance;
    const open = parseAmount(value, currency);
    const quarter = formatAmount(Math.floor((open.ok ? open.minor : 0) / 4), currency);
    const dayFrom = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const database = openDatabase(plixo.databaseUrl);
    try {
      await createStore(database).appendEvents(demoWorkspaceId, [{ at: Date.now(), type: 'plan', invoiceId: first!.invoiceId, payload: { installments: [{ on: dayFrom(7), amount: quarter }, { on: dayFrom(35), amount: quarter }] } }]);
    } finally {
      await database.close();
    }
    await page.reload();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.getByRole('heading', { level: 3 }).textContent()).toContain(first!.invoiceNumber);
    const standing = inspector.getByRole('region', { name: 'Standing' });
    await standing.getByRole('heading', { name: 'Payment plan' }).waitFor();
    await standing.getByText('being kept', { exact: true }).waitFor();
    const installments = standing.getByRole('list', { name: 'Instalments' }).getByRole('listitem');
    await expect.poll(() => installments.count()).toBe(2);
    // The badge's own words (Mantine shows them in capitals).
    expect((await installments.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim().split(' ').at(-1))).toEqual(['due', 'due']);
    await inspector.getByRole('region', { name: 'Timeline' }).getByText(/^Payment plan agreed: .+ in 2 instalments \(being kept\)/).waitFor();
    await page.close();
  });

  it('serves the screens’ addresses as the app and unknown API paths as JSON errors', async () => {
    const screen = await fetch(`${running.url}orgs/any/queue`);
    expect([screen.status, (await screen.text()).includes('<div id="root">')]).toEqual([200, true]);
    const missing = await fetch(`${running.url}api/nothing-here`);
    expect([missing.status, ((await missing.json()) as { error: { code: string } }).error.code]).toEqual([404, 'not_found']);
  });
});
