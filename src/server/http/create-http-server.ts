import Fastify, { type FastifyInstance } from 'fastify';
import { getWorkspaceOverview } from '../../app/get-workspace-overview.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import type { Store } from '../../app/ports/store.ts';
import { renderHomePage } from './render-home-page.ts';
import { registerUnsubscribeRoutes } from './unsubscribe-routes.ts';

export interface HttpDependencies {
  store: Store;
  /** Verifies signed links (unsubscribe). */
  secret: string;
  version: string;
  startedAt: number;
  clock: () => number;
}

export function createHttpServer({ store, secret, version, startedAt, clock }: HttpDependencies): FastifyInstance {
  const app = Fastify({ logger: false });
  // RFC 8058 one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form; its content is not needed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  registerUnsubscribeRoutes(app, { store, secret });
  app.get('/healthz', async () => {
    await store.getWorkspace(demoWorkspaceId);
    return { status: 'ok', version, uptimeMs: clock() - startedAt };
  });
  app.get('/', async (_request, reply) => {
    const overview = await getWorkspaceOverview(store, demoWorkspaceId);
    return reply.type('text/html; charset=utf-8').send(renderHomePage(overview));
  });
  return app;
}
