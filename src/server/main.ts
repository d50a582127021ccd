import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { demoWorkspaceId, seedDemoWorkspace } from '../app/seed-demo-workspace.ts';
import { createDocumentRenderer } from '../adapters/pdf/create-document-renderer.ts';
import { createStore } from '../adapters/storage/create-store.ts';
import { createLinks } from '../app/messages/create-links.ts';
import { migrateToLatest } from '../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../adapters/storage/open-database.ts';
import { readBundleFiles } from '../adapters/files/read-bundle-files.ts';
import { readSecret, secretPathFor } from '../adapters/files/read-secret.ts';
import type { Config } from './config.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { startWorker, type Worker } from './worker/start-worker.ts';

// The composition root: the only file that picks concrete adapters and wires them together.

export interface RunningPlixo {
  url: string | null;
  worker: Worker | null;
  close(): Promise<void>;
}

const systemClock = () => Date.now();
const exampleBundle = fileURLToPath(new URL('../../examples/acme', import.meta.url));

async function readVersion(): Promise<string> {
  const text = await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export async function startPlixo(config: Config, output: NodeJS.WritableStream): Promise<RunningPlixo> {
  const logger = pino({ level: config.logLevel });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database);
  const store = createStore(database, { now: systemClock });
  const secret = await readSecret(config.secret ? { PLIXO_SECRET: config.secret } : {}, secretPathFor(config.databaseUrl));
  if (config.seedDemo) {
    const seeded = await seedDemoWorkspace({ store, now: systemClock(), policyFiles: await readBundleFiles(exampleBundle) });
    if (seeded.created) logger.info({ customers: seeded.customers, invoices: seeded.invoices }, 'created the demo workspace');
  }
  let url: string | null = null;
  const http = config.services.includes('web') ? createHttpServer({ store, secret, version: await readVersion(), startedAt: systemClock(), clock: systemClock }) : null;
  if (http) {
    await http.listen({ host: config.host, port: config.port });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  }
  const links = createLinks(config.publicUrl ?? url ?? `http://${config.host}:${config.port}/`, secret);
  const worker = config.services.includes('worker')
    ? startWorker({ store, workspaceIds: async () => [demoWorkspaceId], tickMs: config.tickMs, clock: systemClock, logger, links, documents: createDocumentRenderer() })
    : null;
  if (http && url) {
    output.write(
      [
        `Plixo is running (${config.services.join(' + ')}) on ${describeDatabase(config.databaseUrl)}.`,
        `  Open ${url} — the demo workspace "Acme Demo" (all segments in shadow mode).`,
        `  Sign-in: none yet; the server listens on ${config.host} only, so only this machine can reach it.`,
        `  Health: ${url}healthz · Stop: Ctrl+C`,
        '',
      ].join('\n'),
    );
  } else {
    output.write(`Plixo worker is running on ${describeDatabase(config.databaseUrl)}. Stop: Ctrl+C\n`);
  }
  return {
    url,
    worker,
    async close() {
      await worker?.stop();
      await http?.close();
      await database.close();
    },
  };
}

function describeDatabase(databaseUrl: string): string {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'PostgreSQL' : `SQLite (${databaseUrl.replace(/^file:/, '')})`;
}
