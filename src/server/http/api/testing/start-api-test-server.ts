import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentRenderer } from '../../../../adapters/pdf/create-document-renderer.ts';
import { createPreviewLinks } from '../../../../app/messages/create-preview-links.ts';
import { createPayerLinks } from '../../../../app/portal/create-payer-links.ts';
import type { FastifyInstance } from 'fastify';
import { createArgon2Hasher } from '../../../../adapters/crypto/create-argon2-hasher.ts';
import { createStore } from '../../../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../../../adapters/storage/open-database.ts';
import { defaultAccessSettings } from '../../../../app/access/access-settings.ts';
import type { Store } from '../../../../app/ports/store.ts';
import type { UserMailer } from '../../../../app/ports/user-mailer.ts';
import { createHttpServer, type HttpDependencies } from '../../create-http-server.ts';
import { createSignedWebhookProcessor } from '../../../../adapters/payments/signed-webhook/create-signed-webhook-processor.ts';
import { createStripeProcessor, type StripeConnection } from '../../../../adapters/payments/stripe/create-stripe-processor.ts';

// The real HTTP server in-process over a fresh in-memory SQLite (or a SQLite file), for the API's tests: argon2 at a
// low cost, a fixed clock (or one the test moves), and a user mailer that keeps what it is given.

export type SentUserMail = Parameters<UserMailer['send']>[0];

export interface ApiTestServer {
  database: DatabaseHandle;
  /** The SQLite file, when the server was started with `sqliteFile`. */
  path: string | null;
  store: Store;
  app: FastifyInstance;
  hasher: ReturnType<typeof createArgon2Hasher>;
  /** Every email to Plixo's users, in order. */
  mail: SentUserMail[];
  close(): Promise<void>;
}

const testSecret = 'a-test-secret-that-is-long-enough-1234';

export interface ApiTestServerOptions {
  now: number;
  clock?: () => number;
  signUpOpen?: boolean;
  /** A SQLite file in a fresh folder instead of memory, with imports on their own connection as `npm start` has them. */
  sqliteFile?: boolean;
  /** Where the Stripe adapter calls Stripe: a local server standing in for it. */
  stripe?: StripeConnection;
  /** Request logs, metrics and GET /metrics, as `plixo start` wires them. */
  observe?: Pick<HttpDependencies, 'logger' | 'metrics' | 'metricsEndpoint'>;
}

export async function startApiTestServer({ now, clock = () => now, signUpOpen = true, sqliteFile = false, stripe = {}, observe = {} }: ApiTestServerOptions): Promise<ApiTestServer> {
  const folder = sqliteFile ? mkdtempSync(join(tmpdir(), 'plixo-api-')) : null;
  const database = openDatabase(folder ? join(folder, 'plixo.db') : ':memory:');
  await migrateToLatest(database);
  const store = createStore(database, { now: clock, secret: testSecret });
  const importDatabase = folder ? openDatabase(join(folder, 'plixo.db')) : null;
  const hasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const mail: SentUserMail[] = [];
  const app = createHttpServer({
    store,
    secret: testSecret,
    version: 'test',
    startedAt: now,
    clock,
    ...observe,
    // Stripe's API is called only where a test points `stripe` at a local server standing in for it;
    // the webhooks are verified and read locally.
    payments: { processors: { stripe: (credentials) => createStripeProcessor(credentials, stripe), webhook: createSignedWebhookProcessor } },
    api: {
      ...(importDatabase ? { importStore: createStore(importDatabase, { now: clock, secret: testSecret }) } : {}),
      hasher,
      userMailer: { send: async (message) => (mail.push(message), { sent: true, detail: 'ok' }) },
      settings: defaultAccessSettings,
      baseUrl: 'http://127.0.0.1:3000/',
      secureCookies: true,
      signUpOpen,
      messages: { links: createPayerLinks({ store, baseUrl: 'http://127.0.0.1:3000/', secret: testSecret, clock }), previewLinks: createPreviewLinks('http://127.0.0.1:3000/', testSecret), documents: createDocumentRenderer() },
    },
  });
  return {
    database,
    path: folder ? join(folder, 'plixo.db') : null,
    store,
    app,
    hasher,
    mail,
    async close() {
      await app.close();
      await importDatabase?.close();
      await database.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export { addTestMember } from '../../../../app/testing/add-test-member.ts';
