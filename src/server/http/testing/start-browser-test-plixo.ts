import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { demoEmailFor, demoPassword } from '../../../app/access/seed-demo-users.ts';
import { launchTestChromium } from '../../../testing/launch-test-chromium.ts';
import { loadConfig } from '../../config.ts';
import { startPlixo, type RunningPlixo, type StartOptions } from '../../main.ts';

// What every browser suite starts with: `plixo start` on a fresh SQLite file in a folder of its
// own (the demo workspace unless `env` says PLIXO_DEMO=false), listening on loopback, and Chromium.

export interface BrowserTestPlixo {
  running: RunningPlixo;
  /** The app's address, ending in '/'. */
  url: string;
  browser: Browser;
  /** The SQLite file Plixo runs on; a test may open a second connection to read or prepare it. */
  databaseUrl: string;
  /** Signs a demo role in on the page and waits for the landing screen. */
  signIn(page: Page, role: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserTestPlixo({ services = 'web', env = {}, options = {} }: { services?: 'web' | 'web,worker'; env?: Record<string, string>; options?: StartOptions } = {}): Promise<BrowserTestPlixo> {
  const folder = await mkdtemp(join(tmpdir(), 'plixo-browser-test-'));
  const databaseUrl = `file:${join(folder, 'plixo.db')}`;
  // The worker never ticks by itself here: a suite that wants a pass runs `running.worker.tick()`.
  const loaded = loadConfig({ port: '0', host: '127.0.0.1', services }, { DATABASE_URL: databaseUrl, PLIXO_TICK_MS: '3600000', LOG_LEVEL: 'silent', ...env });
  if (!loaded.ok) throw new Error(loaded.message);
  const running = await startPlixo(loaded.config, new PassThrough(), options);
  let browser: Browser;
  try {
    browser = await launchTestChromium();
  } catch (error) {
    await running.close();
    throw error;
  }
  const url = running.url!;
  return {
    running,
    url,
    browser,
    databaseUrl,
    async signIn(page, role) {
      await page.goto(url);
      await page.getByLabel('Email').fill(demoEmailFor(role));
      await page.getByLabel(/^Password/).fill(demoPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Collections queue' }).waitFor();
    },
    async close() {
      await browser.close();
      await running.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
