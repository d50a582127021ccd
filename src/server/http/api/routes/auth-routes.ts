import { z } from 'zod';
import { acceptInvitation } from '../../../../app/access/invite-member.ts';
import { signIn, signOut } from '../../../../app/access/sign-in.ts';
import { createOrganisation, signUp } from '../../../../app/access/sign-up.ts';
import { startSession } from '../../../../app/access/start-session.ts';
import { AppError } from '../../../../app/app-error.ts';
import type { MembershipView, StoredUser } from '../../../../app/ports/access-store.ts';
import { permissions, can } from '../../../../core/access/permissions.ts';
import { roles } from '../../../../core/policy/policy-schema.ts';
import { defineRoute, type RouteContext } from '../define-route.ts';
import { clearedSessionCookie, sessionCookie } from '../session-cookie.ts';

// Signing up, in and out, the current session, and accepting an invitation.

const organisationInput = z.object({
  name: z.string().trim().min(1).max(200),
  timeZone: z.string().default('UTC'),
  locale: z.string().default('en-US'),
  currency: z.string().default('USD'),
});
const organisationView = z.object({ id: z.string(), name: z.string(), role: z.enum(roles), permissions: z.array(z.string()) });
const sessionView = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  csrfToken: z.string(),
  expiresAt: z.string(),
  organisations: z.array(organisationView),
});

async function describeSession(context: RouteContext<unknown, unknown, unknown>, user: StoredUser, session: { csrfToken: string; expiresAt: number }, known?: MembershipView[]) {
  const memberships = known ?? (await context.deps.store.listMemberships({ userId: user.id }));
  const { csrfToken, expiresAt } = session;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    csrfToken,
    expiresAt: new Date(expiresAt).toISOString(),
    organisations: memberships.map((membership) => ({
      id: membership.workspaceId,
      name: membership.workspaceName,
      role: membership.role,
      permissions: Object.keys(permissions).filter((permission) => can(membership.role, permission as keyof typeof permissions)),
    })),
  };
}

function setCookie(context: RouteContext<unknown, unknown, unknown>, token: string): void {
  void context.reply.header('set-cookie', sessionCookie(token, { secure: context.deps.secureCookies, maxAgeMs: context.deps.settings.sessionMaxMs }));
}

export const authRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/auth/options',
    summary: 'How people may join this install: whether anyone may sign up, or only the invited',
    tag: 'Sign-in',
    access: { kind: 'public' },
    response: z.object({ signUpOpen: z.boolean() }),
    async handler({ deps }) {
      return { signUpOpen: deps.signUpOpen };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/signup',
    summary: 'Create an organisation and its first user, its Controller, and sign in',
    tag: 'Sign-in',
    access: { kind: 'public' },
    status: 201,
    body: z.object({ organisation: organisationInput, name: z.string().max(200).default(''), email: z.string(), password: z.string() }),
    response: sessionView,
    async handler(context) {
      const { deps, body, now } = context;
      if (!deps.signUpOpen) throw new AppError('forbidden', 'sign-up is closed on this install: ask a Controller for an invitation');
      const { user } = await signUp({ store: deps.store, hasher: deps.hasher, now, organisation: body.organisation, user: { name: body.name, email: body.email, password: body.password }, ...(deps.signUpPlan ? { plan: deps.signUpPlan } : {}) });
      const session = await startSession({ store: deps.store, userId: user.id, now, settings: deps.settings, previousToken: context.sessionToken, ip: context.request.ip, userAgent: context.request.headers['user-agent'] ?? null });
      setCookie(context, session.token);
      return describeSession(context, user, session);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/signin',
    summary: 'Sign in with email and password (a new session; the old one ends)',
    tag: 'Sign-in',
    access: { kind: 'public' },
    body: z.object({ email: z.string().max(320), password: z.string().max(1024) }),
    response: sessionView,
    async handler(context) {
      const { deps, body, now } = context;
      const signedIn = await signIn({ store: deps.store, hasher: deps.hasher, now, settings: deps.settings, email: body.email, password: body.password, ip: context.request.ip, userAgent: context.request.headers['user-agent'] ?? null, previousToken: context.sessionToken });
      setCookie(context, signedIn.session.token);
      return describeSession(context, signedIn.user, signedIn.session, signedIn.organisations);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/signout',
    summary: 'End this session',
    tag: 'Sign-in',
    access: { kind: 'signed_in' },
    status: 204,
    response: z.null(),
    async handler(context) {
      if (context.sessionToken) await signOut({ store: context.deps.store, token: context.sessionToken });
      void context.reply.header('set-cookie', clearedSessionCookie({ secure: context.deps.secureCookies }));
      return null;
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/session',
    summary: 'Who is signed in, their organisations and roles, and the CSRF token for changes',
    tag: 'Sign-in',
    access: { kind: 'signed_in' },
    response: sessionView,
    async handler(context) {
      return describeSession(context, context.user!, context.session!);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/organisations',
    summary: 'Create another organisation; the signed-in user becomes its Controller',
    tag: 'Organisations',
    access: { kind: 'signed_in' },
    status: 201,
    idempotent: true,
    body: organisationInput,
    response: z.object({ id: z.string(), name: z.string() }),
    async handler({ deps, body, now, user }) {
      if (!deps.signUpOpen) throw new AppError('forbidden', 'new organisations are closed on this install');
      const workspace = await createOrganisation({ store: deps.store, now, user: user!, organisation: body, ...(deps.signUpPlan ? { plan: deps.signUpPlan } : {}) });
      return { id: workspace.id, name: workspace.name };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/invitations/accept',
    summary: 'Accept an invitation: join its organisation with its role and sign in',
    tag: 'Sign-in',
    access: { kind: 'public' },
    body: z.object({ token: z.string().min(1).max(200), name: z.string().max(200).optional(), password: z.string().max(1024) }),
    // The organisation joined, so the web app can open it among the person's others.
    response: sessionView.extend({ organisationId: z.string() }),
    async handler(context) {
      const { deps, body, now } = context;
      const accepted = await acceptInvitation({ store: deps.store, hasher: deps.hasher, now, settings: deps.settings, token: body.token, password: body.password, ...(body.name ? { name: body.name } : {}), ip: context.request.ip, userAgent: context.request.headers['user-agent'] ?? null, previousToken: context.sessionToken });
      setCookie(context, accepted.session.token);
      return { ...(await describeSession(context, (await deps.store.getUser(accepted.userId))!, accepted.session)), organisationId: accepted.workspaceId };
    },
  }),
];
