import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EngineActionType } from '../../core/planning/engine-action.ts';
import { moveReasonWords } from '../../core/planning/move-reason-words.ts';
import { deferralCauses, failureCauses, withdrawalCauses } from '../../app/delivery/delivery-causes.ts';
import { webhookOutcomes, type Metrics } from '../../app/ports/metrics.ts';
import { openOutboxStatuses, type OutboxMeasures } from '../../app/ports/outbox-store.ts';
import { webhookProcessors } from '../../app/ports/payment-store.ts';

// The Metrics port over prom-client: one registry per process, served as Prometheus text by
// GET /metrics. The outbox's gauges are read from the database when scraped (one cheap, indexed
// query, shared by the gauges of one scrape), so every process reports the same values and none
// keeps a count of its own that could drift.

export interface PrometheusMetricsOptions {
  /** The outbox as the database has it now (Store.measureOutbox). */
  measureOutbox: (now: number) => Promise<OutboxMeasures>;
  clock: () => number;
  version: string;
  /** Adds an `organisation` label to the action and message counters (a few organisations only). */
  perOrganisation?: boolean;
  /** Node's process metrics (CPU, memory, event loop, GC); default on. */
  processMetrics?: boolean;
  /** A scrape waits this long for the outbox's numbers, then goes without them; default 5 s. */
  measureTimeoutMs?: number;
  /** Told when the outbox could not be read for a scrape. */
  onMeasureError?: (error: unknown) => void;
}

export interface PrometheusMetrics {
  metrics: Metrics;
  /** The Content-Type of `render`'s text (Prometheus text format 0.0.4). */
  contentType: string;
  render(): Promise<string>;
}

const actionTypes = ['send', 'draft', 'task', 'escalate', 'skip'] as const satisfies readonly EngineActionType[];
const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const secondsOf = (ms: number) => ms / 1000;

export function createPrometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  const byOrganisation = options.perOrganisation === true;
  const orgLabels = (names: string[]) => (byOrganisation ? [...names, 'organisation'] : names);
  const withOrg = <T extends Record<string, string>>(labels: T, workspaceId: string) => (byOrganisation ? { ...labels, organisation: workspaceId } : labels);

  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  new Gauge({ name: 'plixo_build_info', help: 'The running version of Plixo (always 1).', labelNames: ['version'], registers }).set({ version: options.version }, 1);

  const planned = new Counter({ name: 'plixo_actions_planned_total', help: 'Actions the engine decided and recorded, by type (send, draft, task, escalate, skip).', labelNames: orgLabels(['type']), registers });
  const deferredActions = new Counter({
    name: 'plixo_actions_deferred_total',
    help: 'Recorded sends and drafts the guardrails moved later than planned, by each reason (weekend, quiet_hours, daily_cap, …).',
    labelNames: orgLabels(['reason']),
    registers,
  });
  const sent = new Counter({ name: 'plixo_messages_sent_total', help: 'Messages the mail server accepted.', labelNames: orgLabels([]), registers });
  const failed = new Counter({ name: 'plixo_messages_failed_total', help: 'Messages given up: refused for good, too many attempts, or too late.', labelNames: orgLabels(['reason']), registers });
  const withdrawn = new Counter({ name: 'plixo_messages_withdrawn_total', help: 'Messages and drafts withdrawn before sending, by what made them wrong.', labelNames: orgLabels(['reason']), registers });
  const deferred = new Counter({ name: 'plixo_messages_deferred_total', help: 'Send attempts put back for later: refused for now, connection lost, or an error.', labelNames: orgLabels(['reason']), registers });
  if (!byOrganisation) {
    // Zero from the start, so a rate over any reason exists before the first such message.
    sent.inc(0);
    for (const type of actionTypes) planned.inc({ type }, 0);
    for (const reason of Object.keys(moveReasonWords)) deferredActions.inc({ reason }, 0);
    for (const reason of failureCauses) failed.inc({ reason }, 0);
    for (const reason of withdrawalCauses) withdrawn.inc({ reason }, 0);
    for (const reason of deferralCauses) deferred.inc({ reason }, 0);
  }

  const durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
  const tick = new Histogram({ name: 'plixo_worker_tick_duration_seconds', help: 'How long a worker tick took: every job it ran.', buckets: durationBuckets, registers });
  const job = new Histogram({ name: 'plixo_job_duration_seconds', help: 'How long a scheduled job took, by job and how it ended.', labelNames: ['job', 'status'], buckets: durationBuckets, registers });
  const webhooks = new Counter({ name: 'plixo_webhook_deliveries_total', help: 'Payment webhook deliveries, by processor and how each ended.', labelNames: ['processor', 'outcome'], registers });
  for (const processor of webhookProcessors) for (const outcome of webhookOutcomes) webhooks.inc({ processor, outcome }, 0);
  const http = new Histogram({
    name: 'plixo_http_request_duration_seconds',
    help: 'HTTP requests served, by method, route pattern and status class (2xx, 4xx, …).',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const droppedBodies = new Counter({ name: 'plixo_retention_dropped_bodies_total', help: 'Message bodies (text, HTML, attachments) the retention job dropped.', registers });
  const deletedMessages = new Counter({ name: 'plixo_retention_deleted_messages_total', help: 'Settled outbox messages the retention job deleted.', registers });
  droppedBodies.inc(0);
  deletedMessages.inc(0);

  const readOutbox = createOutboxReader({
    ...options,
    onMeasureError: (error) => {
      measureFailures.inc();
      options.onMeasureError?.(error);
    },
  });
  const measureFailures = new Counter({
    name: 'plixo_outbox_measure_failures_total',
    help: 'Scrapes that went without the outbox gauges: the database did not answer in time.',
    registers,
    // Read after this scrape's outbox read, so a failure shows in the same scrape.
    async collect() {
      await readOutbox();
    },
  });
  measureFailures.inc(0);
  new Gauge({
    name: 'plixo_outbox_messages',
    help: 'Messages waiting in the outbox, by status (draft, queued, sending, held), across organisations.',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      const measures = await readOutbox();
      if (measures) for (const status of openOutboxStatuses) this.set({ status }, measures.byStatus[status]);
    },
  });
  new Gauge({
    name: 'plixo_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due message (queued or being sent) has waited past its instant; 0 when none is due, NaN when the database did not answer.',
    registers,
    async collect() {
      this.reset();
      const measures = await readOutbox();
      // Unknown is NaN, not 0: an age of 0 would say all is well while the database is silent.
      if (!measures) this.set(Number.NaN);
      else this.set(measures.oldestDueAt === null ? 0 : Math.max(0, secondsOf(options.clock() - measures.oldestDueAt)));
    },
  });
  const metrics: Metrics = {
    countPlannedActions({ workspaceId, byType, deferredByReason }) {
      for (const [type, count] of Object.entries(byType)) if (count) planned.inc(withOrg({ type }, workspaceId), count);
      for (const [reason, count] of Object.entries(deferredByReason)) if (count) deferredActions.inc(withOrg({ reason }, workspaceId), count);
    },
    countMessage(input) {
      const count = input.count ?? 1;
      if (input.outcome === 'sent') sent.inc(withOrg({}, input.workspaceId), count);
      else ({ failed, withdrawn, deferred })[input.outcome].inc(withOrg({ reason: input.cause }, input.workspaceId), count);
    },
    observeTick({ durationMs }) {
      tick.observe(secondsOf(durationMs));
    },
    observeJob({ job: name, status, durationMs }) {
      job.observe({ job: name, status }, secondsOf(durationMs));
    },
    countWebhookDelivery({ processor, outcome }) {
      webhooks.inc({ processor, outcome });
    },
    observeHttpRequest({ method, route, statusCode, durationMs }) {
      http.observe({ method: methods.has(method) ? method : 'other', route, status_class: `${Math.floor(statusCode / 100)}xx` }, secondsOf(durationMs));
    },
    countRetention(result) {
      droppedBodies.inc(result.droppedBodies);
      deletedMessages.inc(result.deletedMessages);
    },
  };
  const render = () => {
    readOutbox.startScrape();
    return registry.metrics();
  };
  return { metrics, contentType: registry.contentType, render };
}

/**
 * One read of the outbox per scrape, shared by its gauges (they are collected at once), bounded
 * by a timeout: a slow database costs the scrape the outbox gauges, never the whole answer.
 */
function createOutboxReader(options: PrometheusMetricsOptions): (() => Promise<OutboxMeasures | null>) & { startScrape(): void } {
  let current: Promise<OutboxMeasures | null> | null = null;
  const timeoutMs = options.measureTimeoutMs ?? 5_000;
  const read = () => {
    if (current) return current;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the outbox did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const measures = Promise.race([options.measureOutbox(options.clock()), timeout])
      .catch((error: unknown) => {
        options.onMeasureError?.(error);
        return null;
      })
      .finally(() => clearTimeout(timer));
    current = measures;
    return measures;
  };
  return Object.assign(read, {
    startScrape() {
      current = null;
    },
  });
}
