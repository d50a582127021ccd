import type { DocumentRenderer, MessageLinks } from '../../../app/ports/documents.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AccessSettings } from '../../../app/access/access-settings.ts';
import type { Actor } from '../../../app/access/actor.ts';
import type { ApprovalSettings } from '../../../app/approvals/approval-settings.ts';
import type { StoredUser } from '../../../app/ports/access-store.ts';
import type { PasswordHasher } from '../../../app/ports/password-hasher.ts';
import type { Plan, Store } from '../../../app/ports/store.ts';
import type { UserMailer } from '../../../app/ports/user-mailer.ts';
import type { Permission } from '../../../core/access/permissions.ts';
import type { PlanFeature } from '../../../core/access/plans.ts';

// One API route is one value: method, path, who may call it, its zod schemas and its handler.
// The list of them is the API: register-api.ts mounts it (authentication, permission, CSRF,
// validation, idempotency, errors in one place), build-openapi.ts describes it, and the
// authorization test walks it, so a route cannot exist without all three seeing it.

export interface ApiDependencies {
  store: Store;
  /** The instance secret: signs payer links (app/portal/payer-link-token.ts). */
  secret: string;
  hasher: PasswordHasher;
  userMailer: UserMailer;
  clock: () => number;
  settings: AccessSettings;
  /** Where links in emails point (invitations). */
  baseUrl: string;
  /** Secure cookies (HTTPS only); off only for plain-HTTP installs on loopback or a private network. */
  secureCookies: boolean;
  /** Whether anyone may sign up and create an organisation (PLIXO_SIGNUP=closed: invitations only). */
  signUpOpen: boolean;
  /** The plan organisations created here start on (PLIXO_SIGNUP_PLAN); default Starter. */
  signUpPlan?: Plan;
  /** Request lifetime and payment-plan limit; default: defaultApprovalSettings. */
  approvals?: ApprovalSettings;
  /**
   * For messages a person sends (nudges): the links in them (stored payer links) and their
   * attachments; `previewLinks` for previews and template tests, which must issue no payer link.
   */
  messages: { links: MessageLinks; previewLinks: MessageLinks; documents: DocumentRenderer };
}

/**
 * - `public`: anyone (sign-up, sign-in, accepting an invitation, the API description);
 * - `signed_in`: a person with a session, whatever their organisations;
 * - `organisation`: a member of the `:orgId` in the path (or a token of it) whose role has the permission.
 */
export type RouteAccess = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'organisation'; permission: Permission };

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** null on public routes. */
  actor: Actor | null;
  /** The signed-in person; null for API tokens and public routes. */
  user: StoredUser | null;
  /** The organisation of the path, checked against the actor's memberships; '' outside one. */
  organisationId: string;
  /** The session's token, when the caller has one (for rotation on sign-in). */
  sessionToken: string | null;
  /** The signed-in session, as identification read it; null for tokens and anonymous callers. */
  session: { csrfToken: string; expiresAt: number } | null;
  request: FastifyRequest;
  reply: FastifyReply;
  deps: ApiDependencies;
  now: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod;
  /** fastify syntax: `/api/orgs/:orgId/members/:userId`. */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response: z.ZodType;
  /** 200 unless given (201 for creations, 204 for deletions). */
  status?: number;
  /**
   * A feature of the organisation's plan the route needs (402 plan_required, naming the plan that
   * has it); with `tokensOnly`, only for API tokens (the policy-as-code API: people use the
   * same routes from the app on every plan).
   */
  plan?: { feature: PlanFeature; tokensOnly?: boolean };
  /** Honours an Idempotency-Key header: a repeat with the same key and body answers the first answer. */
  idempotent?: boolean;
  /** A larger body than the server's 5 MB (file uploads), in bytes. */
  bodyLimitBytes?: number;
  handler(context: RouteContext<P, Q, B>): Promise<unknown>;
}

export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(route: ApiRoute<P, Q, B>): ApiRoute {
  return route as unknown as ApiRoute;
}

/** A download instead of JSON (an export): sent with its type and as an attachment named `filename`. */
export class FileResponse {
  constructor(
    readonly contentType: string,
    readonly body: string | Buffer,
    readonly filename: string,
  ) {}
}
