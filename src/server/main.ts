import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { demoWorkspaceId, seedDemoWorkspace } from '../app/seed-demo-workspace.ts';
import { createMailer } from '../adapters/mail/create-mailer.ts';
import { createNodeDnsResolver } from '../adapters/dns/create-node-dns-resolver.ts';
import { listPendingMigrations } from '../adapters/storage/list-pending-migrations.ts';
import { checkSendingDomains } from '../app/deliverability/check-sending-domains.ts';
import { applyRetention } from '../app/operations/apply-retention.ts';
import { createPrometheusMetrics } from '../adapters/metrics/create-prometheus-metrics.ts';
import { startMetricsServer } from './http/metrics-route.ts';
import { cacheProbe } from '../app/operations/cache-probe.ts';
import { checkReadiness, heartbeatMaxAgeFor } from '../app/operations/check-readiness.ts';
import { startInboundService } from './inbound/start-inbound-service.ts';
import { createDocumentRenderer } from '../adapters/pdf/create-document-renderer.ts';
import { createStore } from '../adapters/storage/create-store.ts';
import { createPreviewLinks } from '../app/messages/create-preview-links.ts';
import { createPayerLinks } from '../app/portal/create-payer-links.ts';
import { ensureWebAppBuilt } from './http/web-app-folder.ts';
import { migrateToLatest } from '../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../adapters/storage/open-database.ts';
import { retryWebhookDeliveries } from '../app/payments/retry-webhook-deliveries.ts';
import { parseDatabaseUrl } from '../adapters/storage/parse-database-url.ts';
import { readBundleFiles } from '../adapters/files/read-bundle-files.ts';
import { readSecret, secretPathFor } from '../adapters/files/read-secret.ts';
import type { Config } from './config.ts';
import type { PaymentProcessor } from '../app/ports/payment-processor.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { createArgon2Hasher } from '../adapters/crypto/create-argon2-hasher.ts';
import { defaultAccessSettings } from '../app/access/access-settings.ts';
import { demoEmailFor, demoPassword, seedDemoUsers } from '../app/access/seed-demo-users.ts';
import { createUserMailer } from '../app/notifications/create-user-mailer.ts';
import { startWorker, type Worker } from './worker/start-worker.ts';
import { createStripeProcessor, type StripeConnection } from '../adapters/payments/stripe/create-stripe-processor.ts';
import { createSignedWebhookProcessor } from '../adapters/payments/signed-webhook/create-signed-webhook-processor.ts';

// The composition root: the only file that picks concrete adapters and wires them together.

export interface RunningPlixo {
  url: string | null;
  /** The listener of PLIXO_METRICS_PORT, if set (GET /metrics is on `url` too). */
  metricsUrl: string | null;
  worker: Worker | null;
  close(): Promise<void>;
}

const exampleBundle = fileURLToPath(new URL('../../examples/acme', import.meta.url));

async function readVersion(): Promise<string> {
  const text = await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export interface StartOptions {
  /** The clock every part reads; the system clock unless a test sets the day and hour. */
  clock?: () => number;
  /**
   * The worker's downtime rule: a gap in a workspace's planning longer than this is recorded as
   * downtime (default max(5 minutes, 3 ticks) of the clock). The soak test's clock runs faster
   * than the wall clock, so it sets this in the clock's milliseconds.
   */
  downtimeAfterMs?: number;
  /** Where payers pay from the portal; none: each workspace's payment address, if it set one. */
  paymentProcessor?: PaymentProcessor | null;
  /** Where Stripe's API is: Stripe's own unless a test points the workspaces' connectors at a local server. */
  stripe?: StripeConnection;
}

export async function startPlixo(config: Config, output: NodeJS.WritableStream, { clock = () => Date.now(), paymentProcessor = null, stripe = {}, downtimeAfterMs }: StartOptions = {}): Promise<RunningPlixo> {
  const logger = pino({ level: config.logLevel });
  const version = await readVersion();
  const database = openDatabase(config.databaseUrl, { postgresPoolSize: config.databasePoolSize });
  await migrateToLatest(database);
  const secret = await readSecret(config.secret ? { PLIXO_SECRET: config.secret } : {}, secretPathFor(config.databaseUrl));
  const store = createStore(database, { now: clock, secret });
  // Imports from the web app write through their own connection on a SQLite file: everyone else
  // goes on reading while an import holds its one transaction (PostgreSQL's pool does this anyway).
  const importDatabase = opensSecondSqliteConnection(config.databaseUrl) ? openDatabase(config.databaseUrl) : null;
  const importStore = importDatabase ? createStore(importDatabase, { now: clock, secret }) : store;
  if (config.seedDemo) {
    const seeded = await seedDemoWorkspace({ store, now: clock(), policyFiles: await readBundleFiles(exampleBundle) });
    if (seeded.created) logger.info({ customers: seeded.customers, invoices: seeded.invoices }, 'created the demo workspace');
  }
  const hasher = createArgon2Hasher();
  if (config.seedDemo) await seedDemoUsers({ store, hasher, now: clock(), workspaceId: demoWorkspaceId });
  // One registry per process; the outbox gauges are read from the database at each scrape.
  const prometheus = createPrometheusMetrics({
    measureOutbox: (now) => store.measureOutbox(now),
    clock,
    version,
    perOrganisation: config.metricsPerOrganisation,
    onMeasureError: (error) => logger.warn({ err: error }, 'metrics: the outbox could not be measured for this scrape'),
  });
  const metrics = prometheus.metrics;
  const metricsEndpoint = { contentType: prometheus.contentType, render: prometheus.render, token: config.metricsToken };
  const mail = await createMailer(config);
  // Cached: a load balancer polling /readyz must not open an SMTP connection on every poll.
  const probeMail = cacheProbe(() => mail.mailer.verify(), { maxAgeMs: 60_000, clock });
  let url: string | null = null;
  const apiBaseUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`;
  // Links payers follow: the public address, else where this server listens (known after listen).
  const publicBaseUrl = () => config.publicUrl ?? url ?? apiBaseUrl;
  const http = config.services.includes('web')
    ? createHttpServer({
        store,
        secret,
        webApp: await ensureWebAppBuilt({ log: (line) => output.write(`${line}\n`) }),
        version,
        startedAt: clock(),
        clock,
        logger: logger.child({ component: 'http' }),
        metrics,
        metricsEndpoint,
        // Each workspace's keys come from its payment connector, read per delivery.
        payments: { processors: { stripe: (credentials) => createStripeProcessor(credentials, stripe), webhook: createSignedWebhookProcessor } },
        api: {
          importStore,
          hasher,
          userMailer: createUserMailer({ mailer: mail.mailer, from: { name: 'Plixo', address: config.mailFrom } }),
          settings: defaultAccessSettings,
          baseUrl: config.publicUrl ?? apiBaseUrl,
          secureCookies: config.secureCookies,
          signUpOpen: config.signUpOpen,
          signUpPlan: config.signUpPlan,
          messages: {
            links: createPayerLinks({ store, baseUrl: publicBaseUrl, secret, clock }),
            previewLinks: createPreviewLinks(config.publicUrl ?? apiBaseUrl, secret),
            documents: createDocumentRenderer(),
          },
        },
        // A processor given to startPlixo (tests) serves every workspace; otherwise each workspace's
        // Stripe connector, when it holds an API key (a webhook-only connector takes no checkouts).
        portal: {
          baseUrl: publicBaseUrl,
          processorFor: async (workspaceId) => {
            if (paymentProcessor) return paymentProcessor;
            const connector = await store.getPaymentConnector(workspaceId, 'stripe');
            return connector?.secretKey ? createStripeProcessor({ secretKey: connector.secretKey, webhookSecret: connector.webhookSecret }, stripe) : null;
          },
        },
        checkReadiness: () =>
          checkReadiness({ store, now: clock(), heartbeatMaxAgeMs: heartbeatMaxAgeFor(config.tickMs), probeMail, migrationsPending: () => listPendingMigrations(database) }),
      })
    : null;
  if (http) {
    await http.listen({ host: config.host, port: config.port });
    const address = http.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/`;
  }
  const links = createPayerLinks({ store, baseUrl: config.publicUrl ?? url ?? `http://${config.host}:${config.port}/`, secret, clock });
  const worker = config.services.includes('worker')
    ? startWorker({
        store,
        mailer: mail.mailer,
        workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
        tickMs: config.tickMs,
        leaseMs: config.sendLeaseMs,
        sendConcurrency: config.smtpMaxConnections,
        ...(downtimeAfterMs !== undefined ? { downtimeAfterMs } : {}),
        clock,
        logger: logger.child({ component: 'worker' }),
        metrics,
        links,
        documents: createDocumentRenderer(),
        periodicJobs: [
          {
            name: 'deliverability',
            everyMs: 6 * 3_600_000,
            firstAfterMs: 60_000,
            run: async (now) => {
              const outcomes = await checkSendingDomains({
                store,
                resolver: createNodeDnsResolver(config.dnsServers.length > 0 ? { servers: config.dnsServers } : {}),
                dkimSelector: config.dkim?.selector ?? config.dkimSelector,
                ...(config.spfInclude ? { expectedSpfInclude: config.spfInclude } : {}),
                now,
              });
              for (const outcome of outcomes) {
                if (outcome.ok) logger.info({ workspaceId: outcome.workspaceId, domain: outcome.domain, status: outcome.state.status }, 'sending domain checked');
                else logger.warn({ workspaceId: outcome.workspaceId, domain: outcome.domain, reason: outcome.message }, 'sending domain could not be checked');
              }
            },
          },
          {
            // Webhook deliveries stored but not applied (a failure half-way) are tried again here.
            name: 'webhooks',
            everyMs: 60_000,
            firstAfterMs: 30_000,
            run: async (now) => {
              const retried = await retryWebhookDeliveries({ store, now, onError: (error, delivery) => logger.error({ err: error, workspaceId: delivery.workspaceId, eventId: delivery.eventId }, 'webhook delivery could not be applied') });
              if (retried.tried > 0) logger.info(retried, 'webhook deliveries tried again');
            },
          },
          {
            name: 'retention',
            everyMs: 24 * 3_600_000,
            firstAfterMs: 5 * 60_000,
            run: async (now) => {
              const result = await applyRetention({ store, now, bodyKeepDays: config.retentionDays, messageKeepDays: config.outboxRetentionDays });
              metrics.countRetention(result);
              // Sign-in attempts, ended sessions and idempotency keys are kept for a day.
              await store.pruneAccessRecords(now - 24 * 3_600_000);
              return { ...result, bodyKeepDays: config.retentionDays, messageKeepDays: config.outboxRetentionDays };
            },
          },
        ],
      })
    : null;
  const inbound =
    config.inboundPort === null ? null : await startInboundService({ store, host: config.inboundHost, port: config.inboundPort, clock, logger: logger.child({ component: 'inbound' }) });
  // A listener of its own for /metrics: how a worker-only process is scraped (the web one has /metrics too).
  const metricsServer = config.metricsPort === null ? null : await startMetricsServer({ host: config.metricsHost, port: config.metricsPort, endpoint: metricsEndpoint });
  const metricsUrl = metricsServer ? `http://${config.metricsHost.includes(':') ? `[${config.metricsHost}]` : config.metricsHost}:${metricsServer.port}/metrics` : null;
  if (http && url) {
    output.write(
      [
        `Plixo is running (${config.services.join(' + ')}) on ${describeDatabase(config.databaseUrl)}.`,
        `  Open ${url} — the demo workspace "Acme Demo" (all segments in shadow mode).`,
        config.seedDemo
          ? `  Sign in as ${demoEmailFor('controller')} with password ${demoPassword}; every role has a demo user (${demoEmailFor('operator')}, ${demoEmailFor('viewer')}, …).`
          : `  Sign up: POST ${url}api/auth/signup (the first user of an organisation is its Controller).`,
        `  API: ${url}api/docs (OpenAPI: ${url}api/openapi.json)`,
        `  Mail goes to ${mail.description}.`,
        inbound ? `  Replies and bounces: SMTP on ${config.inboundHost}:${inbound.port}.` : '  Replies and bounces: not received (set PLIXO_INBOUND_PORT).',
        `  Health: ${url}healthz · Metrics: ${metricsUrl ?? `${url}metrics`} (${config.metricsToken ? 'bearer token' : 'from this machine only'}) · Stop: Ctrl+C`,
        '',
      ].join('\n'),
    );
  } else {
    const scrape = metricsUrl ? `Metrics: ${metricsUrl}` : 'Metrics: not served (set PLIXO_METRICS_PORT)';
    output.write(`Plixo worker is running on ${describeDatabase(config.databaseUrl)}. ${scrape}. Stop: Ctrl+C\n`);
  }
  return {
    url,
    metricsUrl,
    worker,
    async close() {
      await worker?.stop();
      await inbound?.close();
      await metricsServer?.close();
      await mail.mailer.close();
      await http?.close();
      await importDatabase?.close();
      await database.close();
    },
  };
}

function opensSecondSqliteConnection(databaseUrl: string): boolean {
  const target = parseDatabaseUrl(databaseUrl);
  return target.kind === 'sqlite' && target.filename !== ':memory:';
}

function describeDatabase(databaseUrl: string): string {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'PostgreSQL' : `SQLite (${databaseUrl.replace(/^file:/, '')})`;
}
