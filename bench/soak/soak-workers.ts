import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The soak's worker processes: started, killed with SIGKILL, replaced, stopped, and their
// resident memory sampled from /proc. Every process is known by its pid, so nothing else on
// the machine is ever signalled.

const runTs = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const workerEntry = fileURLToPath(new URL('./soak-worker.ts', import.meta.url));

export interface RssSample {
  wallAt: number;
  rssBytes: number;
}

export interface SoakWorkerProcess {
  /** 1, 2, 3… in the order started. */
  readonly number: number;
  readonly pid: number;
  readonly startedWallAt: number;
  /** It printed its start line: migrations done, the worker ticking. */
  ready: boolean;
  endedWallAt: number | null;
  /** How it ended: killed by the soak, stopped at the end, or exited by itself (a failure). */
  ending: 'killed' | 'stopped' | 'exited' | null;
  exitDetail: string | null;
  /** Whether the soak may kill it (one worker lives through the run, for the memory check). */
  readonly killable: boolean;
  readonly samples: RssSample[];
  readonly child: ChildProcess;
  readonly logPath: string;
}

export interface SoakWorkerPool {
  readonly all: readonly SoakWorkerProcess[];
  alive(): SoakWorkerProcess[];
  start(options: { killable: boolean }): Promise<SoakWorkerProcess>;
  /** Settings for the workers started from now on (added to the pool's, or removed when undefined). */
  setEnv(changes: Record<string, string | undefined>): void;
  /** SIGKILL, then wait for the exit. */
  kill(worker: SoakWorkerProcess): Promise<void>;
  sampleMemory(): void;
  /** SIGTERM to each alive worker, SIGKILL to any still running after `graceMs`. */
  stopAll(graceMs: number): Promise<void>;
  /** SIGKILL to every child still running, at once (the hard deadline, an exit). */
  killAllNow(): void;
}

export function createSoakWorkerPool(input: { env: NodeJS.ProcessEnv; logDir: string; readyTimeoutMs: number }): SoakWorkerPool {
  const all: SoakWorkerProcess[] = [];
  let env: NodeJS.ProcessEnv = { ...input.env };
  const exits = new Map<SoakWorkerProcess, Promise<void>>();
  const isRunning = (worker: SoakWorkerProcess) => worker.child.exitCode === null && worker.child.signalCode === null;

  const start = async ({ killable }: { killable: boolean }): Promise<SoakWorkerProcess> => {
    const number = all.length + 1;
    const logPath = join(input.logDir, `worker-${number}.log`);
    const log = createWriteStream(logPath);
    const child = spawn(process.execPath, [runTs, workerEntry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid === undefined) throw new Error('a soak worker could not be started');
    const worker: SoakWorkerProcess = {
      number, pid: child.pid, startedWallAt: Date.now(), ready: false, endedWallAt: null, ending: null, exitDetail: null, killable, samples: [], child, logPath,
    };
    all.push(worker);
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    exits.set(
      worker,
      new Promise<void>((resolve) => {
        child.once('exit', (code, signal) => {
          worker.endedWallAt = Date.now();
          worker.ending ??= 'exited';
          worker.exitDetail = signal ? `signal ${signal}` : `code ${code}`;
          log.end();
          resolve();
        });
      }),
    );
    await waitUntilReady(worker, input.readyTimeoutMs);
    worker.ready = true;
    return worker;
  };

  return {
    all,
    alive: () => all.filter(isRunning),
    start,
    setEnv(changes) {
      env = { ...env, ...changes };
      for (const [name, value] of Object.entries(changes)) if (value === undefined) delete env[name];
    },
    async kill(worker) {
      if (!isRunning(worker)) return;
      worker.ending = 'killed';
      worker.child.kill('SIGKILL');
      await exits.get(worker);
    },
    sampleMemory() {
      const wallAt = Date.now();
      for (const worker of all) {
        if (!isRunning(worker)) continue;
        const rssBytes = readRss(worker.pid);
        if (rssBytes !== null) worker.samples.push({ wallAt, rssBytes });
      }
    },
    async stopAll(graceMs) {
      const running = all.filter(isRunning);
      for (const worker of running) {
        worker.ending = 'stopped';
        worker.child.kill('SIGTERM');
      }
      const killer = setTimeout(() => running.forEach((worker) => isRunning(worker) && worker.child.kill('SIGKILL')), graceMs);
      await Promise.all(running.map((worker) => exits.get(worker)));
      clearTimeout(killer);
    },
    killAllNow() {
      for (const worker of all) if (isRunning(worker)) worker.child.kill('SIGKILL');
    },
  };
}

/** The process's resident set from /proc (Linux); null once it is gone. */
export function readRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Ready when it prints its start line (after migrations and the store are up). */
async function waitUntilReady(worker: SoakWorkerProcess, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`soak worker ${worker.number} (pid ${worker.pid}) did not start within ${timeoutMs} ms; see ${worker.logPath}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-2_000);
      if (seen.includes('Plixo worker is running')) done();
    };
    const onExit = () => fail(new Error(`soak worker ${worker.number} (pid ${worker.pid}) exited while starting: ${seen.slice(-1_000)}; see ${worker.logPath}`));
    const cleanup = () => {
      clearTimeout(timer);
      worker.child.stdout!.off('data', onData);
      worker.child.off('exit', onExit);
    };
    const done = () => {
      cleanup();
      resolve();
    };
    const fail = (error: Error) => {
      cleanup();
      reject(error);
    };
    worker.child.stdout!.on('data', onData);
    worker.child.once('exit', onExit);
  });
}
