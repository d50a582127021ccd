import { randomUUID } from 'node:crypto';
import { roleNames } from '../../core/access/permissions.ts';
import type { Role } from '../../core/policy/policy-schema.ts';
import { AppError } from '../app-error.ts';
import { escapeHtml } from '../../core/messages/escape-html.ts';
import type { StoredInvitation } from '../ports/access-store.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import type { AccessSettings } from './access-settings.ts';
import { auditActor, type Actor } from './actor.ts';
import { hashSecret, newSecret } from './secret-tokens.ts';
import { checkPassword, normaliseEmail } from './sign-up.ts';
import { startSession, type StartedSession } from './start-session.ts';

// Invitations by email: a Controller names an address and a role; the link in the email is good
// for one acceptance within seven days. Inviting the same address again replaces the open
// invitation, so only the newest link works.

export interface InviteMemberInput {
  store: Store;
  mailer: UserMailer;
  now: number;
  settings: AccessSettings;
  workspaceId: string;
  by: Actor;
  email: string;
  role: Role;
  /** Where the link points: `${baseUrl}accept-invitation?token=…`. */
  baseUrl: string;
}

export async function inviteMember(input: InviteMemberInput): Promise<{ invitation: StoredInvitation; emailed: boolean; link: string }> {
  const { store, now, settings, workspaceId, by, role } = input;
  const email = normaliseEmail(input.email);
  const existing = await store.findUserByEmail(email);
  if (existing && (await store.getMembership(workspaceId, existing.id))) throw new AppError('conflict', `user ${email} is already a member of this organisation`, { field: 'email' });
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const token = newSecret('plx_inv_');
  const invitation = await store.transaction(async (tx) => {
    for (const open of await tx.listInvitations(workspaceId)) {
      if (open.email === email && open.acceptedAt === null && open.revokedAt === null) await tx.closeInvitation(workspaceId, open.id, { revokedAt: now });
    }
    const created = await tx.createInvitation({ id: randomUUID(), workspaceId, email, role, tokenHash: hashSecret(token), invitedBy: by.id, createdAt: now, expiresAt: now + settings.invitationTtlMs });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'invitation.create', subject: `user ${email}`, after: { role, expiresAt: new Date(created.expiresAt).toISOString() } });
    return created;
  });
  const link = `${input.baseUrl}accept-invitation?token=${encodeURIComponent(token)}`;
  const roleName = roleNames[role];
  const sent = await input.mailer.send({
    to: email,
    key: `invitation:${invitation.id}`,
    subject: `${by.label} invited you to ${workspace.name} on Plixo`,
    text: `${by.label} invited you to join ${workspace.name} on Plixo as ${roleName}.\n\nAccept the invitation: ${link}\n\nThe link works once and expires on ${new Date(invitation.expiresAt).toUTCString()}. If you did not expect it, ignore this email.\n`,
    html: `<p>${escapeHtml(by.label)} invited you to join <strong>${escapeHtml(workspace.name)}</strong> on Plixo as ${escapeHtml(roleName)}.</p><p><a href="${escapeHtml(link)}">Accept the invitation</a></p><p>The link works once and expires on ${escapeHtml(new Date(invitation.expiresAt).toUTCString())}. If you did not expect it, ignore this email.</p>`,
  });
  return { invitation, emailed: sent.sent, link };
}

export async function revokeInvitation(input: { store: Store; now: number; workspaceId: string; by: Actor; id: string }): Promise<void> {
  const { store, now, workspaceId, by, id } = input;
  const invitation = (await store.listInvitations(workspaceId)).find((candidate) => candidate.id === id);
  if (!invitation) throw new AppError('not_found', `invitation ${id} does not exist in this organisation`);
  await store.transaction(async (tx) => {
    if (!(await tx.closeInvitation(workspaceId, id, { revokedAt: now }))) throw new AppError('conflict', `invitation ${id} was already ${invitation.acceptedAt !== null ? 'accepted' : 'revoked'}`);
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'invitation.revoke', subject: `user ${invitation.email}`, before: { role: invitation.role } });
  });
}

export interface AcceptInvitationInput {
  store: Store;
  hasher: PasswordHasher;
  now: number;
  settings: AccessSettings;
  token: string;
  /** For a new account: the person's name and a password. For an existing account: its password. */
  name?: string;
  password: string;
  ip?: string | null;
  userAgent?: string | null;
  previousToken?: string | null;
}

/** Joins the organisation with the invited role and signs the person in. */
export async function acceptInvitation(input: AcceptInvitationInput): Promise<{ workspaceId: string; session: StartedSession; userId: string }> {
  const { store, hasher, now, settings } = input;
  const invitation = await store.findInvitationByToken(hashSecret(input.token));
  if (!invitation || invitation.revokedAt !== null || invitation.acceptedAt !== null || now >= invitation.expiresAt) {
    throw new AppError('not_found', 'this invitation link is not valid: it was used, replaced, revoked or has expired; ask for a new one', { field: 'token' });
  }
  let user = await store.findUserByEmail(invitation.email);
  if (user) {
    if (!(await hasher.verify(user.passwordHash, input.password))) throw new AppError('unauthenticated', `an account for ${invitation.email} exists: enter its password to accept`, { field: 'password' });
  } else {
    checkPassword(input.password);
  }
  const passwordHash = user ? null : await hasher.hash(input.password);
  const userId = await store.transaction(async (tx) => {
    if (!(await tx.closeInvitation(invitation.workspaceId, invitation.id, { acceptedAt: now }))) throw new AppError('conflict', 'this invitation was accepted a moment ago');
    const member = user ?? (await tx.createUser({ id: randomUUID(), email: invitation.email, name: input.name?.trim() || invitation.email, passwordHash: passwordHash! }));
    if (!member) throw new AppError('conflict', `an account for ${invitation.email} was created a moment ago; sign in and accept again`);
    user = member;
    await tx.addMembership({ workspaceId: invitation.workspaceId, userId: member.id, role: invitation.role, createdAt: now });
    await tx.appendAudit({ workspaceId: invitation.workspaceId, at: now, actor: member.email, role: invitation.role, action: 'member.join', subject: `user ${member.email}`, after: { role: invitation.role } });
    return member.id;
  });
  const session = await startSession({ store, userId, now, settings, previousToken: input.previousToken ?? null, ip: input.ip ?? null, userAgent: input.userAgent ?? null });
  return { workspaceId: invitation.workspaceId, session, userId };
}
