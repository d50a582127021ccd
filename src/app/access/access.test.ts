import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArgon2Hasher } from '../../adapters/crypto/create-argon2-hasher.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { defaultAccessSettings as settings } from './access-settings.ts';
import type { Actor } from './actor.ts';
import { authenticateApiToken, authenticateSession } from './authenticate.ts';
import { acceptInvitation, inviteMember } from './invite-member.ts';
import { createApiToken, revokeApiToken } from './manage-api-tokens.ts';
import { changeMemberRole, removeMember } from './manage-members.ts';
import { signIn } from './sign-in.ts';
import { signUp } from './sign-up.ts';

// The access use cases over a real SQLite store and real argon2id (at a low cost, for speed); the
// user mailer records what it is given.

const t0 = Date.UTC(2026, 11, 2, 9);
const hasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });
const organisation = { name: 'Northwind Traders', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' };
const password = 'correct horse battery';

let database: DatabaseHandle;
let store: Store;
let sent: Parameters<UserMailer['send']>[0][];
const mailer: UserMailer = {
  send: async (message) => {
    sent.push(message);
    return { sent: true, detail: '250 ok' };
  },
};

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => t0 });
  sent = [];
});
afterEach(() => database.close());

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function signUpAna() {
  return signUp({ store, hasher, now: t0, organisation, user: { name: 'Ana', email: 'Ana@Northwind.example', password } });
}

function actorOf(userId: string, label: string): Actor {
  return { kind: 'user', id: userId, label, role: 'controller' };
}

describe('sign-up', () => {
  it('creates the organisation with its first user as Controller, audited', async () => {
    const { user, workspace } = await signUpAna();
    expect(workspace.id).toMatch(/^northwind-traders-[a-z0-9]{6}$/);
    expect(await store.getMembership(workspace.id, user.id)).toMatchObject({ role: 'controller' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await store.listAudit({ workspaceId: workspace.id })).map((entry) => entry.action)).toEqual(['member.add', 'organisation.create']);
  });

  it('refuses a short password, and an email that has an account', async () => {
    expect((await rejection(signUp({ store, hasher, now: t0, organisation, user: { name: 'A', email: 'a@x.example', password: 'short' } }))).details?.field).toBe('password');
    await signUpAna();
    expect((await rejection(signUpAna())).code).toBe('conflict');
    expect(await store.listWorkspaces()).toHaveLength(1);
  });
});

describe('sign-in and sessions', () => {
  it('signs in with the right password, ends the session the browser held before, and says who it is', async () => {
    const { user, workspace } = await signUpAna();
    const first = await signIn({ store, hasher, now: t0, settings, email: 'ana@northwind.example', password, ip: '127.0.0.1' });
    expect(first.organisations.map((membership) => membership.workspaceId)).toEqual([workspace.id]);
    const second = await signIn({ store, hasher, now: t0 + 1000, settings, email: 'ana@northwind.example', password, ip: '127.0.0.1', previousToken: first.session.token });
    expect(second.session.token).not.toBe(first.session.token);
    expect(await authenticateSession({ store, now: t0 + 2000, settings, token: first.session.token })).toBeNull();
    expect((await authenticateSession({ store, now: t0 + 2000, settings, token: second.session.token }))?.user.id).toBe(user.id);
    expect((await store.listAudit({ workspaceId: workspace.id, action: 'user.sign_in' })).length).toBe(2);
  });

  it('ends a session idle for 30 minutes, and any session 12 hours after sign-in however busy', async () => {
    await signUpAna();
    const { session } = await signIn({ store, hasher, now: t0, settings, email: 'ana@northwind.example', password, ip: '127.0.0.1' });
    expect(await authenticateSession({ store, now: t0 + settings.sessionIdleMs - 1, settings, token: session.token })).not.toBeNull();
    expect(await authenticateSession({ store, now: t0 + 2 * settings.sessionIdleMs - 2, settings, token: session.token })).not.toBeNull();
    expect(await authenticateSession({ store, now: t0 + 3 * settings.sessionIdleMs, settings, token: session.token })).toBeNull();

    const busy = await signIn({ store, hasher, now: t0, settings, email: 'ana@northwind.example', password, ip: '127.0.0.1' });
    for (let at = t0; at < t0 + settings.sessionMaxMs; at += settings.sessionIdleMs / 2) {
      expect(await authenticateSession({ store, now: at, settings, token: busy.session.token })).not.toBeNull();
    }
    expect(await authenticateSession({ store, now: t0 + settings.sessionMaxMs, settings, token: busy.session.token })).toBeNull();
  });

  it('refuses a wrong password the same way as an unknown address, and pauses an address after five wrong ones', async () => {
    await signUpAna();
    const wrong = await rejection(signIn({ store, hasher, now: t0, settings, email: 'ana@northwind.example', password: 'wrong password!!', ip: '10.0.0.1' }));
    const unknown = await rejection(signIn({ store, hasher, now: t0, settings, email: 'nobody@northwind.example', password, ip: '10.0.0.1' }));
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
    for (let attempt = 1; attempt < settings.maxFailuresPerEmail; attempt += 1) {
      await rejection(signIn({ store, hasher, now: t0 + attempt, settings, email: 'ana@northwind.example', password: 'wrong password!!', ip: `10.0.1.${attempt}` }));
    }
    const paused = await rejection(signIn({ store, hasher, now: t0 + 10, settings, email: 'ana@northwind.example', password, ip: '10.0.2.1' }));
    expect(paused.code).toBe('rate_limited');
    expect(paused.details?.retryAfterMs).toBe(settings.loginWindowMs);
    expect((await signIn({ store, hasher, now: t0 + settings.loginWindowMs + 10, settings, email: 'ana@northwind.example', password, ip: '10.0.2.1' })).user.email).toBe('ana@northwind.example');
  });
});

describe('invitations', () => {
  it('emails a link that joins the organisation with the invited role once, and signs the person in', async () => {
    const { user, workspace } = await signUpAna();
    const { link, emailed } = await inviteMember({ store, mailer, now: t0, settings, workspaceId: workspace.id, by: actorOf(user.id, user.email), email: 'Bo@Northwind.example', role: 'operator', baseUrl: 'http://127.0.0.1:3000/' });
    expect(emailed).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('bo@northwind.example');
    expect(sent[0]!.text).toContain(link);
    const token = new URL(link).searchParams.get('token')!;
    const accepted = await acceptInvitation({ store, hasher, now: t0 + 60_000, settings, token, name: 'Bo', password: 'another long password' });
    expect(accepted.workspaceId).toBe(workspace.id);
    expect(await store.getMembership(workspace.id, accepted.userId)).toMatchObject({ role: 'operator' });
    expect((await authenticateSession({ store, now: t0 + 60_001, settings, token: accepted.session.token }))?.user.email).toBe('bo@northwind.example');
    expect((await rejection(acceptInvitation({ store, hasher, now: t0 + 60_002, settings, token, password: 'another long password' }))).code).toBe('not_found');
  });

  it('replaces the open invitation when the same address is invited again, and refuses an expired one', async () => {
    const { user, workspace } = await signUpAna();
    const by = actorOf(user.id, user.email);
    const first = await inviteMember({ store, mailer, now: t0, settings, workspaceId: workspace.id, by, email: 'cy@x.example', role: 'legal', baseUrl: 'http://h/' });
    const second = await inviteMember({ store, mailer, now: t0 + 1, settings, workspaceId: workspace.id, by, email: 'cy@x.example', role: 'viewer', baseUrl: 'http://h/' });
    const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
    expect((await rejection(acceptInvitation({ store, hasher, now: t0 + 2, settings, token: tokenOf(first.link), password: 'a long password here' }))).code).toBe('not_found');
    expect((await rejection(acceptInvitation({ store, hasher, now: t0 + settings.invitationTtlMs + 1, settings, token: tokenOf(second.link), password: 'a long password here' }))).code).toBe('not_found');
  });

  it('asks an existing account for its password before adding it to another organisation', async () => {
    const ana = await signUpAna();
    const other = await signUp({ store, hasher, now: t0, organisation: { ...organisation, name: 'Other' }, user: { name: 'Dee', email: 'dee@other.example', password } });
    const { link } = await inviteMember({ store, mailer, now: t0, settings, workspaceId: ana.workspace.id, by: actorOf(ana.user.id, ana.user.email), email: 'dee@other.example', role: 'viewer', baseUrl: 'http://h/' });
    const token = new URL(link).searchParams.get('token')!;
    expect((await rejection(acceptInvitation({ store, hasher, now: t0, settings, token, password: 'not her password' }))).code).toBe('unauthenticated');
    await acceptInvitation({ store, hasher, now: t0, settings, token, password });
    expect((await store.listMemberships({ userId: other.user.id })).map((membership) => membership.role).sort()).toEqual(['controller', 'viewer']);
  });
});

describe('members and API tokens', () => {
  it('never leaves an organisation without a Controller', async () => {
    const { user, workspace } = await signUpAna();
    const by = actorOf(user.id, user.email);
    expect((await rejection(changeMemberRole({ store, now: t0, workspaceId: workspace.id, by, userId: user.id, role: 'viewer' }))).code).toBe('conflict');
    expect((await rejection(removeMember({ store, now: t0, workspaceId: workspace.id, by, userId: user.id }))).code).toBe('conflict');
    expect((await store.getMembership(workspace.id, user.id))?.role).toBe('controller');
  });

  it('records a role change with before, after and rationale', async () => {
    const { user, workspace } = await signUpAna();
    const { link } = await inviteMember({ store, mailer, now: t0, settings, workspaceId: workspace.id, by: actorOf(user.id, user.email), email: 'bo@x.example', role: 'operator', baseUrl: 'http://h/' });
    const bo = await acceptInvitation({ store, hasher, now: t0, settings, token: new URL(link).searchParams.get('token')!, password: 'a long password here' });
    await changeMemberRole({ store, now: t0, workspaceId: workspace.id, by: actorOf(user.id, user.email), userId: bo.userId, role: 'ar_manager', rationale: 'promoted' });
    const [entry] = await store.listAudit({ workspaceId: workspace.id, action: 'member.role' });
    expect(entry).toMatchObject({ actor: 'ana@northwind.example', subject: 'user bo@x.example', detail: { role: 'controller', before: { role: 'operator' }, after: { role: 'ar_manager' }, rationale: 'promoted' } });
  });

  it('authenticates a token until it is revoked or expires, and keeps only its hash', async () => {
    const { user, workspace } = await signUpAna();
    const by = actorOf(user.id, user.email);
    const { token, secret } = await createApiToken({ store, now: t0, workspaceId: workspace.id, by, name: 'policy repo', role: 'ar_manager', expiresAt: t0 + 3_600_000 });
    expect(secret).toMatch(/^plx_tok_/);
    expect(JSON.stringify(await store.listApiTokens(workspace.id))).not.toContain(secret);
    expect((await authenticateApiToken({ store, now: t0 + 1, token: secret }))?.role).toBe('ar_manager');
    expect(await authenticateApiToken({ store, now: t0 + 3_600_000, token: secret })).toBeNull();
    await revokeApiToken({ store, now: t0 + 2, workspaceId: workspace.id, by, id: token.id });
    expect(await authenticateApiToken({ store, now: t0 + 3, token: secret })).toBeNull();
  });
});
