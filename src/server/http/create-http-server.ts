import Fastify, { type FastifyInstance } from 'fastify';
import { getWorkspaceOverview } from '../../app/get-workspace-overview.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import type { Store } from '../../app/ports/store.ts';
import { renderHomePage } from './render-home-page.ts';

export interface HttpDependencies {
  store: Store;
  version: string;
  startedAt: number;
  clock: () => number;
}

export function createHttpServer({ store, version, startedAt, clock }: HttpDependencies): FastifyInstance {
  const app = Fastify({ logger: false });
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
