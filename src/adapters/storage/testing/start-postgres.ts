// Starts a throwaway PostgreSQL from the system's binaries for the storage contract tests:
// its own data folder in a temp dir, a free loopback port, stopped by process id.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const defaultPostgresBinDir = '/usr/lib/postgresql/15/bin';

export type PostgresAvailability = { available: true; binDir: string } | { available: false; reason: string };

export interface PostgresServer {
  readonly pid: number;
  readonly port: number;
  /** Creates an empty database and returns its postgres:// URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** Whether the binaries are there; PLIXO_POSTGRES_BIN points elsewhere. */
export function findPostgres(binDir = process.env.PLIXO_POSTGRES_BIN ?? defaultPostgresBinDir): PostgresAvailability {
  const missing = ['initdb', 'postgres'].filter((name) => !existsSync(join(binDir, name)));
  if (missing.length === 0) return { available: true, binDir };
  return { available: false, reason: `no ${missing.join(' or ')} in ${binDir} (install postgresql-15 or set PLIXO_POSTGRES_BIN)` };
}

export async function startPostgres(binDir: string): Promise<PostgresServer> {
  const user = resolveServerUser();
  const root = mkdtempSync(join(tmpdir(), 'plixo-pg-'));
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = join(root, 'data');
  try {
    runAs(user, root, join(binDir, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    const port = await findFreePort();
    const server = spawnAs(user, root, join(binDir, 'postgres'), [
      '-D', dataDir, '-k', root, '-h', '127.0.0.1', '-p', String(port),
      // A test server: durability buys nothing and costs seconds.
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    ]);
    const stopOnExit = () => server.kill('SIGKILL');
    process.once('exit', stopOnExit);
    await waitUntilReady(server, port);
    return {
      pid: server.pid ?? -1,
      port,
      createDatabase: (name) => createDatabase(port, name),
      async stop() {
        process.removeListener('exit', stopOnExit);
        await stopServer(server);
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

// PostgreSQL refuses to run as root. As root, run it as the `postgres` OS user, creating a
// dedicated system user if there is none.
function resolveServerUser(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'plixo-postgres']) {
    const found = lookUpUser(name);
    if (found) return found;
  }
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'plixo-postgres']);
  const created = lookUpUser('plixo-postgres');
  if (!created) throw new Error('could not create the plixo-postgres OS user to run PostgreSQL as');
  return created;
}

function lookUpUser(name: string): OsUser | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

// The server user may not be able to read the caller's working directory: run from the temp folder.
function runAs(user: OsUser | null, cwd: string, command: string, args: string[]): void {
  try {
    execFileSync(command, args, { ...(user ?? {}), cwd, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`${command} failed: ${stderr || String(error)}`, { cause: error });
  }
}

function spawnAs(user: OsUser | null, cwd: string, command: string, args: string[]): ChildProcess {
  return spawn(command, args, { ...(user ?? {}), cwd, env: serverEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
}

function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(server: ChildProcess, port: number): Promise<void> {
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`postgres exited with code ${server.exitCode}: ${log}`);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  server.kill('SIGKILL');
  throw new Error(`postgres did not accept connections on port ${port} within 30 s: ${log}`);
}

async function createDatabase(port: number, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    // A linguistic collation ('a' < 'B' < 'c') when ICU is there: proves that ordering by id
    // comes from the schema, not from a C-locale test server.
    await client.query(`create database ${name} template template0 locale_provider icu icu_locale 'en-US'`).catch(() =>
      client.query(`create database ${name}`),
    );
  } finally {
    await client.end();
  }
  return `postgres://postgres@127.0.0.1:${port}/${name}`;
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // SIGINT is PostgreSQL's fast shutdown: ends sessions, no waiting for clients.
  server.kill('SIGINT');
  const timeout = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timeout);
}
