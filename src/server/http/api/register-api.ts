import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type z } from 'zod';
import type { Actor } from '../../../app/access/actor.ts';
import { authenticateApiToken, authenticateSession } from '../../../app/access/authenticate.ts';
import { requirePlanFeature } from '../../../app/access/organisation-plan.ts';
import { sameSecret } from '../../../app/access/secret-tokens.ts';
import { AppError } from '../../../app/app-error.ts';
import type { StoredSession, StoredUser } from '../../../app/ports/access-store.ts';
import { StorageInputError } from '../../../app/ports/store.ts';
import { can, rolesThatCan, roleNames } from '../../../core/access/permissions.ts';
import type { PlanFeature } from '../../../core/access/plans.ts';
import { apiErrorStatuses } from './api-error-statuses.ts';
import { contentDisposition } from './content-disposition.ts';
import { FileResponse, type ApiDependencies, type ApiRoute } from './define-route.ts';
import { readSessionCookie } from './session-cookie.ts';

// Mounts the API routes. Every request goes through the same steps, in this order: who is
// calling (session cookie or bearer token), whether they may (membership of the path's
// organisation and the route's permission), CSRF for cookie sessions, input validation, the
// idempotency key, then the handler. Every failure answers `{ error: { code, message, field? } }`.

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Caller {
  user: StoredUser | null;
  session: StoredSession | null;
  sessionToken: string | null;
  /** A token's organisation and role. */
  token: { id: string; name: string; workspaceId: string; role: NonNullable<Actor['role']> } | null;
}

export function registerApi(
  app: FastifyInstance,
  routes: readonly ApiRoute[],
  deps: ApiDependencies,
  /** The web app's page, for a GET of any other address (its screens route in the browser). */
  webApp: { page?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply } = {},
): void {
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return sendError(reply, new AppError('not_found', `${request.method} ${request.url.split('?')[0]}: no such API route (see /api/openapi.json)`));
    if (webApp.page && request.method === 'GET' && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0]!)) return webApp.page(request, reply);
    return reply.code(404).type('text/plain').send('Not found');
  });
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      ...(route.bodyLimitBytes ? { bodyLimit: route.bodyLimitBytes } : {}),
      handler: async (request, reply) => {
        const now = deps.clock();
        if (unsafeMethods.has(route.method) && request.body !== undefined && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
          throw new AppError('invalid_input', 'the body must be JSON (Content-Type: application/json)', { field: 'content-type' });
        }
        const caller = await identify(request, deps, now);
        const organisationId = typeof (request.params as { orgId?: unknown }).orgId === 'string' ? (request.params as { orgId: string }).orgId : '';
        // Who may ask comes before what was asked: outside your organisation every path is a 404.
        const actor = await authorize(route, caller, organisationId, deps);
        if (route.plan && actor && (!route.plan.tokensOnly || actor.kind === 'token')) await requireRoutePlan(deps, organisationId, route.plan.feature);
        const params = parse(route.params, request.params, 'path');
        if (unsafeMethods.has(route.method)) checkCsrf(request, route.access.kind === 'public' ? null : caller.session);
        const query = parse(route.query, request.query, 'query');
        const body = parse(route.body, request.body ?? {}, 'body');
        const run = async () => {
          const result = await route.handler({ params, query, body, actor, user: caller.user, organisationId, sessionToken: caller.sessionToken, session: caller.session, request, reply, deps, now });
          return { statusCode: route.status ?? 200, body: result };
        };
        const key = request.headers['idempotency-key'];
        const outcome = route.idempotent && typeof key === 'string' && actor ? await runOnce({ deps, key, scope: `${organisationId || '-'}/${actor.id}`, request, now, run }) : await run();
        if (outcome.statusCode === 204) return reply.code(204).send();
        if (outcome.body instanceof FileResponse) {
          const { contentType, body, filename } = outcome.body;
          // nosniff and a sandbox: a file is only ever downloaded, never run as a page of ours.
          return reply
            .code(outcome.statusCode)
            .type(contentType)
            .header('content-disposition', contentDisposition(filename))
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'; sandbox")
            .header('cache-control', 'private, no-store')
            .send(typeof body === 'string' ? body : Buffer.from(body));
        }
        return reply.code(outcome.statusCode).type('application/json; charset=utf-8').send(typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body));
      },
    });
  }
}

async function identify(request: FastifyRequest, deps: ApiDependencies, now: number): Promise<Caller> {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    const token = await authenticateApiToken({ store: deps.store, now, token: authorization.slice('Bearer '.length).trim() });
    if (!token) throw new AppError('unauthenticated', 'the API token is not valid: it was revoked, has expired or never existed');
    return { user: null, session: null, sessionToken: null, token: { id: token.id, name: token.name, workspaceId: token.workspaceId, role: token.role } };
  }
  const sessionToken = readSessionCookie(request.headers.cookie);
  if (sessionToken) {
    const signedIn = await authenticateSession({ store: deps.store, now, settings: deps.settings, token: sessionToken });
    if (signedIn) return { user: signedIn.user, session: signedIn.session, sessionToken, token: null };
  }
  return { user: null, session: null, sessionToken, token: null };
}

async function authorize(route: ApiRoute, caller: Caller, organisationId: string, deps: ApiDependencies): Promise<Actor | null> {
  if (route.access.kind === 'public') {
    return caller.user ? { kind: 'user', id: caller.user.id, label: caller.user.email, role: null } : null;
  }
  if (!caller.user && !caller.token) throw new AppError('unauthenticated', 'sign in first (or send an API token as Authorization: Bearer …)');
  if (route.access.kind === 'signed_in') {
    if (!caller.user) throw new AppError('forbidden', 'this route is for people signed in, not API tokens');
    return { kind: 'user', id: caller.user.id, label: caller.user.email, role: null };
  }
  // Outside your organisations, nothing exists: the same answer whether the organisation exists or not.
  const notYours = () => new AppError('not_found', `organisation ${organisationId} does not exist or you are not a member of it`);
  let actor: Actor;
  if (caller.token) {
    if (caller.token.workspaceId !== organisationId) throw notYours();
    actor = { kind: 'token', id: caller.token.id, label: `token:${caller.token.name}`, role: caller.token.role };
  } else {
    const membership = await deps.store.getMembership(organisationId, caller.user!.id);
    if (!membership) throw notYours();
    actor = { kind: 'user', id: caller.user!.id, label: caller.user!.email, role: membership.role };
  }
  const permission = route.access.permission;
  if (!can(actor.role!, permission)) {
    const who = rolesThatCan(permission).map((role) => roleNames[role]);
    throw new AppError('forbidden', `${roleNames[actor.role!]} may not ${permission}: ask ${who.join(' or ')}`);
  }
  return actor;
}

async function requireRoutePlan(deps: ApiDependencies, organisationId: string, feature: PlanFeature): Promise<void> {
  const workspace = await deps.store.getWorkspace(organisationId);
  if (workspace) requirePlanFeature(workspace, feature);
}

/**
 * A cookie session must echo its CSRF token; a request from another site cannot read it. Public
 * routes (sign-in, sign-up) have no session to protect yet: for them the Origin check and the
 * JSON-only body (which a cross-site form cannot send without a preflight) stand guard.
 */
function checkCsrf(request: FastifyRequest, session: StoredSession | null): void {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    const host = request.headers.host;
    if (!host || new URL(origin).host !== host) throw new AppError('forbidden', `request from another site (${origin}) refused`, { field: 'origin' });
  }
  if (!session) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
    throw new AppError('forbidden', 'missing or wrong X-CSRF-Token header (GET /api/auth/session gives the token)', { field: 'x-csrf-token' });
  }
}

function parse<T>(schema: z.ZodType<T> | undefined, input: unknown, where: 'path' | 'query' | 'body'): T {
  if (!schema) return {} as T;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw parsed.error.issues.length > 0 ? zodToAppError(parsed.error, where) : new AppError('invalid_input', `${where}: not valid`);
}

function zodToAppError(error: ZodError, where: string): AppError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  return new AppError('invalid_input', `${where}${field ? ` ${field}` : ''}: ${issue.message}`, field ? { field } : {});
}

async function runOnce(input: {
  deps: ApiDependencies;
  key: string;
  scope: string;
  request: FastifyRequest;
  now: number;
  run: () => Promise<{ statusCode: number; body: unknown }>;
}): Promise<{ statusCode: number; body: unknown }> {
  const { deps, key, scope, request } = input;
  const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
  const claim = await deps.store.claimIdempotencyKey({ scope, key, requestHash, at: input.now });
  if (claim.kind === 'replay') return { statusCode: claim.statusCode, body: claim.body };
  if (claim.kind === 'mismatch') throw new AppError('conflict', `Idempotency-Key ${key} was used for a different request; use a new key`, { field: 'idempotency-key' });
  if (claim.kind === 'in_progress') throw new AppError('conflict', `a request with Idempotency-Key ${key} is still running; try again shortly`, { field: 'idempotency-key' });
  try {
    const outcome = await input.run();
    await deps.store.completeIdempotencyKey({ scope, key, statusCode: outcome.statusCode, body: JSON.stringify(outcome.body ?? null) });
    return outcome;
  } catch (error) {
    await deps.store.releaseIdempotencyKey(scope, key);
    throw error;
  }
}

function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof AppError) {
    if (error.details?.retryAfterMs !== undefined) void reply.header('retry-after', String(Math.ceil(error.details.retryAfterMs / 1000)));
    return reply.code(apiErrorStatuses[error.code]).send({ error: { code: error.code, message: error.message, ...(error.details?.field ? { field: error.details.field } : {}) } });
  }
  if (error instanceof StorageInputError) return reply.code(400).send({ error: { code: 'invalid_input', message: error.message, ...(error.field ? { field: error.field } : {}) } });
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return reply.code(status).send({ error: { code: 'invalid_input', message: error instanceof Error ? error.message : String(error) } });
  }
  reply.log.error({ err: error }, 'API request failed');
  return reply.code(500).send({ error: { code: 'internal', message: 'something went wrong on our side; it was logged' } });
}
