import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';

// GET /metrics: the Prometheus text of this process. It says how much mail goes out and how
// busy each organisation's outbox is, so it is not public: with PLIXO_METRICS_TOKEN set, a
// request must bear that token (from anywhere, this machine included: a reverse proxy on the
// same machine makes every visitor look local); without it, only a request made directly from
// this machine (loopback, not relayed by a proxy) is answered.

export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
  /** The bearer token a scrape must send; null: loopback only. */
  token: string | null;
}

export const metricsPath = '/metrics';

export function registerMetricsRoute(app: FastifyInstance, endpoint: MetricsEndpoint): void {
  app.get(metricsPath, async (request, reply) => {
    void reply.header('cache-control', 'no-store');
    const refusal = refuseScrape(request, endpoint.token);
    if (refusal === 'token') {
      return reply.code(401).header('www-authenticate', 'Bearer realm="plixo-metrics"').send({ error: { code: 'unauthenticated', message: 'metrics need the bearer token of PLIXO_METRICS_TOKEN' } });
    }
    if (refusal === 'remote') {
      return reply.code(403).send({ error: { code: 'forbidden', message: 'metrics are answered on this machine only; set PLIXO_METRICS_TOKEN to scrape from elsewhere' } });
    }
    return reply.type(endpoint.contentType).send(await endpoint.render());
  });
}

/** A listener with only /metrics: how a worker-only process is scraped (PLIXO_METRICS_PORT). */
export async function startMetricsServer(input: { host: string; port: number; endpoint: MetricsEndpoint }): Promise<{ port: number; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  registerMetricsRoute(app, input.endpoint);
  await app.listen({ host: input.host, port: input.port });
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : input.port, close: () => app.close() };
}

const proxyHeaders = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

function refuseScrape(request: FastifyRequest, token: string | null): 'token' | 'remote' | null {
  if (token !== null) return bearerMatches(request.headers.authorization, token) ? null : 'token';
  const local = isLoopback(request.socket.remoteAddress) && proxyHeaders.every((name) => request.headers[name] === undefined);
  return local ? null : 'remote';
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  // Compared as digests: equal lengths, and a timing that says nothing about the token.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
