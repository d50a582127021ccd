import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { WithdrawalCause } from '../../app/delivery/delivery-causes.ts';
import { deliverOutbox, type DeliveryOutcome } from '../../app/delivery/deliver-outbox.ts';
import { withdrawStaleDrafts } from '../../app/delivery/review-drafts.ts';
import { planWorkspace } from '../../app/plan-workspace.ts';
import { refreshCollectionsQueue } from '../../app/collections/refresh-collections-queue.ts';
import type { DocumentRenderer, MessageLinks } from '../../app/ports/documents.ts';
import type { Mailer } from '../../app/ports/mailer.ts';
import { noMetrics, type Metrics } from '../../app/ports/metrics.ts';
import type { ScheduledJobName } from '../../app/ports/operations-store.ts';
import type { Store } from '../../app/ports/store.ts';

export interface Worker {
  readonly workerId: string;
  /** Runs one tick now (also used by tests); resolves when it is done. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  store: Store;
  mailer: Mailer;
  links: MessageLinks;
  documents: DocumentRenderer;
  workerId: string;
  tickMs: number;
  clock: () => number;
  logger: Logger;
  /** How long a claimed message may take before another worker presumes this one dead. */
  leaseMs?: number;
  /** Messages sent at once; the SMTP pool's size. */
  sendConcurrency?: number;
  /** A gap in a workspace's planning longer than this is downtime: the engine catches up per each cadence's catchUp. */
  downtimeAfterMs?: number;
  /** Jobs that run less often than every tick, with their period. */
  periodicJobs?: { name: ScheduledJobName; everyMs: number; /** The first run, after start; default at once. */ firstAfterMs?: number; run: (now: number) => Promise<JobCounts | void> }[];
  /** Start ticking right away (the service); false: only when `tick()` is called (plixo run, tests). */
  autoStart?: boolean;
  /** Told what each tick and job did and how long it took; default: nothing counts. */
  metrics?: Metrics;
}

/** What a job reports when it is done: counts for its log line. */
export type JobCounts = Record<string, number>;

/**
 * The worker: every tick it plans each workspace (recording decisions and enqueuing messages),
 * withdraws drafts that went stale, sends what is due, then rescores the collections queues
 * that changed. Each part is a scheduled job an
 * operator can pause; maintenance stops planning and sending. A failing workspace or job is
 * logged and does not stop the others.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { store, logger, clock, workerId } = options;
  const metrics = options.metrics ?? noMetrics;
  let running: Promise<void> | null = null;
  let stopped = false;
  // A job first runs `firstAfterMs` after start: the moment it would have run had it last run then.
  const lastPeriodicRun = new Map<string, number>(
    (options.periodicJobs ?? []).filter((job) => job.firstAfterMs !== undefined).map((job) => [job.name, clock() - job.everyMs + job.firstAfterMs!]),
  );

  // Durations are wall time (performance.now), not the clock: a test's clock stands still.
  const runJob = async (name: ScheduledJobName, work: () => Promise<JobCounts | void>) => {
    const startedAt = clock();
    const started = performance.now();
    try {
      const counts = (await work()) ?? {};
      const durationMs = elapsedSince(started);
      metrics.observeJob({ job: name, status: 'ok', durationMs });
      // A job that did something is worth a line at info; the many idle runs only at debug.
      const level = Object.values(counts).some((count) => count > 0) ? 'info' : 'debug';
      logger[level]({ job: name, durationMs, ...counts }, 'scheduled job done');
      await store.recordJobRun(name, { startedAt, finishedAt: clock(), status: 'ok' });
    } catch (error) {
      const durationMs = elapsedSince(started);
      metrics.observeJob({ job: name, status: 'failed', durationMs });
      logger.error({ job: name, durationMs, err: error }, 'scheduled job failed');
      await store.recordJobRun(name, { startedAt, finishedAt: clock(), status: 'failed', error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    }
  };

  const plan = async (): Promise<JobCounts> => {
    const now = clock();
    const downtimeThresholdMs = options.downtimeAfterMs ?? Math.max(5 * 60_000, 3 * options.tickMs);
    const failures: string[] = [];
    const totals = { recorded: 0, enqueued: 0, held: 0, withdrawnDrafts: 0 };
    for (const workspace of await store.listWorkspaces()) {
      const started = performance.now();
      try {
        const result = await planWorkspace({ store, workspaceId: workspace.id, now, links: options.links, documents: options.documents, downtimeThresholdMs });
        metrics.countPlannedActions({ workspaceId: workspace.id, byType: result.plannedByType, deferredByReason: result.deferredByReason });
        if (result.downtime) logger.warn({ workspaceId: workspace.id, from: new Date(result.downtime.from).toISOString() }, "planning resumes after a gap; late steps follow each cadence's catchUp");
        if (result.skipped) logger.info({ workspaceId: workspace.id }, result.skipped);
        const { withdrawn, byCause } = await withdrawStaleDrafts({ store, workspaceId: workspace.id, now });
        for (const [cause, count] of Object.entries(byCause)) metrics.countMessage({ workspaceId: workspace.id, outcome: 'withdrawn', cause: cause as WithdrawalCause, count });
        const durationMs = elapsedSince(started);
        const { decided, recorded, enqueued, held, plannedByType, deferredByReason } = result;
        if (recorded > 0) logger.info({ workspaceId: workspace.id, durationMs, decided, recorded, enqueued, held, plannedByType, deferredByReason }, 'engine recorded new actions');
        else logger.debug({ workspaceId: workspace.id, durationMs, decided }, 'workspace planned: nothing new');
        if (withdrawn > 0) logger.info({ workspaceId: workspace.id, withdrawn, byCause }, 'withdrew drafts that are no longer valid');
        if (recorded > 0 || withdrawn > 0) queueOutOfDate.add(workspace.id);
        totals.recorded += recorded;
        totals.enqueued += enqueued;
        totals.held += held;
        totals.withdrawnDrafts += withdrawn;
      } catch (error) {
        failures.push(workspace.id);
        logger.error({ workspaceId: workspace.id, durationMs: elapsedSince(started), err: error }, 'planning failed for workspace');
      }
    }
    // The others were planned; the job still reports the failure so `plixo ops cron list` shows it.
    if (failures.length > 0) throw new Error(`planning failed for ${failures.length} workspace${failures.length === 1 ? '' : 's'}: ${failures.join(', ')}`);
    return totals;
  };

  // The collections queue follows what planning decided, and at least every few minutes (aging
  // moves with the clock). It is its own job, after sending, so scoring a large portfolio never
  // holds up a message that is due.
  const queueOutOfDate = new Set<string>();
  const queueRefreshMs = 5 * 60_000;
  const scoreQueue = async (): Promise<JobCounts> => {
    const now = clock();
    const failures: string[] = [];
    let rescored = 0;
    for (const workspace of await store.listWorkspaces()) {
      try {
        const scoredAt = await store.getCollectionQueueRefreshedAt(workspace.id);
        if (!queueOutOfDate.has(workspace.id) && scoredAt !== null && now - scoredAt < queueRefreshMs) continue;
        queueOutOfDate.delete(workspace.id);
        await refreshCollectionsQueue({ store, workspaceId: workspace.id, now });
        rescored += 1;
      } catch (error) {
        queueOutOfDate.add(workspace.id);
        failures.push(workspace.id);
        logger.error({ workspaceId: workspace.id, err: error }, 'scoring the collections queue failed for workspace');
      }
    }
    if (failures.length > 0) throw new Error(`scoring the collections queue failed for ${failures.length} workspace${failures.length === 1 ? '' : 's'}: ${failures.join(', ')}`);
    return { rescored };
  };

  const heartbeat = async () => {
    await store.recordHeartbeat({ workerId, seenAt: clock(), detail: { pid: process.pid } }).catch((error: unknown) => logger.error({ err: error }, 'heartbeat failed'));
  };
  const send = async (): Promise<JobCounts> => {
    // Sending stops after a tick's length, so planning and the other jobs get their turn and the
    // heartbeat stays fresh through a long backlog.
    let lastBeat = Date.now();
    const result = await deliverOutbox({
      store,
      mailer: options.mailer,
      workerId,
      clock,
      maxDurationMs: options.tickMs,
      ...(options.sendConcurrency ? { concurrency: options.sendConcurrency } : {}),
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      onOutcome: (outcome) => {
        logOutcome(logger, outcome);
        countOutcome(metrics, outcome);
        if (Date.now() - lastBeat > 15_000) {
          lastBeat = Date.now();
          void heartbeat();
        }
      },
    });
    const { maintenance: _maintenance, ...counts } = result;
    return counts;
  };

  const tick = async () => {
    const started = performance.now();
    await heartbeat();
    const [maintenance, jobs] = await Promise.all([store.getMaintenance(), store.listScheduledJobs()]);
    const paused = new Set(jobs.filter((job) => job.paused).map((job) => job.name));
    if (!maintenance.on && !paused.has('planning')) await runJob('planning', plan);
    if (!maintenance.on && !paused.has('sending')) await runJob('sending', send);
    if (!paused.has('queue')) await runJob('queue', scoreQueue);
    for (const job of options.periodicJobs ?? []) {
      const last = lastPeriodicRun.get(job.name);
      const now = clock();
      if (paused.has(job.name) || (last !== undefined && now - last < job.everyMs)) continue;
      lastPeriodicRun.set(job.name, now);
      await runJob(job.name, () => job.run(now));
    }
    const durationMs = elapsedSince(started);
    metrics.observeTick({ durationMs });
    // Ticks are not run twice at once: one that outlasts the period delays the next.
    if (durationMs > options.tickMs) logger.warn({ durationMs, tickMs: options.tickMs }, 'a worker tick took longer than its period');
    else logger.debug({ durationMs }, 'worker tick done');
  };

  const guardedTick = () =>
    tick().catch((error: unknown) => {
      logger.error({ err: error }, 'worker tick failed');
    });
  const runTick = () => {
    if (stopped || running) return;
    running = guardedTick().finally(() => {
      running = null;
    });
  };
  const autoStart = options.autoStart ?? true;
  if (autoStart) runTick();
  const timer = autoStart ? setInterval(runTick, options.tickMs) : null;
  return {
    workerId,
    async tick() {
      if (running) await running;
      await guardedTick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (running) await running;
    },
  };
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}

function countOutcome(metrics: Metrics, outcome: DeliveryOutcome): void {
  const workspaceId = outcome.message.workspaceId;
  switch (outcome.kind) {
    case 'sent':
      return metrics.countMessage({ workspaceId, outcome: 'sent' });
    case 'failed':
      return metrics.countMessage({ workspaceId, outcome: 'failed', cause: outcome.cause });
    case 'withdrawn':
      return metrics.countMessage({ workspaceId, outcome: 'withdrawn', cause: outcome.cause });
    case 'retry':
      return metrics.countMessage({ workspaceId, outcome: 'deferred', cause: outcome.cause });
  }
}

function logOutcome(logger: Logger, outcome: DeliveryOutcome): void {
  const fields = { outboxId: outcome.message.id, key: outcome.message.key, messageId: outcome.message.messageId, ...('reason' in outcome && outcome.reason ? { reason: outcome.reason } : {}) };
  switch (outcome.kind) {
    case 'accepted':
      logger.debug(fields, 'mail server accepted the message');
      break;
    case 'sent':
      logger.info(fields, 'message sent');
      break;
    case 'retry':
      logger.warn(fields, 'message will be retried');
      break;
    case 'failed':
      logger.warn(fields, 'message failed');
      break;
    case 'withdrawn':
      logger.info(fields, 'message withdrawn before sending');
      break;
    case 'lost-claim':
      logger.warn(fields, 'another worker took over this message: its outcome was not recorded here');
      break;
  }
}
