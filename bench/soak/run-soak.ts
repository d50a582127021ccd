import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createStore } from '../../src/adapters/storage/create-store.ts';
import { migrateToLatest } from '../../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../src/adapters/storage/open-database.ts';
import { findPostgres, startPostgres, type PostgresServer } from '../../src/adapters/storage/testing/start-postgres.ts';
import { createSeededRandom } from '../../src/core/random/create-seeded-random.ts';
import { describeMachine, readLoadAverage } from '../describe-machine.ts';
import { checkNoDuplicate, checkNothingLost } from './check-delivery.ts';
import { checkEventsHonoured } from './check-events.ts';
import { checkCaps, checkQuietHours } from './check-guardrails.ts';
import { checkMemory } from './check-memory.ts';
import { checkBacklogDrained } from './check-outage.ts';
import { checkWorkerLogs } from './check-worker-logs.ts';
import { gatherSoakEvidence } from './gather-soak-evidence.ts';
import { planSoakSchedule } from './plan-soak-schedule.ts';
import { readSoakOptions, type SoakOptions } from './read-soak-options.ts';
import { renderSoakReport } from './render-soak-report.ts';
import { createSoakActivity } from './soak-activity.ts';
import { createSoakClock, soakClockEnv } from './soak-clock.ts';
import type { BacklogSample, CheckResult, SoakKill, SoakOutage } from './soak-evidence.ts';
import { startSoakMailServer, type SoakMailServer } from './soak-mail-server.ts';
import { soakOrganisations } from './soak-organisations.ts';
import { createSoakWorkerPool, type SoakWorkerPool, type SoakWorkerProcess } from './soak-workers.ts';
import { seedSoakWorkspaces } from './seed-soak-workspaces.ts';

// `npm run soak` (issue 8): four workers on one PostgreSQL database for half an hour against a
// loopback SMTP server, one killed with SIGKILL every few minutes and replaced, the server down
// for a stretch in the middle, customers paying, promising and replying throughout; then the
// checks (docs/scaling.md "Soak test"). Everything it starts it stops by pid, also on failure,
// and a hard deadline kills what is left.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
// A simulated Monday, 06:00 UTC (07:00 in Berlin, 15:00 in Tokyo, 01:00 in New York): the first
// simulated hours already cover a working morning, so a short smoke run sends in earnest.
const simulationStartAt = Date.parse('2026-03-02T06:00:00Z');
const secret = 'soak-test-secret-not-for-production-0123456789';
const sampleEveryMs = 10_000;
const stepEveryMs = 2_000;

const options = readSoakOptions(process.env);
const runMs = Math.round(options.minutes * 60_000);
const log = (line: string) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

// What is running, for the hard stop and the cleanup after a failure.
const started: { postgres: PostgresServer | null; pool: SoakWorkerPool | null; mail: SoakMailServer | null } = { postgres: null, pool: null, mail: null };
// The hard deadline: setup and checks get ten minutes beyond the run; then every child is killed.
const deadline = setTimeout(() => hardStop(`the soak passed its hard deadline (${options.minutes} minutes + 10)`), runMs + 10 * 60_000);
process.once('SIGINT', () => hardStop('interrupted'));
process.once('SIGTERM', () => hardStop('terminated'));

function hardStop(reason: string): void {
  process.stderr.write(`soak: ${reason}; killing the workers and stopping PostgreSQL\n`);
  started.pool?.killAllNow();
  const postgres = started.postgres;
  // PostgreSQL gets a few seconds for its fast shutdown (and its temp folder is removed); then SIGKILL.
  const last = setTimeout(() => {
    if (postgres) {
      try {
        process.kill(postgres.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(1);
  }, 10_000);
  void Promise.allSettled([started.mail?.stop(), postgres?.stop()]).then(() => {
    clearTimeout(last);
    process.exit(1);
  });
}

try {
  const code = await runSoak(options);
  clearTimeout(deadline);
  process.exitCode = code;
} catch (error) {
  process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  started.pool?.killAllNow();
  await started.mail?.stop().catch(() => undefined);
  await started.postgres?.stop().catch(() => undefined);
  clearTimeout(deadline);
  process.exitCode = 1;
}

async function runSoak(options: SoakOptions): Promise<number> {
  const machine = describeMachine(new Date());
  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  const found = findPostgres();
  if (!found.available) throw new Error(`the soak needs PostgreSQL: ${found.reason}`);
  const random = createSeededRandom(options.seed);
  const schedule = planSoakSchedule({ runMs, random });

  log(`starting PostgreSQL from ${found.binDir}`);
  const postgres = await startPostgres(found.binDir);
  started.postgres = postgres;
  const databaseUrl = await postgres.createDatabase('plixo_soak');
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database);
  const postgresVersion = await readServerVersion(database);
  const seedStore = createStore(database, { now: () => simulationStartAt, secret });
  const seeded = await seedSoakWorkspaces({ store: seedStore, organisations: soakOrganisations, policyDir: join(repoRoot, 'examples/acme'), startAt: simulationStartAt, seed: options.seed });
  // Loopback only: the sending-domain DNS checks would ask the machine's resolver.
  await seedStore.setScheduledJobPaused('deliverability', { paused: true, reason: 'the soak test runs on loopback only', at: simulationStartAt, by: 'soak' });
  log(`seeded ${seeded.map((entry) => `${entry.id} (${entry.customers.length} customers, ${entry.invoices.length} invoices)`).join(', ')}`);

  const mail = await startSoakMailServer();
  started.mail = mail;
  const anchorFile = join(options.workDir, 'clock-anchor');
  const leaseMs = Math.round(options.leaseWallMs * options.speed);
  const workers = createSoakWorkerPool({
    logDir: options.workDir,
    readyTimeoutMs: 120_000,
    env: {
      ...process.env,
      ...soakClockEnv({ startAt: simulationStartAt, speed: options.speed, anchorFile }),
      DATABASE_URL: databaseUrl,
      PLIXO_SMTP_URL: mail.url,
      PLIXO_SMTP_ALLOW_SELF_SIGNED: 'true',
      PLIXO_DEMO: 'false',
      PLIXO_SECRET: secret,
      PLIXO_PUBLIC_URL: 'http://127.0.0.1:9/',
      PLIXO_MAILBOX_DIR: join(options.workDir, 'mailbox'),
      PLIXO_DNS_SERVERS: '127.0.0.1:9',
      PLIXO_TICK_MS: String(options.tickMs),
      PLIXO_SEND_LEASE_MS: String(leaseMs),
      PLIXO_DB_POOL_SIZE: '8',
      LOG_LEVEL: 'info',
      // Only a minute without any planning is downtime, as in production with its 30 s tick.
      SOAK_DOWNTIME_AFTER_MS: String(60_000 * options.speed),
    },
  });
  started.pool = workers;
  log(`starting ${options.workers} workers; SMTP on 127.0.0.1:${mail.port}; simulated clock ${options.speed}x from ${new Date(simulationStartAt).toISOString()}`);
  await Promise.all(Array.from({ length: options.workers }, (_, index) => workers.start({ killable: index > 0 })));
  // Every worker is up: simulated time starts moving a second from now, for all of them at once.
  const clockSettings = { startAt: simulationStartAt, anchorWallMs: Date.now() + 1_000, speed: options.speed };
  writeFileSync(anchorFile, String(clockSettings.anchorWallMs));
  workers.setEnv({ ...soakClockEnv(clockSettings), SOAK_CLOCK_ANCHOR_FILE: undefined });
  await new Promise((resolve) => setTimeout(resolve, clockSettings.anchorWallMs - Date.now()));
  const clock = createSoakClock(clockSettings);
  const store = createStore(database, { now: clock, secret });

  const activity = createSoakActivity({ store, organisations: soakOrganisations, seeded, random, startAt: clock() });
  const kills: SoakKill[] = [];
  const backlog: BacklogSample[] = [];
  const parentSamples: { wallAt: number; rssBytes: number }[] = [];
  const notes: string[] = [];
  const replacements: Promise<unknown>[] = [];
  let outage: Partial<SoakOutage> = {};
  const startedWallAt = clockSettings.anchorWallMs;
  let nextSample = startedWallAt;
  let nextKill = 0;
  const sample = () => {
    workers.sampleMemory();
    parentSamples.push({ wallAt: Date.now(), rssBytes: process.memoryUsage().rss });
  };

  for (;;) {
    const elapsed = Date.now() - startedWallAt;
    if (elapsed >= runMs) break;
    if (Date.now() >= nextSample) {
      sample();
      nextSample += sampleEveryMs;
    }
    const pending = await store.outboxBacklog(clock());
    backlog.push({ wallAt: Date.now(), pending: pending.pending, oldestDueAt: pending.oldestDueAt });
    if (elapsed < schedule.activityUntilMs) await activity.step(clock());
    if (nextKill < schedule.killsAtMs.length && elapsed >= schedule.killsAtMs[nextKill]!) {
      nextKill += 1;
      const victims = workers.alive().filter((worker) => worker.killable && worker.ready);
      const victim = victims[Math.floor(random() * victims.length)];
      if (victim) {
        kills.push(await killWorker(workers, victim, store, mail));
        log(`killed worker ${victim.number} (pid ${victim.pid}); starting a replacement`);
        replacements.push(workers.start({ killable: true }).catch((error: unknown) => notes.push(`a replacement worker did not start: ${String(error)}`)));
      }
    }
    outage = await driveOutage(mail, schedule.outage, elapsed, outage);
    for (const worker of workers.all) {
      if (worker.ending === 'exited' && !notes.some((note) => note.includes(`worker ${worker.number} `))) {
        notes.push(`worker ${worker.number} (pid ${worker.pid}) exited by itself (${worker.exitDetail}); see ${relative(repoRoot, worker.logPath)}`);
        log(notes[notes.length - 1]!);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stepEveryMs - (Date.now() - startedWallAt - elapsed))));
  }

  log('stopping the workers');
  await Promise.all(replacements);
  sample();
  const stoppedWallAt = Date.now();
  await workers.stopAll(15_000);
  await mail.stop();
  log('gathering the evidence');
  const evidence = await gatherSoakEvidence({
    store,
    workspaceIds: soakOrganisations.map((organisation) => organisation.id),
    clock: clockSettings,
    startedWallAt,
    stoppedWallAt,
    tickMs: options.tickMs,
    leaseMs,
    received: mail.received,
    kills,
    workers: workers.all,
    parentSamples,
    events: activity.events,
    outage: outage.downWallAt !== undefined && outage.tempfailWallAt !== undefined && outage.upWallAt !== undefined ? (outage as SoakOutage) : null,
    backlog,
  });
  const checks: CheckResult[] = [
    checkMemory(evidence),
    checkNoDuplicate(evidence),
    checkNothingLost(evidence),
    checkCaps(evidence),
    checkQuietHours(evidence),
    checkBacklogDrained(evidence),
    checkEventsHonoured(evidence),
    checkWorkerLogs(evidence),
    {
      title: 'No worker crashed',
      ok: evidence.workers.every((worker) => worker.ending !== 'exited'),
      summary: `${evidence.workers.length} worker processes, ${evidence.workers.filter((worker) => worker.ending === 'killed').length} killed by the soak, ${evidence.workers.filter((worker) => worker.ending === 'exited').length} exited by themselves`,
      details: [],
    },
  ];
  const report = renderSoakReport({
    options,
    machine,
    loadAverageAtEnd: readLoadAverage(),
    postgresVersion,
    organisations: soakOrganisations,
    seededInvoices: new Map(seeded.map((entry) => [entry.id, entry.invoices.length])),
    activity: activity.counts,
    evidence,
    checks,
    notes,
  });
  writeFileSync(options.reportPath, report);
  process.stdout.write(`\n${report}\n`);
  log(`report written to ${relative(repoRoot, options.reportPath)}; worker logs in ${relative(repoRoot, options.workDir)}`);
  await database.close();
  await postgres.stop();
  started.postgres = null;
  started.pool = null;
  started.mail = null;
  return checks.every((check) => check.ok) ? 0 : 1;
}

/** SIGKILL, then note which messages the server holds that the killed worker had not marked sent. */
async function killWorker(workers: SoakWorkerPool, victim: SoakWorkerProcess, store: ReturnType<typeof createStore>, mail: SoakMailServer): Promise<SoakKill> {
  const wallAt = Date.now();
  await workers.kill(victim);
  const received = new Set(mail.received.map((record) => record.messageId.replace(/^<|>$/g, '')));
  const inWindow: string[] = [];
  for (const organisation of soakOrganisations) {
    const sending = await store.listOutboxMessages(organisation.id, { statuses: ['sending'], limit: 1_000 });
    for (const row of sending) {
      const id = row.messageId.replace(/^<|>$/g, '');
      if (row.claimedBy?.includes(`:${victim.pid}:`) && received.has(id)) inWindow.push(id);
    }
  }
  return { wallAt, workerNumber: victim.number, pid: victim.pid, inWindow };
}

async function driveOutage(mail: SoakMailServer, at: { downAtMs: number; tempfailAtMs: number; upAtMs: number }, elapsed: number, outage: Partial<SoakOutage>): Promise<Partial<SoakOutage>> {
  if (outage.downWallAt === undefined && elapsed >= at.downAtMs) {
    await mail.setState('down');
    log('SMTP outage: connection refused');
    return { ...outage, downWallAt: Date.now() };
  }
  if (outage.downWallAt !== undefined && outage.tempfailWallAt === undefined && elapsed >= at.tempfailAtMs) {
    await mail.setState('tempfail');
    log('SMTP outage: 451 to every MAIL FROM');
    return { ...outage, tempfailWallAt: Date.now() };
  }
  if (outage.tempfailWallAt !== undefined && outage.upWallAt === undefined && elapsed >= at.upAtMs) {
    await mail.setState('up');
    log('SMTP back');
    return { ...outage, upWallAt: Date.now() };
  }
  return outage;
}

async function readServerVersion(database: DatabaseHandle): Promise<string> {
  const result = await sql<{ server_version: string }>`show server_version`.execute(database.db);
  return result.rows[0]?.server_version ?? 'unknown';
}
