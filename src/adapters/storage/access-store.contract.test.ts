// The access part of the storage contract (users, memberships, sessions, invitations, API tokens,
// sign-in attempts, idempotency keys): every test runs on SQLite and on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../app/access/secret-tokens.ts';
import { StorageInputError, type Store } from '../../app/ports/store.ts';
import { buildWorkspace } from '../../app/testing/build-store-inputs.ts';
import { createStore } from './create-store.ts';
import { migrateToLatest } from './migrate-to-latest.ts';
import type { DatabaseHandle } from './open-database.ts';
import { listStorageTargets } from './testing/storage-targets.ts';

const t0 = Date.UTC(2024, 2, 1, 9);
const user = (id: string, email: string) => ({ id, email, name: `Name ${id}`, passwordHash: '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA' });

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`access store contract on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`access store contract on ${target.name}`, () => {
    let database: DatabaseHandle;
    let store: Store;

    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    beforeEach(async () => {
      database = await target.openFreshDatabase();
      await migrateToLatest(database);
      store = createStore(database, { now: () => t0 });
      await store.upsertWorkspace(buildWorkspace({ id: 'acme', name: 'Acme' }));
      await store.upsertWorkspace(buildWorkspace({ id: 'beta', name: 'Beta' }));
    });

    it('keeps one account per email, compared without regard to case', async () => {
      const created = await store.createUser(user('u1', 'Ana@Example.com'));
      expect(created).toMatchObject({ id: 'u1', email: 'ana@example.com', createdAt: t0 });
      expect(await store.createUser(user('u2', 'ana@EXAMPLE.com'))).toBeNull();
      expect((await store.findUserByEmail(' ANA@example.com '))?.id).toBe('u1');
      expect(await store.getUser('u2')).toBeNull();
    });

    it('refuses a bad email and names the field', async () => {
      const error = await store.createUser(user('u1', 'not-an-address')).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(StorageInputError);
      expect((error as StorageInputError).field).toBe('email');
    });

    it('lists memberships per user and per organisation, with one role each', async () => {
      await store.createUser(user('u1', 'ana@example.com'));
      await store.createUser(user('u2', 'bo@example.com'));
      expect(await store.addMembership({ workspaceId: 'acme', userId: 'u1', role: 'controller', createdAt: t0 })).toBe(true);
      expect(await store.addMembership({ workspaceId: 'acme', userId: 'u1', role: 'viewer', createdAt: t0 })).toBe(false);
      await store.addMembership({ workspaceId: 'beta', userId: 'u1', role: 'operator', createdAt: t0 });
      await store.addMembership({ workspaceId: 'acme', userId: 'u2', role: 'legal', createdAt: t0 });
      expect((await store.listMemberships({ userId: 'u1' })).map((m) => [m.workspaceName, m.role])).toEqual([
        ['Acme', 'controller'],
        ['Beta', 'operator'],
      ]);
      expect((await store.listMemberships({ workspaceId: 'acme' })).map((m) => [m.email, m.role])).toEqual([
        ['ana@example.com', 'controller'],
        ['bo@example.com', 'legal'],
      ]);
      expect(await store.countMembers('acme', { role: 'controller' })).toBe(1);
      expect(await store.setMembershipRole('acme', 'u2', 'ar_manager')).toBe(true);
      expect((await store.getMembership('acme', 'u2'))?.role).toBe('ar_manager');
      expect(await store.removeMembership('acme', 'u2')).toBe(true);
      expect(await store.getMembership('acme', 'u2')).toBeNull();
      expect(await store.getMembership('beta', 'u2')).toBeNull();
    });

    it('refuses a role that does not exist', async () => {
      await store.createUser(user('u1', 'ana@example.com'));
      await expect(store.addMembership({ workspaceId: 'acme', userId: 'u1', role: 'owner' as never, createdAt: t0 })).rejects.toBeInstanceOf(StorageInputError);
    });

    it('finds a session by its hash, touches it forward only, and ends one or all of a user', async () => {
      await store.createUser(user('u1', 'ana@example.com'));
      const a = hashSecret('a');
      const b = hashSecret('b');
      await store.createSession({ tokenHash: a, userId: 'u1', csrfToken: 'x', createdAt: t0, expiresAt: t0 + 1000 });
      await store.createSession({ tokenHash: b, userId: 'u1', csrfToken: 'y', createdAt: t0, expiresAt: t0 + 1000 });
      await store.touchSession(a, t0 + 500);
      await store.touchSession(a, t0 + 100);
      expect(await store.getSession(a)).toMatchObject({ userId: 'u1', csrfToken: 'x', lastSeenAt: t0 + 500, expiresAt: t0 + 1000 });
      await store.deleteSession(a);
      expect(await store.getSession(a)).toBeNull();
      expect(await store.deleteUserSessions('u1')).toBe(1);
      expect(await store.getSession(b)).toBeNull();
    });

    it('closes an invitation once: of an acceptance and a revocation, the first wins', async () => {
      const invitation = await store.createInvitation({ id: 'i1', workspaceId: 'acme', email: 'New@Example.com', role: 'operator', tokenHash: hashSecret('t'), invitedBy: 'u1', createdAt: t0, expiresAt: t0 + 1000 });
      expect(invitation).toMatchObject({ email: 'new@example.com', acceptedAt: null, revokedAt: null });
      expect((await store.findInvitationByToken(hashSecret('t')))?.id).toBe('i1');
      expect(await store.closeInvitation('beta', 'i1', { acceptedAt: t0 })).toBe(false);
      expect(await store.closeInvitation('acme', 'i1', { acceptedAt: t0 + 1 })).toBe(true);
      expect(await store.closeInvitation('acme', 'i1', { revokedAt: t0 + 2 })).toBe(false);
      expect((await store.listInvitations('acme'))[0]).toMatchObject({ acceptedAt: t0 + 1, revokedAt: null });
      expect(await store.listInvitations('beta')).toEqual([]);
    });

    it('keeps API tokens per organisation; a revoked one stays listed with its revocation', async () => {
      await store.createApiToken({ id: 'k1', workspaceId: 'acme', name: 'ci', role: 'ar_manager', tokenHash: hashSecret('s'), createdBy: 'u1', createdAt: t0, expiresAt: null });
      expect((await store.findApiTokenByHash(hashSecret('s')))?.workspaceId).toBe('acme');
      expect(await store.revokeApiToken('beta', 'k1', t0)).toBe(false);
      expect(await store.revokeApiToken('acme', 'k1', t0 + 5)).toBe(true);
      expect(await store.revokeApiToken('acme', 'k1', t0 + 6)).toBe(false);
      await store.touchApiToken('k1', t0 + 7);
      expect(await store.listApiTokens('acme')).toEqual([expect.objectContaining({ id: 'k1', revokedAt: t0 + 5, lastUsedAt: t0 + 7 })]);
      expect(await store.listApiTokens('beta')).toEqual([]);
    });

    it('counts sign-in failures in the window and since the last success', async () => {
      for (const at of [t0, t0 + 1, t0 + 2]) await store.recordLoginAttempt({ subjects: ['email:a@x.io', 'ip:127.0.0.1'], at, succeeded: false });
      expect(await store.countLoginFailures('email:a@x.io', t0 + 1)).toBe(2);
      await store.recordLoginAttempt({ subjects: ['email:a@x.io'], at: t0 + 3, succeeded: true });
      await store.recordLoginAttempt({ subjects: ['email:a@x.io'], at: t0 + 4, succeeded: false });
      expect(await store.countLoginFailures('email:a@x.io', t0)).toBe(1);
      expect(await store.countLoginFailures('ip:127.0.0.1', t0)).toBe(3);
    });

    it('claims an idempotency key once, replays its answer, and refuses it for another request', async () => {
      const claim = { scope: 'acme/u1', key: 'k-1', requestHash: hashSecret('body'), at: t0 };
      expect(await store.claimIdempotencyKey(claim)).toEqual({ kind: 'claimed' });
      expect(await store.claimIdempotencyKey(claim)).toEqual({ kind: 'in_progress' });
      await store.completeIdempotencyKey({ scope: 'acme/u1', key: 'k-1', statusCode: 201, body: '{"id":7}' });
      expect(await store.claimIdempotencyKey(claim)).toEqual({ kind: 'replay', statusCode: 201, body: '{"id":7}' });
      expect(await store.claimIdempotencyKey({ ...claim, requestHash: hashSecret('other') })).toEqual({ kind: 'mismatch' });
      expect(await store.claimIdempotencyKey({ ...claim, scope: 'beta/u1' })).toEqual({ kind: 'claimed' });
      await store.releaseIdempotencyKey('beta/u1', 'k-1');
      expect(await store.claimIdempotencyKey({ ...claim, scope: 'beta/u1' })).toEqual({ kind: 'claimed' });
    });

    it('prunes old attempts, expired sessions and old idempotency keys', async () => {
      await store.createUser(user('u1', 'ana@example.com'));
      await store.recordLoginAttempt({ subjects: ['email:a@x.io'], at: t0, succeeded: false });
      await store.createSession({ tokenHash: hashSecret('old'), userId: 'u1', csrfToken: 'x', createdAt: t0, expiresAt: t0 + 10 });
      await store.createSession({ tokenHash: hashSecret('new'), userId: 'u1', csrfToken: 'x', createdAt: t0, expiresAt: t0 + 10_000 });
      await store.claimIdempotencyKey({ scope: 's', key: 'k', requestHash: hashSecret('b'), at: t0 });
      expect(await store.pruneAccessRecords(t0 + 100)).toEqual({ removed: 3 });
      expect(await store.getSession(hashSecret('new'))).not.toBeNull();
    });

    it('filters the audit trail by actor, action family and time, newest first, a page at a time', async () => {
      await store.appendAudit({ workspaceId: 'acme', at: t0, actor: 'ana@example.com', role: 'controller', action: 'member.add', subject: 'user bo', after: { role: 'legal' } });
      await store.appendAudit({ workspaceId: 'acme', at: t0 + 10, actor: 'ana@example.com', action: 'member.role', subject: 'user bo', before: { role: 'legal' }, after: { role: 'viewer' }, rationale: 'moved team' });
      await store.appendAudit({ workspaceId: 'acme', at: t0 + 20, actor: 'bo@example.com', action: 'memberx_y', subject: 'other' });
      await store.appendAudit({ workspaceId: 'beta', at: t0 + 30, actor: 'ana@example.com', action: 'member.add', subject: 'user cy' });
      const family = await store.listAudit({ workspaceId: 'acme', action: 'member.' });
      expect(family.map((entry) => entry.action)).toEqual(['member.role', 'member.add']);
      expect(family[0]!.detail).toEqual({ before: { role: 'legal' }, after: { role: 'viewer' }, rationale: 'moved team' });
      expect(family[1]!.detail).toEqual({ role: 'controller', after: { role: 'legal' } });
      expect((await store.listAudit({ workspaceId: 'acme', actor: 'bo@example.com' })).map((entry) => entry.action)).toEqual(['memberx_y']);
      expect((await store.listAudit({ workspaceId: 'acme', sinceAt: t0 + 5, untilAt: t0 + 20 })).map((entry) => entry.at)).toEqual([t0 + 10]);
      const first = await store.listAudit({ workspaceId: 'acme', limit: 2 });
      const next = await store.listAudit({ workspaceId: 'acme', limit: 2, beforeId: first[1]!.id });
      expect(next.map((entry) => entry.action)).toEqual(['member.add']);
    });
  });
}
