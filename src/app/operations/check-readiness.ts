import type { MailerVerification } from '../ports/mailer.ts';
import type { Store } from '../ports/store.ts';
import { describeAge } from './describe-age.ts';
import { checkPolicies, checkSendingDomains, loadLivePolicies } from './check-workspaces-ready.ts';
import { readinessCheckNames, type ReadinessCheck, type ReadinessCheckName, type ReadinessReport, type ReadinessStatus } from './readiness-report.ts';

// Whether Plixo can do its job right now, as a list of checks that each say pass, warn or fail
// and why. Behind `plixo ops readiness` and GET /readyz. It never throws: a check that throws or
// hangs is a failed check with the reason, so the report itself is always there to read.

export interface OutboxThresholds {
  /** The oldest due message waiting longer than this: warn. */
  warnAgeMs: number;
  /** Longer than this: fail. */
  failAgeMs: number;
}

export const defaultOutboxThresholds: OutboxThresholds = { warnAgeMs: 15 * 60_000, failAgeMs: 60 * 60_000 };
export const defaultCheckTimeoutMs = 10_000;

/**
 * How old the newest heartbeat may be for a worker ticking every `tickMs`: three ticks, and never
 * under two minutes, so one slow tick (a large send) is not mistaken for a stopped worker.
 */
export function heartbeatMaxAgeFor(tickMs: number): number {
  return Math.max(3 * tickMs, 2 * 60_000);
}

export interface CheckReadinessInput {
  store: Store;
  now: number;
  /** A worker whose newest heartbeat is older than this is presumed stopped. */
  heartbeatMaxAgeMs: number;
  /** The mailer's `verify`; without it the mail check warns that it was not checked. */
  probeMail?: () => Promise<MailerVerification>;
  /** Names of migrations not yet applied; without it the schema is not checked. */
  migrationsPending?: () => Promise<string[]>;
  outboxThresholds?: OutboxThresholds;
  /** Each check's longest wait (a database or SMTP server that does not answer). */
  checkTimeoutMs?: number;
}

type CheckResult = Omit<ReadinessCheck, 'name'>;

const rank: Record<ReadinessStatus, number> = { pass: 0, warn: 1, fail: 2 };

export async function checkReadiness(input: CheckReadinessInput): Promise<ReadinessReport> {
  const { store, now } = input;
  const timeoutMs = input.checkTimeoutMs ?? defaultCheckTimeoutMs;
  // Both workspace checks read the same live policies; load them once.
  const policies = readOnce(() => loadLivePolicies(store));
  // The outbox check reads the switches too; one read serves both.
  const maintenance = readOnce(() => store.getMaintenance());
  const jobs = readOnce(() => store.listScheduledJobs());
  const checks: Record<ReadinessCheckName, () => Promise<CheckResult>> = {
    database: () => checkDatabase(store, input.migrationsPending),
    worker: () => checkWorker(store, now, input.heartbeatMaxAgeMs),
    mail: () => checkMail(input.probeMail),
    'sending-domains': async () => checkSendingDomains(store, await policies),
    policies: async () => checkPolicies(await policies),
    outbox: async () => checkOutbox(store, now, input.outboxThresholds ?? defaultOutboxThresholds, { maintenanceOn: (await maintenance).on, jobs: await jobs }),
    maintenance: async () => describeMaintenance(await maintenance),
    'scheduled-jobs': async () => describeJobs(await jobs),
  };
  const results = await Promise.all(
    readinessCheckNames.map(async (name): Promise<ReadinessCheck> => ({ name, ...(await runCheck(checks[name], timeoutMs)) })),
  );
  const status = results.reduce<ReadinessStatus>((worst, check) => (rank[check.status] > rank[worst] ? check.status : worst), 'pass');
  return { status, checkedAt: now, checks: results };
}

/** Starts a read shared by several checks; each check that awaits it sees its failure, none goes unhandled. */
function readOnce<T>(read: () => Promise<T>): Promise<T> {
  const promise = Promise.resolve().then(read);
  promise.catch(() => {});
  return promise;
}

async function runCheck(check: () => Promise<CheckResult>, timeoutMs: number): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'fail', detail: `no answer within ${describeAge(timeoutMs)}` }), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (error) {
    return { status: 'fail', detail: describeError(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function checkDatabase(store: Store, migrationsPending: CheckReadinessInput['migrationsPending']): Promise<CheckResult> {
  // Reading the migration list is itself a query: on an unmigrated schema it answers where a
  // query of our tables could only say "no such table".
  const pending = migrationsPending ? await migrationsPending() : null;
  if (pending && pending.length > 0) return { status: 'fail', detail: `reachable, but migrations not applied: ${pending.join(', ')}` };
  const workspaces = await store.listWorkspaces();
  const reachable = `reachable, ${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'}`;
  return { status: 'pass', detail: pending ? `${reachable}, schema up to date` : `${reachable} (migrations not checked)` };
}

async function checkWorker(store: Store, now: number, maxAgeMs: number): Promise<CheckResult> {
  const heartbeats = await store.listHeartbeats();
  const [newest] = heartbeats;
  // None at all is a fresh install or a worker that has not started yet: worth a look, not an outage.
  if (!newest) return { status: 'warn', detail: 'no worker has reported yet (is `plixo start` running with the worker service?)' };
  const fresh = heartbeats.filter((heartbeat) => now - heartbeat.seenAt <= maxAgeMs);
  const limit = `limit ${describeAge(maxAgeMs)}`;
  if (fresh.length === 0) {
    return { status: 'fail', detail: `no fresh heartbeat: worker ${newest.workerId} was last seen ${describeAge(now - newest.seenAt)} ago (${limit})` };
  }
  const others = fresh.length > 1 ? ` and ${fresh.length - 1} more` : '';
  return { status: 'pass', detail: `worker ${newest.workerId}${others} seen ${describeAge(now - newest.seenAt)} ago (${limit})` };
}

async function checkMail(probeMail: CheckReadinessInput['probeMail']): Promise<CheckResult> {
  if (!probeMail) return { status: 'warn', detail: 'not checked: no mailer to probe' };
  const verification = await probeMail();
  return { status: verification.ok ? 'pass' : 'fail', detail: verification.detail };
}

async function checkOutbox(
  store: Store,
  now: number,
  thresholds: OutboxThresholds,
  paused: { maintenanceOn: boolean; jobs: Awaited<ReturnType<Store['listScheduledJobs']>> },
): Promise<CheckResult> {
  const { pending, oldestDueAt } = await store.outboxBacklog(now);
  if (pending === 0 || oldestDueAt === null) return { status: 'pass', detail: `${pending} pending, none overdue` };
  const ageMs = Math.max(0, now - oldestDueAt);
  const summary = `${pending} pending, the oldest due ${describeAge(ageMs)} ago`;
  const status: ReadinessStatus = ageMs > thresholds.failAgeMs ? 'fail' : ageMs > thresholds.warnAgeMs ? 'warn' : 'pass';
  const limits = `(warn after ${describeAge(thresholds.warnAgeMs)}, fail after ${describeAge(thresholds.failAgeMs)})`;
  // A backlog that waits because an operator stopped sending is expected: shown, not failed.
  const held = paused.maintenanceOn ? 'maintenance is on' : paused.jobs.some((job) => job.name === 'sending' && job.paused) ? 'the sending job is paused' : null;
  if (held !== null && status !== 'pass') return { status: 'warn', detail: `${summary}: ${held}` };
  return { status, detail: status === 'pass' ? summary : `${summary} ${limits}` };
}

function describeMaintenance(state: Awaited<ReturnType<Store['getMaintenance']>>): CheckResult {
  if (!state.on) return { status: 'pass', detail: 'off' };
  const since = state.changedAt === null ? '' : ` since ${new Date(state.changedAt).toISOString()}`;
  const by = state.changedBy === null ? '' : ` by ${state.changedBy}`;
  return { status: 'warn', detail: `on${since}${by}: nothing is sent${state.reason ? ` (${state.reason})` : ''}` };
}

function describeJobs(jobs: Awaited<ReturnType<Store['listScheduledJobs']>>): CheckResult {
  const paused = jobs.filter((job) => job.paused).map((job) => `${job.name} paused${job.pausedReason ? ` (${job.pausedReason})` : ''}`);
  const failed = jobs
    .filter((job) => job.lastStatus === 'failed')
    .map((job) => `${job.name} failed its last run${job.lastError ? `: ${job.lastError}` : ''}`);
  const problems = [...paused, ...failed];
  if (problems.length > 0) return { status: 'warn', detail: problems.join('; ') };
  return { status: 'pass', detail: `${jobs.length} jobs, none paused, no failed last run` };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
