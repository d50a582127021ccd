import { describe, expect, it } from 'vitest';
import type { OutboxMeasures } from '../../app/ports/outbox-store.ts';
import { createPrometheusMetrics, type PrometheusMetricsOptions } from './create-prometheus-metrics.ts';
import { parsePrometheusText, sampleKey as key } from './testing/parse-prometheus-text.ts';

const now = Date.UTC(2024, 3, 8, 9);
const quietOutbox: OutboxMeasures = { byStatus: { draft: 0, queued: 0, sending: 0, held: 0 }, oldestDueAt: null };

function create(overrides: Partial<PrometheusMetricsOptions> = {}) {
  return createPrometheusMetrics({ measureOutbox: async () => quietOutbox, clock: () => now, version: '1.2.3', processMetrics: false, ...overrides });
}

async function scrape(prometheus: ReturnType<typeof create>) {
  return parsePrometheusText(await prometheus.render());
}

describe('the Prometheus metrics', () => {
  it('counts planned and deferred actions and each way a message ends, by type and reason, with no organisation label', async () => {
    const prometheus = create();
    const { metrics } = prometheus;
    metrics.countPlannedActions({ workspaceId: 'acme', byType: { send: 3, draft: 1, skip: 2 }, deferredByReason: { weekend: 2, quiet_hours: 1 } });
    metrics.countPlannedActions({ workspaceId: 'globex', byType: { send: 1 }, deferredByReason: { weekend: 1 } });
    metrics.countMessage({ workspaceId: 'acme', outcome: 'sent' });
    metrics.countMessage({ workspaceId: 'globex', outcome: 'sent' });
    metrics.countMessage({ workspaceId: 'acme', outcome: 'failed', cause: 'rejected' });
    metrics.countMessage({ workspaceId: 'acme', outcome: 'withdrawn', cause: 'new_payment', count: 2 });
    metrics.countMessage({ workspaceId: 'acme', outcome: 'deferred', cause: 'temporary' });
    metrics.countRetention({ droppedBodies: 40, deletedMessages: 7 });

    const text = await scrape(prometheus);
    expect(text.samples.get(key('plixo_actions_planned_total', { type: 'send' }))).toBe(4);
    expect(text.samples.get(key('plixo_actions_planned_total', { type: 'draft' }))).toBe(1);
    expect(text.samples.get(key('plixo_actions_planned_total', { type: 'skip' }))).toBe(2);
    expect(text.samples.get(key('plixo_actions_deferred_total', { reason: 'weekend' }))).toBe(3);
    expect(text.samples.get(key('plixo_actions_deferred_total', { reason: 'quiet_hours' }))).toBe(1);
    expect(text.samples.get(key('plixo_messages_sent_total'))).toBe(2);
    expect(text.samples.get(key('plixo_messages_failed_total', { reason: 'rejected' }))).toBe(1);
    expect(text.samples.get(key('plixo_messages_withdrawn_total', { reason: 'new_payment' }))).toBe(2);
    expect(text.samples.get(key('plixo_messages_deferred_total', { reason: 'temporary' }))).toBe(1);
    expect(text.samples.get(key('plixo_retention_dropped_bodies_total'))).toBe(40);
    expect(text.samples.get(key('plixo_retention_deleted_messages_total'))).toBe(7);
    expect(text.samples.get(key('plixo_build_info', { version: '1.2.3' }))).toBe(1);
    // The reasons not seen yet are there at zero, so a rate over them exists from the start.
    expect(text.samples.get(key('plixo_messages_failed_total', { reason: 'gave_up' }))).toBe(0);
    expect(text.samples.get(key('plixo_actions_planned_total', { type: 'escalate' }))).toBe(0);
    expect(text.samples.get(key('plixo_actions_deferred_total', { reason: 'holiday' }))).toBe(0);
    expect(text.samples.get(key('plixo_messages_withdrawn_total', { reason: 'suppressed' }))).toBe(0);
    expect(text.samples.get(key('plixo_webhook_deliveries_total', { processor: 'stripe', outcome: 'refused' }))).toBe(0);
    expect(text.types.get('plixo_messages_sent_total')).toBe('counter');
    expect([...text.samples.keys()].filter((sample) => /acme|globex|organisation/.test(sample))).toEqual([]);
  });

  it('adds the organisation to the action and message counters when asked, and only there', async () => {
    const prometheus = create({ perOrganisation: true });
    prometheus.metrics.countPlannedActions({ workspaceId: 'acme', byType: { send: 2 }, deferredByReason: {} });
    prometheus.metrics.countMessage({ workspaceId: 'acme', outcome: 'sent' });
    prometheus.metrics.countMessage({ workspaceId: 'globex', outcome: 'failed', cause: 'too_late' });
    prometheus.metrics.observeJob({ job: 'planning', status: 'ok', durationMs: 120 });

    const text = await scrape(prometheus);
    expect(text.samples.get(key('plixo_actions_planned_total', { type: 'send', organisation: 'acme' }))).toBe(2);
    expect(text.samples.get(key('plixo_messages_sent_total', { organisation: 'acme' }))).toBe(1);
    expect(text.samples.get(key('plixo_messages_failed_total', { reason: 'too_late', organisation: 'globex' }))).toBe(1);
    expect(text.samples.get(key('plixo_job_duration_seconds_count', { job: 'planning', status: 'ok' }))).toBe(1);
  });

  it('observes ticks, jobs and HTTP requests in seconds, by route pattern and status class', async () => {
    const prometheus = create();
    prometheus.metrics.observeTick({ durationMs: 300 });
    prometheus.metrics.observeTick({ durationMs: 7_000 });
    prometheus.metrics.observeJob({ job: 'sending', status: 'failed', durationMs: 40 });
    prometheus.metrics.observeHttpRequest({ method: 'GET', route: '/api/orgs/:orgId/invoices', statusCode: 200, durationMs: 12 });
    prometheus.metrics.observeHttpRequest({ method: 'GET', route: '/api/orgs/:orgId/invoices', statusCode: 204, durationMs: 30 });
    prometheus.metrics.observeHttpRequest({ method: 'BREW', route: 'unmatched', statusCode: 404, durationMs: 1 });
    prometheus.metrics.countWebhookDelivery({ processor: 'stripe', outcome: 'applied' });

    const text = await scrape(prometheus);
    expect(text.types.get('plixo_worker_tick_duration_seconds')).toBe('histogram');
    expect(text.samples.get(key('plixo_worker_tick_duration_seconds_count'))).toBe(2);
    expect(text.samples.get(key('plixo_worker_tick_duration_seconds_sum'))).toBeCloseTo(7.3);
    expect(text.samples.get(key('plixo_worker_tick_duration_seconds_bucket', { le: '0.5' }))).toBe(1);
    expect(text.samples.get(key('plixo_worker_tick_duration_seconds_bucket', { le: '10' }))).toBe(2);
    expect(text.samples.get(key('plixo_job_duration_seconds_count', { job: 'sending', status: 'failed' }))).toBe(1);
    const api = { method: 'GET', route: '/api/orgs/:orgId/invoices', status_class: '2xx' };
    expect(text.samples.get(key('plixo_http_request_duration_seconds_count', api))).toBe(2);
    expect(text.samples.get(key('plixo_http_request_duration_seconds_sum', api))).toBeCloseTo(0.042);
    expect(text.samples.get(key('plixo_http_request_duration_seconds_count', { method: 'other', route: 'unmatched', status_class: '4xx' }))).toBe(1);
    expect(text.samples.get(key('plixo_webhook_deliveries_total', { processor: 'stripe', outcome: 'applied' }))).toBe(1);
  });

  it('reads the outbox once per scrape, and its oldest due message’s age in seconds', async () => {
    let reads = 0;
    let measures: OutboxMeasures = { byStatus: { draft: 4, queued: 120, sending: 8, held: 2 }, oldestDueAt: now - 90_000 };
    const prometheus = create({ measureOutbox: async () => (reads++, measures) });

    const first = await scrape(prometheus);
    expect(reads).toBe(1);
    expect(first.samples.get(key('plixo_outbox_messages', { status: 'queued' }))).toBe(120);
    expect(first.samples.get(key('plixo_outbox_messages', { status: 'sending' }))).toBe(8);
    expect(first.samples.get(key('plixo_outbox_messages', { status: 'draft' }))).toBe(4);
    expect(first.samples.get(key('plixo_outbox_messages', { status: 'held' }))).toBe(2);
    expect(first.samples.get(key('plixo_outbox_oldest_due_age_seconds'))).toBe(90);
    expect(first.types.get('plixo_outbox_messages')).toBe('gauge');

    // The backlog drained: nothing is due, the age is zero.
    measures = { byStatus: { draft: 4, queued: 0, sending: 0, held: 2 }, oldestDueAt: null };
    const second = await scrape(prometheus);
    expect(reads).toBe(2);
    expect(second.samples.get(key('plixo_outbox_messages', { status: 'queued' }))).toBe(0);
    expect(second.samples.get(key('plixo_outbox_oldest_due_age_seconds'))).toBe(0);
  });

  it('answers a scrape without the outbox numbers (the age unknown) when the database fails or is slow, and counts it', async () => {
    const problems: unknown[] = [];
    let mode: 'fail' | 'hang' = 'fail';
    const prometheus = create({
      measureTimeoutMs: 200,
      onMeasureError: (error) => problems.push(error),
      measureOutbox: () => (mode === 'fail' ? Promise.reject(new Error('database is down')) : new Promise<OutboxMeasures>(() => {})),
    });
    prometheus.metrics.countMessage({ workspaceId: 'acme', outcome: 'sent' });

    const failed = await scrape(prometheus);
    expect(failed.samples.get(key('plixo_messages_sent_total'))).toBe(1);
    expect([...failed.samples.keys()].filter((sample) => sample.startsWith('plixo_outbox_messages'))).toEqual([]);
    expect(failed.samples.get(key('plixo_outbox_oldest_due_age_seconds'))).toBeNaN();
    expect(failed.samples.get(key('plixo_outbox_measure_failures_total'))).toBe(1);

    mode = 'hang';
    const started = Date.now();
    const slow = await scrape(prometheus);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slow.samples.get(key('plixo_outbox_measure_failures_total'))).toBe(2);
    expect(problems.map((problem) => (problem as Error).message)).toEqual(['database is down', 'the outbox did not answer within 200 ms']);
  });

  it('includes the Node process metrics unless told not to', async () => {
    const withProcess = parsePrometheusText(await createPrometheusMetrics({ measureOutbox: async () => quietOutbox, clock: () => now, version: '1.2.3' }).render());
    expect(withProcess.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(withProcess.types.get('nodejs_heap_size_used_bytes')).toBe('gauge');
    expect((await scrape(create())).types.has('process_cpu_user_seconds_total')).toBe(false);
  });
});
