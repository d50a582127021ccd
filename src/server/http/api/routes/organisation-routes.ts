import { z } from 'zod';
import { inviteMember, revokeInvitation } from '../../../../app/access/invite-member.ts';
import { createApiToken, revokeApiToken } from '../../../../app/access/manage-api-tokens.ts';
import { changeMemberRole, removeMember } from '../../../../app/access/manage-members.ts';
import { measurePlanUsage } from '../../../../app/access/organisation-plan.ts';
import { AppError } from '../../../../app/app-error.ts';
import type { StoredApiToken, StoredInvitation } from '../../../../app/ports/access-store.ts';
import { includes, planFeatures, planLimits, type PlanFeature } from '../../../../core/access/plans.ts';
import { plans, roles } from '../../../../core/policy/policy-schema.ts';
import { defineRoute } from '../define-route.ts';

// An organisation, its members, invitations and API tokens.

const org = z.object({ orgId: z.string().min(1) });
const member = org.extend({ userId: z.string().min(1) });
const byId = org.extend({ id: z.string().min(1) });
const role = z.enum(roles);
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const memberView = z.object({ userId: z.string(), email: z.string(), name: z.string(), role, joinedAt: z.string() });
const invitationView = z.object({ id: z.string(), email: z.string(), role, createdAt: z.string(), expiresAt: z.string(), acceptedAt: z.string().nullable(), revokedAt: z.string().nullable() });
const tokenView = z.object({ id: z.string(), name: z.string(), role, createdAt: z.string(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

function toInvitationView(i: StoredInvitation): z.infer<typeof invitationView> {
  return { id: i.id, email: i.email, role: i.role, createdAt: iso(i.createdAt)!, expiresAt: iso(i.expiresAt)!, acceptedAt: iso(i.acceptedAt), revokedAt: iso(i.revokedAt) };
}

function toTokenView(t: StoredApiToken): z.infer<typeof tokenView> {
  return { id: t.id, name: t.name, role: t.role, createdAt: iso(t.createdAt)!, expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) };
}

export const organisationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId',
    summary: 'The organisation: name, defaults and the caller’s role',
    tag: 'Organisations',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    response: z.object({
      id: z.string(),
      name: z.string(),
      timeZone: z.string(),
      locale: z.string(),
      currency: z.string(),
      yourRole: role,
      plan: z.object({
        name: z.enum(plans),
        features: z.array(z.string()),
        limits: z.object({ customers: z.number().int().nullable(), openBalance: z.number().nullable() }),
        usage: z.object({ customers: z.number().int(), openBalance: z.number() }),
      }),
    }),
    async handler({ deps, organisationId, actor }) {
      const workspace = await deps.store.getWorkspace(organisationId);
      if (!workspace) throw new AppError('not_found', `organisation ${organisationId} does not exist`);
      const features = (Object.keys(planFeatures) as PlanFeature[]).filter((feature) => includes(workspace.plan, feature));
      const plan = { name: workspace.plan, features, limits: planLimits[workspace.plan], usage: await measurePlanUsage(deps.store, organisationId) };
      return { id: workspace.id, name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale, currency: workspace.currency, yourRole: actor!.role!, plan };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/members',
    summary: 'Members and their roles',
    tag: 'Members',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: org,
    response: z.object({ items: z.array(memberView) }),
    async handler({ deps, organisationId }) {
      const members = await deps.store.listMemberships({ workspaceId: organisationId });
      return { items: members.map((m) => ({ userId: m.userId, email: m.email, name: m.userName, role: m.role, joinedAt: iso(m.createdAt)! })) };
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/orgs/:orgId/members/:userId',
    summary: 'Change a member’s role (the last Controller keeps theirs)',
    tag: 'Members',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: member,
    body: z.object({ role, rationale: z.string().max(2000).optional() }),
    response: z.object({ userId: z.string(), role }),
    async handler({ deps, organisationId, actor, params, body, now }) {
      const changed = await changeMemberRole({ store: deps.store, now, workspaceId: organisationId, by: actor!, userId: params.userId, role: body.role, rationale: body.rationale ?? null });
      return { userId: changed.userId, role: changed.role };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/orgs/:orgId/members/:userId',
    summary: 'Remove a member from the organisation',
    tag: 'Members',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: member,
    status: 204,
    response: z.null(),
    async handler({ deps, organisationId, actor, params, now }) {
      await removeMember({ store: deps.store, now, workspaceId: organisationId, by: actor!, userId: params.userId });
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/invitations',
    summary: 'Invite someone by email with a role (replaces their open invitation)',
    tag: 'Members',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: org,
    body: z.object({ email: z.string().max(320), role }),
    status: 201,
    idempotent: true,
    response: invitationView.extend({ emailed: z.boolean() }),
    async handler({ deps, organisationId, actor, body, now }) {
      const { invitation, emailed } = await inviteMember({ store: deps.store, mailer: deps.userMailer, now, settings: deps.settings, workspaceId: organisationId, by: actor!, email: body.email, role: body.role, baseUrl: deps.baseUrl });
      return { ...toInvitationView(invitation), emailed };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/invitations',
    summary: 'Invitations, newest first',
    tag: 'Members',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: org,
    response: z.object({ items: z.array(invitationView) }),
    async handler({ deps, organisationId }) {
      const invitations = await deps.store.listInvitations(organisationId);
      return { items: invitations.map(toInvitationView) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/orgs/:orgId/invitations/:id',
    summary: 'Revoke an open invitation',
    tag: 'Members',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: byId,
    status: 204,
    response: z.null(),
    async handler({ deps, organisationId, actor, params, now }) {
      await revokeInvitation({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id });
      return null;
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/api-tokens',
    summary: 'Issue an API token acting with one role in this organisation; the secret is shown once',
    tag: 'API tokens',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: org,
    body: z.object({ name: z.string().max(100), role, expiresAt: z.iso.datetime().optional() }),
    status: 201,
    idempotent: true,
    response: tokenView.extend({ secret: z.string() }),
    async handler({ deps, organisationId, actor, body, now }) {
      const { token, secret } = await createApiToken({ store: deps.store, now, workspaceId: organisationId, by: actor!, name: body.name, role: body.role, expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null });
      return { ...toTokenView(token), secret };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/api-tokens',
    summary: 'API tokens (never their secrets), newest first',
    tag: 'API tokens',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: org,
    response: z.object({ items: z.array(tokenView) }),
    async handler({ deps, organisationId }) {
      const tokens = await deps.store.listApiTokens(organisationId);
      return { items: tokens.map(toTokenView) };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/orgs/:orgId/api-tokens/:id',
    summary: 'Revoke an API token',
    tag: 'API tokens',
    access: { kind: 'organisation', permission: 'users.manage' },
    params: byId,
    status: 204,
    response: z.null(),
    async handler({ deps, organisationId, actor, params, now }) {
      await revokeApiToken({ store: deps.store, now, workspaceId: organisationId, by: actor!, id: params.id });
      return null;
    },
  }),
];
