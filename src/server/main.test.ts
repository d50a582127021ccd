import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../adapters/storage/create-store.ts';
import { openDatabase } from '../adapters/storage/open-database.ts';
import { demoWorkspaceId } from '../app/seed-demo-workspace.ts';
import { loadConfig } from './config.ts';
import { startPlixo } from './main.ts';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-start-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function configFor(databaseUrl: string) {
  const loaded = loadConfig({ port: '0', services: 'web,worker' }, { DATABASE_URL: databaseUrl, PLIXO_TICK_MS: '3600000', LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.config;
}

async function countActions(databaseUrl: string) {
  const database = openDatabase(databaseUrl);
  try {
    const actions = await createStore(database).listEngineActions(demoWorkspaceId);
    return { total: actions.length, byType: new Set(actions.map((action) => action.type)) };
  } finally {
    await database.close();
  }
}

// A Tuesday at noon in New York, the demo's home: its customers in the Americas and Europe are
// inside their send windows, so the first pass has drafts to write whatever the hour of the run.
const tuesdayNoon = Date.parse('2026-06-09T16:00:00Z');
const clock = () => tuesdayNoon;

describe('plixo start', () => {
  it('opens and migrates the database, seeds the demo workspace, serves /healthz and /, and records drafts', async () => {
    const databaseUrl = `file:${join(folder, 'plixo.db')}`;
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const running = await startPlixo(configFor(databaseUrl), output, { clock });
    try {
      expect(printed).toContain(running.url!);
      const health = await fetch(`${running.url}healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      // The admin web app, built by start when web/dist is missing or older than its sources.
      const home = await fetch(running.url!);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root">');
      await running.worker!.tick();
    } finally {
      await running.close();
    }
    const first = await countActions(databaseUrl);
    expect(first.total).toBeGreaterThan(0);
    // Every segment of the demo is in shadow mode: the engine drafts and never sends.
    expect(first.byType.has('send')).toBe(false);
    expect(first.byType.has('draft')).toBe(true);

    // A second start neither seeds again nor records anything twice.
    const again = await startPlixo(configFor(databaseUrl), new PassThrough(), { clock });
    try {
      await again.worker!.tick();
    } finally {
      await again.close();
    }
    expect((await countActions(databaseUrl)).total).toBe(first.total);
  });

  it('refuses a bad setting with the name of the setting', () => {
    const loaded = loadConfig({ services: 'web,mailer' }, {});
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.message).toContain('PLIXO_SERVICES');
  });
});
