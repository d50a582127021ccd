import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { getWorkspaceOverview } from '../../app/get-workspace-overview.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import type { ReadinessReport } from '../../app/operations/readiness-report.ts';
import { noMetrics, type Metrics } from '../../app/ports/metrics.ts';
import type { Store } from '../../app/ports/store.ts';
import { renderAcceptInvitationPage } from './render-accept-invitation-page.ts';
import { renderHomePage } from './render-home-page.ts';
import { registerUnsubscribeRoutes } from './unsubscribe-routes.ts';
import { registerPortalRoutes } from './portal/register-portal-routes.ts';
import { defaultApprovalSettings } from '../../app/approvals/approval-settings.ts';
import type { PaymentProcessor } from '../../app/ports/payment-processor.ts';
import { registerPaymentWebhookRoutes, type PaymentWebhookDependencies } from './payment-webhook-routes.ts';
import { apiRoutes } from './api/api-routes.ts';
import { buildOpenApi } from './api/build-openapi.ts';
import type { ApiDependencies } from './api/define-route.ts';
import { registerApi } from './api/register-api.ts';
import { renderApiDocs } from './api/render-api-docs.ts';
import { registerMetricsRoute, type MetricsEndpoint } from './metrics-route.ts';
import { observeRequests, RouteLogController } from './observe-requests.ts';

export interface HttpDependencies {
  store: Store;
  /** Verifies signed links (unsubscribe). */
  secret: string;
  version: string;
  startedAt: number;
  clock: () => number;
  /** Behind GET /readyz (app/operations/check-readiness.ts with the server's probes); absent: /readyz answers 503. */
  checkReadiness?: () => Promise<ReadinessReport>;
  /** The JSON API under /api (sign-in, organisations, members, tokens, invoices, audit); absent: not served. */
  api?: Omit<ApiDependencies, 'store' | 'clock' | 'secret'>;
  /**
   * The payer portal under /pay/ (served with the API, whose mailer and approval settings it uses):
   * the public address for links it writes, and the payment processor (null: the workspace's
   * payment address, if it set one).
   */
  portal?: { baseUrl: () => string; processorFor: (workspaceId: string) => Promise<PaymentProcessor | null> };
  /** The folder of the built admin web app (web/dist), served at / with its screens' addresses; absent: a plain home page. */
  webApp?: string | null;
  /** The processors behind the payment webhooks (/webhooks/stripe/…, /webhooks/payments/…); absent: not served. */
  payments?: Pick<PaymentWebhookDependencies, 'processors'>;
  /** Where request lines and errors go (pino JSON); absent: nowhere. */
  logger?: Logger;
  /** Told of every request served (and of webhook deliveries); absent: nothing counts them. */
  metrics?: Metrics;
  /** GET /metrics; absent: not served. */
  metricsEndpoint?: MetricsEndpoint;
}

export function createHttpServer(dependencies: HttpDependencies): FastifyInstance {
  const { store, secret, version, startedAt, clock, checkReadiness, api, portal, webApp, payments, logger, metrics = noMetrics, metricsEndpoint } = dependencies;
  // Fastify's own request lines would log the address asked for (a payer's link token, say):
  // observeRequests writes one of its own, with the route's pattern instead (RouteLogController).
  const app = (logger ? Fastify({ loggerInstance: logger, logController: new RouteLogController(), bodyLimit: 5 * 1024 * 1024 }) : Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 })) as FastifyInstance;
  observeRequests(app, metrics);
  // The web app's page for every address of its screens (/orgs/acme/queue…); its files by name.
  const webAppPage = webApp ? readFileSync(join(webApp, 'index.html'), 'utf8') : null;
  const sendWebApp = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(webAppPage);
  if (webApp) void app.register(fastifyStatic, { root: webApp, prefix: '/', index: false, wildcard: false, immutable: true, maxAge: '365d' });
  if (api) {
    registerApi(app, apiRoutes, { ...api, store, clock, secret, ...(portal ? { publicBaseUrl: portal.baseUrl } : {}), ...(payments ? { paymentProcessors: payments.processors } : {}) }, webAppPage === null ? {} : { page: (_request, reply) => sendWebApp(reply) });
    const openApi = buildOpenApi(apiRoutes, version);
    app.get('/api/openapi.json', async () => openApi);
    app.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderApiDocs(apiRoutes, openApi)));
    // The invitation email's link: the web app's accept screen when it is served, else a plain page.
    app.get('/accept-invitation', async (_request, reply) => {
      void reply.header('referrer-policy', 'no-referrer');
      return webAppPage !== null ? sendWebApp(reply) : reply.type('text/html; charset=utf-8').send(renderAcceptInvitationPage());
    });
  }
  // RFC 8058 one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form; its content is not needed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // The dispute form of the payer portal sends files; its route reads the parts (parse-form-body.ts).
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  registerUnsubscribeRoutes(app, { store, secret });
  if (api && portal) {
    registerPortalRoutes(app, { store, secret, clock, baseUrl: portal.baseUrl, processorFor: portal.processorFor, userMailer: api.userMailer, approvals: api.approvals ?? defaultApprovalSettings });
  }
  if (payments) registerPaymentWebhookRoutes(app, { store, clock, processors: payments.processors, metrics });
  if (metricsEndpoint) registerMetricsRoute(app, metricsEndpoint);
  app.get('/healthz', async () => {
    await store.getWorkspace(demoWorkspaceId);
    return { status: 'ok', version, uptimeMs: clock() - startedAt };
  });
  // Ready means able to do the job (database, worker, mail, domains, policies, outbox): 200 on
  // pass or warn, 503 on fail, the report either way. /healthz only says the process answers.
  app.get('/readyz', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    if (!checkReadiness) return reply.code(503).send({ status: 'fail', message: 'readiness is not checked by this server: it was started without a readiness checker' });
    const report = await checkReadiness().catch((error: unknown) => ({
      status: 'fail' as const,
      message: `the readiness check itself failed: ${error instanceof Error ? error.message : String(error)}`,
    }));
    return reply.code(report.status === 'fail' ? 503 : 200).send(report);
  });
  app.get('/', async (_request, reply) => {
    if (webAppPage !== null) return sendWebApp(reply);
    const overview = await getWorkspaceOverview(store, demoWorkspaceId);
    return reply.type('text/html; charset=utf-8').send(renderHomePage(overview));
  });
  return app;
}
