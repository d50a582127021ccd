import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArgon2Hasher } from '../src/adapters/crypto/create-argon2-hasher.ts';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { migrateToLatest } from '../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import { defaultAccessSettings } from '../src/app/access/access-settings.ts';
import { createPreviewLinks } from '../src/app/messages/create-preview-links.ts';
import { createDocumentRenderer } from '../src/adapters/pdf/create-document-renderer.ts';
import { createHttpServer } from '../src/server/http/create-http-server.ts';

// The real HTTP server (createHttpServer with the JSON API, over the store on a SQLite file,
// composed as src/server/main.ts composes it for `plixo start --services web`) in a process of
// its own, so that the load generator does not share its event loop: in production the callers
// are other machines. The parent asks it over IPC for its CPU time, to put next to each run.
// Given the built web app's folder, it also serves the admin web app, as `plixo start` does.

export interface ApiServerProcess {
  url: string;
  /** CPU time (user + system) of the server process since it started listening. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

type Request = { kind: 'cpu' } | { kind: 'stop' };
type Reply = { kind: 'listening'; url: string } | { kind: 'cpu'; cpuMs: number };

const stopGraceMs = 10_000;
const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const entry = fileURLToPath(import.meta.url);

export interface ApiServerOptions {
  /** The built web app (web/dist, from ensureWebAppBuilt) to serve at / with its screens' addresses. */
  webApp?: string;
}

export async function startApiServerProcess(databasePath: string, options: ApiServerOptions = {}): Promise<ApiServerProcess> {
  const args = [runTs, entry, databasePath, ...(options.webApp === undefined ? [] : [options.webApp])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the API server process exited with ${String(code)} before listening`)));
    child.once('message', (reply: Reply) => {
      if (reply.kind === 'listening') resolveUrl(reply.url);
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    cpuMs: () => askCpu(child),
    stop: () =>
      new Promise<void>((resolveStop) => {
        // A server that does not close within the grace period is killed by its pid, so no bench leaves one listening.
        const kill = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolveStop();
        });
        child.send({ kind: 'stop' } satisfies Request);
      }),
  };
}

function askCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolveCpu, reject) => {
    const exited = (code: number | null) => reject(new Error(`the API server process exited with ${String(code)} before reporting`));
    child.once('exit', exited);
    child.once('message', (reply: Reply) => {
      child.off('exit', exited);
      if (reply.kind === 'cpu') resolveCpu(reply.cpuMs);
    });
    child.send({ kind: 'cpu' } satisfies Request);
  });
}

async function serve(databasePath: string, webApp: string | null): Promise<void> {
  const database = openDatabase(`file:${databasePath}`);
  await migrateToLatest(database);
  const clock = () => Date.now();
  const store = createStore(database, { now: clock });
  const app = createHttpServer({
    store,
    secret: 'the-api-benchmark-signs-no-links-with-this',
    version: 'bench',
    startedAt: clock(),
    clock,
    webApp,
    api: {
      // A bearer token is checked by its SHA-256, never by the password hasher: its cost does not matter here.
      hasher: createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      userMailer: { send: async () => ({ sent: true, detail: 'the API benchmark sends no mail' }) },
      settings: defaultAccessSettings,
      baseUrl: 'http://127.0.0.1/',
      secureCookies: false,
      signUpOpen: false,
      messages: { links: createPreviewLinks('http://127.0.0.1/', 'the-api-benchmark-signs-no-links-with-this'), previewLinks: createPreviewLinks('http://127.0.0.1/', 'the-api-benchmark-signs-no-links-with-this'), documents: createDocumentRenderer() },
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the API server has no address');
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= app.close().then(() => database.close()));
  const cpuAtStart = process.cpuUsage();
  process.on('message', (request: Request) => {
    if (request.kind === 'cpu') {
      const cpu = process.cpuUsage(cpuAtStart);
      process.send!({ kind: 'cpu', cpuMs: (cpu.user + cpu.system) / 1000 } satisfies Reply);
      return;
    }
    void close().then(() => process.disconnect());
  });
  // The parent gone (a crashed measurement) means nobody will ask it to stop.
  process.once('disconnect', () => void close());
  process.send!({ kind: 'listening', url: `http://127.0.0.1:${address.port}` } satisfies Reply);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === entry) {
  const databasePath = process.argv[2];
  if (databasePath === undefined) throw new Error('usage: start-api-server-process.ts DATABASE_PATH [WEB_APP_FOLDER]');
  await serve(databasePath, process.argv[3] ?? null);
}
