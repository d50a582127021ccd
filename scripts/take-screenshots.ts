import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createDocumentRenderer } from '../src/adapters/pdf/create-document-renderer.ts';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import { planWorkspace } from '../src/app/plan-workspace.ts';
import { demoWorkspaceId } from '../src/app/seed-demo-workspace.ts';
import { createPreviewLinks } from '../src/app/messages/create-preview-links.ts';
import { startBrowserTestPlixo } from '../src/server/http/testing/start-browser-test-plixo.ts';

// `npm run screenshots`: starts Plixo on a fresh demo workspace, signs in as the controller (who
// sees every screen) and writes docs/screenshots/<screen>-desktop.png at 1280×800 and
// <screen>-phone.png at 390×844, the pictures docs/web-app.md shows. Run it after changing a
// screen and commit the pictures with the change.

const outputFolder = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const orgPath = `orgs/${demoWorkspaceId}`;

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

interface Shot {
  name: string;
  /** Opens the screen and waits until it shows its data. */
  open(page: Page, url: string): Promise<void>;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true }).waitFor();

/** A screen at a path of the organisation, ready when its heading and its first data are in. */
const screen = (name: string, path: string, title: string, ready?: (page: Page) => Promise<unknown>): Shot => ({
  name,
  async open(page, url) {
    await page.goto(`${url}${orgPath}/${path}`);
    await heading(page, title);
    await page.waitForLoadState('networkidle');
    if (ready) await ready(page);
  },
});

const shots: Shot[] = [
  screen('dashboard', 'dashboard', 'Dashboard'),
  screen('queue', 'queue', 'Collections queue', (page) => page.getByRole('region', { name: 'Inspector' }).waitFor()),
  screen('approvals', 'approvals', 'Approvals'),
  screen('segments', 'segments', 'Segments'),
  screen('policies', 'policies', 'Policies', (page) => page.getByRole('table', { name: 'Policy versions' }).waitFor()),
  screen('policy-editor', 'policies/1', 'Policy version 1'),
  {
    name: 'simulator',
    async open(page, url) {
      await page.goto(`${url}${orgPath}/simulator`);
      await heading(page, 'Simulator');
      await page.getByRole('combobox', { name: 'Segment', exact: true }).click();
      await page.getByRole('option', { name: 'smb', exact: true }).click();
      await page.getByRole('button', { name: 'Simulate' }).click();
      await page.getByRole('table', { name: 'Simulated timeline' }).waitFor({ timeout: 60_000 });
    },
  },
  screen('deliverability', 'deliverability', 'Deliverability'),
  screen('ops', 'ops', 'Ops console'),
  screen('team', 'team', 'Team'),
  screen('audit', 'audit', 'Audit log'),
  {
    name: 'docs',
    async open(page, url) {
      await page.goto(`${url}docs/web-app`);
      await page.getByRole('article', { name: 'The admin web app' }).waitFor();
    },
  },
];

async function main(): Promise<void> {
  const plixo = await startBrowserTestPlixo({ services: 'web,worker' });
  try {
    const { url, browser } = plixo;
    await plixo.running.worker!.tick();
    // Drafts due in the next three days, so the queue's inspector has one to show, as a day of work would.
    const database = openDatabase(plixo.databaseUrl);
    try {
      await planWorkspace({ store: createStore(database), workspaceId: demoWorkspaceId, now: Date.now() + 3 * 86_400_000, links: createPreviewLinks(url, 'screenshots-only-link-secret-0123456789'), documents: createDocumentRenderer() });
    } finally {
      await database.close();
    }
    mkdirSync(outputFolder, { recursive: true });
    for (const [size, viewport] of Object.entries(viewports)) {
      const signInPage = await browser.newPage({ viewport, deviceScaleFactor: 1 });
      await signInPage.goto(url);
      await signInPage.getByRole('button', { name: 'Sign in' }).waitFor();
      await signInPage.screenshot({ path: join(outputFolder, `sign-in-${size}.png`) });
      await signInPage.close();

      const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
      await plixo.signIn(page, 'controller');
      for (const shot of shots) {
        await shot.open(page, url);
        const path = join(outputFolder, `${shot.name}-${size}.png`);
        await page.screenshot({ path });
        process.stdout.write(`wrote ${path}\n`);
      }
      await page.close();
    }
  } finally {
    await plixo.close();
  }
}

await main();
