import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Metrics } from '../../app/ports/metrics.ts';
import { metricsPath } from './metrics-route.ts';

// One log line and one metrics observation per request, by the route's pattern
// (`/api/orgs/:orgId/invoices/:invoiceId`), never the address asked for: an address can carry a
// payer's link token or an unsubscribe token, and raw addresses would make a metric's labels
// without end. Nothing of the body, the query string or the headers is logged.

/** Probes and files: logged at debug, so a load balancer's polling does not fill the log. */
const quietRoutes = new Set(['/healthz', '/readyz', metricsPath, 'static']);

export function observeRequests(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request);
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    metrics.observeHttpRequest({ method: request.method, route, statusCode: reply.statusCode, durationMs });
    const params = request.params as Record<string, unknown> | undefined;
    const workspaceId = typeof params?.orgId === 'string' ? params.orgId : typeof params?.workspaceId === 'string' ? params.workspaceId : undefined;
    const fields = { method: request.method, route, statusCode: reply.statusCode, durationMs, ...(workspaceId ? { workspaceId } : {}) };
    if (quietRoutes.has(route) && reply.statusCode < 400) request.log.debug(fields, 'request served');
    else request.log.info(fields, 'request served');
  });
}

/** The route's pattern; `static` for the web app's files; `unmatched` for anything no route took (the web app's screens, 404s). */
function routeOf(request: FastifyRequest): string {
  if ((request.routeOptions.config as { file?: unknown } | undefined)?.file !== undefined) return 'static';
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * Fastify's own log lines, less those that write the address asked for: its request lines
 * (observeRequests writes one of its own) and its "route not found"; a failure answered by its
 * default error handler is logged with the route's pattern instead of the request.
 */
export class RouteLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: false });
  }

  override incomingRequest(): void {}

  override requestCompleted(): void {}

  override routeNotFound(): void {}

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    const fields = { err: error, route: routeOf(request), statusCode: reply.statusCode };
    if (reply.statusCode >= 500) reply.log.error(fields, 'request failed');
    else reply.log.info(fields, error.message);
  }
}
