import { randomBytes, randomUUID } from 'node:crypto';
import { isEmailAddress } from '../../core/access/email-address.ts';
import { AppError } from '../app-error.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Plan, Store, StoredWorkspace } from '../ports/store.ts';
import type { StoredUser } from '../ports/access-store.ts';
import { minPasswordLength } from './access-settings.ts';

// Sign-up creates an organisation and its first user, who is its Controller (the product brief:
// the first user of a new organisation owns it). Nothing is written unless all of it is.

export interface SignUpInput {
  store: Store;
  hasher: PasswordHasher;
  now: number;
  organisation: { name: string; timeZone: string; locale: string; currency: string };
  user: { name: string; email: string; password: string };
  /** The plan a new organisation starts on (the install's PLIXO_SIGNUP_PLAN; default Starter). */
  plan?: Plan;
}

export async function signUp({ store, hasher, now, organisation, user, plan }: SignUpInput): Promise<{ user: StoredUser; workspace: StoredWorkspace }> {
  checkPassword(user.password);
  const email = normaliseEmail(user.email);
  if (await store.findUserByEmail(email)) throw new AppError('conflict', `user ${email}: an account with this email exists; sign in and create the organisation from there, or ask for an invitation`, { field: 'email' });
  const passwordHash = await hasher.hash(user.password);
  return store.transaction(async (tx) => {
    const created = await tx.createUser({ id: randomUUID(), email, name: user.name.trim() || email, passwordHash });
    if (!created) throw new AppError('conflict', `user ${email}: an account with this email exists`, { field: 'email' });
    return { user: created, workspace: await createOrganisation({ store: tx, now, user: created, organisation, ...(plan ? { plan } : {}) }) };
  });
}

/** A new organisation whose Controller is `user` (a new account at sign-up, or an existing one). */
export async function createOrganisation(input: { store: Store; now: number; user: StoredUser; organisation: SignUpInput['organisation']; plan?: Plan }): Promise<StoredWorkspace> {
  const { store, now, user, organisation } = input;
  const plan = input.plan ?? 'starter';
  const workspaceId = organisationIdFor(organisation.name);
  return store.transaction(async (tx) => {
    // upsertWorkspace would rename an existing one; the random suffix makes this all but impossible.
    if (await tx.getWorkspace(workspaceId)) throw new AppError('conflict', `organisation ${workspaceId} exists; try again`);
    const workspace = await tx.upsertWorkspace({ id: workspaceId, ...organisation, name: organisation.name.trim(), plan });
    await tx.addMembership({ workspaceId, userId: user.id, role: 'controller', createdAt: now });
    const by = { actor: user.email, role: 'controller' as const };
    await tx.appendAudit({ workspaceId, at: now, ...by, action: 'organisation.create', subject: `organisation ${workspaceId}`, after: { name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale, currency: workspace.currency, plan } });
    await tx.appendAudit({ workspaceId, at: now, ...by, action: 'member.add', subject: `user ${user.email}`, after: { role: 'controller' }, rationale: 'first user of the organisation' });
    return workspace;
  });
}

export function checkPassword(password: string): void {
  if (password.length < minPasswordLength) throw new AppError('invalid_input', `password: must be at least ${minPasswordLength} characters`, { field: 'password' });
  if (password.length > 1024) throw new AppError('invalid_input', 'password: must be at most 1024 characters', { field: 'password' });
}

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!isEmailAddress(trimmed)) throw new AppError('invalid_input', `email: "${email}" is not an email address`, { field: 'email' });
  return trimmed;
}

/** A readable, unguessable id: the name's slug and six random characters (`northwind-k3x9qa`). */
function organisationIdFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  if (name.trim() === '') throw new AppError('invalid_input', 'organisation name: must not be empty', { field: 'organisation.name' });
  const suffix = randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 6);
  return `${slug || 'org'}-${suffix}`;
}
