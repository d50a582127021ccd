// GET /metrics over real HTTP, read the way Prometheus reads it, and the request log lines: the
// route's pattern, never the address asked for.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../adapters/metrics/create-prometheus-metrics.ts';
import { parsePrometheusText, sampleKey as key } from '../../adapters/metrics/testing/parse-prometheus-text.ts';
import { signPlixoWebhook } from '../../adapters/payments/signed-webhook/create-signed-webhook-processor.ts';
import { buildCustomer, buildInvoice, buildOutboxMessage, buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { loadConfig } from '../config.ts';
import { startPlixo } from '../main.ts';
import { startApiTestServer, type ApiTestServer } from './api/testing/start-api-test-server.ts';

const now = Date.UTC(2024, 3, 8, 9);
const secretToken = 'unsubscribe-token-that-must-not-be-logged';

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let server: ApiTestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function startObserved(token: string | null = null) {
  const lines: LogLine[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const prometheus = createPrometheusMetrics({ measureOutbox: (at) => server!.store.measureOutbox(at), clock: () => now, version: 'test' });
  server = await startApiTestServer({
    now,
    observe: {
      logger: pino({ level: 'debug' }, destination),
      metrics: prometheus.metrics,
      metricsEndpoint: { contentType: prometheus.contentType, render: prometheus.render, token },
    },
  });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { base, lines, raw: () => raw, app: server.app, store: server.store };
}

describe('GET /metrics', () => {
  it('answers a scraper on this machine in the Prometheus text format: the outbox from the database, requests by route pattern', async () => {
    const { base, lines, raw, store } = await startObserved();
    await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
    await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1' })]);
    await store.enqueueOutboxMessages('acme', [
      buildOutboxMessage({ key: 'a', notBefore: now - 600_000 }),
      buildOutboxMessage({ key: 'b', notBefore: now - 60_000 }),
      buildOutboxMessage({ key: 'c', kind: 'draft', status: 'draft' }),
    ]);

    expect((await fetch(`${base}/api/orgs/acme/invoices?search=ap%40payer.example`)).status).toBe(401);
    await fetch(`${base}/unsubscribe/${secretToken}`);
    expect((await fetch(`${base}/no/such/address`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await response.text();
    const text = parsePrometheusText(body);
    expect(text.samples.get(key('plixo_outbox_messages', { status: 'queued' }))).toBe(2);
    expect(text.samples.get(key('plixo_outbox_messages', { status: 'draft' }))).toBe(1);
    expect(text.samples.get(key('plixo_outbox_messages', { status: 'held' }))).toBe(0);
    expect(text.samples.get(key('plixo_outbox_oldest_due_age_seconds'))).toBe(600);
    expect(text.samples.get(key('plixo_http_request_duration_seconds_count', { method: 'GET', route: '/api/orgs/:orgId/invoices', status_class: '4xx' }))).toBe(1);
    expect(text.samples.get(key('plixo_http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status_class: '2xx' }))).toBe(1);
    expect(text.samples.get(key('plixo_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' }))).toBe(1);
    expect([...text.samples.keys()].some((sample) => sample.includes('route="/unsubscribe/:token"'))).toBe(true);
    expect(text.types.get('process_resident_memory_bytes')).toBe('gauge');
    expect(body).not.toContain(secretToken);
    expect(body).not.toContain('acme');

    // One line per request at info, with the pattern, status and time; probes at debug; no address, query or token.
    const served = lines.filter((line) => line.msg === 'request served');
    expect(served.find((line) => line.route === '/api/orgs/:orgId/invoices')).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      reqId: expect.any(String),
      msg: 'request served',
      method: 'GET',
      route: '/api/orgs/:orgId/invoices',
      statusCode: 401,
      durationMs: expect.any(Number),
      workspaceId: 'acme',
    });
    expect(served.find((line) => line.route === '/unsubscribe/:token')?.level).toBe(30);
    expect(served.find((line) => line.route === '/healthz')?.level).toBe(20);
    expect(raw()).not.toContain(secretToken);
    expect(raw()).not.toContain('payer.example');
    expect(raw()).not.toContain('/no/such/address');
  });

  it('with PLIXO_METRICS_TOKEN, answers only a request bearing it, from this machine too', async () => {
    const { base } = await startObserved('a-metrics-token-of-some-length');
    const missing = await fetch(`${base}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer a-metrics-token-of-some-lengtx' } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Basic a-metrics-token-of-some-length' } })).status).toBe(401);
    const allowed = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer a-metrics-token-of-some-length' } });
    expect(allowed.status).toBe(200);
    expect(parsePrometheusText(await allowed.text()).types.get('plixo_messages_sent_total')).toBe('counter');
  });

  it('without a token, refuses a request from another machine or relayed by a proxy', async () => {
    const { base, app } = await startObserved();
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });
});

describe('payment webhook deliveries', () => {
  it('are counted by processor and how each ended', async () => {
    const { base, store } = await startObserved();
    await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
    await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1' })]);
    const secret = 'a-shared-secret-for-the-generic-webhook-0123';
    const body = JSON.stringify({ id: 'gen-1', type: 'payment.received', createdAt: new Date(now).toISOString(), payment: { id: 'RCPT-1', amount: '1200.00', currency: 'EUR', customer: 'c1', invoices: [{ invoice: 'INV-1' }] } });
    const post = (workspace: string, signature: string) =>
      fetch(`${base}/webhooks/payments/${workspace}`, { method: 'POST', headers: { 'content-type': 'application/json', 'plixo-signature': signature }, body });

    expect((await post('acme', 't=1,v1=00')).status).toBe(404);
    await store.setPaymentConnector('acme', { processor: 'webhook', secretKey: null, webhookSecret: secret, setBy: 'test', setAt: now });
    expect((await post('acme', signPlixoWebhook('not-the-secret-of-this-connector-000', body, Math.floor(now / 1000)))).status).toBe(400);
    expect((await post('acme', signPlixoWebhook(secret, body, Math.floor(now / 1000)))).status).toBe(200);
    expect((await post('acme', signPlixoWebhook(secret, body, Math.floor(now / 1000)))).status).toBe(200);

    const text = parsePrometheusText(await (await fetch(`${base}/metrics`)).text());
    const count = (outcome: string) => text.samples.get(key('plixo_webhook_deliveries_total', { processor: 'webhook', outcome }));
    expect([count('no_connector'), count('refused'), count('applied'), count('duplicate'), count('waiting')]).toEqual([1, 1, 1, 1, 0]);
    expect(text.samples.get(key('plixo_http_request_duration_seconds_count', { method: 'POST', route: '/webhooks/payments/:workspaceId', status_class: '2xx' }))).toBe(2);
  });
});

describe('a worker-only process', () => {
  it('serves /metrics on PLIXO_METRICS_PORT, on loopback by default', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'plixo-metrics-'));
    const loaded = loadConfig(
      { services: 'worker' },
      { DATABASE_URL: `file:${join(folder, 'plixo.db')}`, PLIXO_DEMO: 'false', PLIXO_TICK_MS: '3600000', PLIXO_LOG_LEVEL: 'silent', PLIXO_METRICS_PORT: '0' },
    );
    if (!loaded.ok) throw new Error(loaded.message);
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const running = await startPlixo(loaded.config, output, { clock: () => now });
    try {
      expect(running.url).toBeNull();
      expect(running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(printed).toContain(`Metrics: ${running.metricsUrl}`);
      await running.worker!.tick();
      const response = await fetch(running.metricsUrl!);
      expect(response.status).toBe(200);
      const text = parsePrometheusText(await response.text());
      expect(text.samples.get(key('plixo_worker_tick_duration_seconds_count'))).toBeGreaterThanOrEqual(1);
      expect(text.samples.get(key('plixo_job_duration_seconds_count', { job: 'planning', status: 'ok' }))).toBeGreaterThanOrEqual(1);
      expect(text.samples.get(key('plixo_outbox_oldest_due_age_seconds'))).toBe(0);
    } finally {
      await running.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
