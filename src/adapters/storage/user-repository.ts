import { z } from 'zod';
import type { AccessStore, MembershipView, StoredSession, StoredUser } from '../../app/ports/access-store.ts';
import { emailSchema, idSchema, instantSchema, roleSchema, secretHashSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// Users, their memberships of organisations and their sign-in sessions.


const userSchema = z.object({ id: idSchema, email: emailSchema, name: textSchema, passwordHash: textSchema });
const membershipSchema = z.object({ workspaceId: idSchema, userId: idSchema, role: roleSchema, createdAt: instantSchema });
const sessionSchema = z.object({
  tokenHash: secretHashSchema,
  userId: idSchema,
  csrfToken: textSchema,
  createdAt: instantSchema,
  expiresAt: instantSchema,
  ip: z.string().nullable().optional(),
  userAgent: z.string().nullable().optional(),
});

const userColumns = ['id', 'email', 'name', 'password_hash as passwordHash', 'created_at as createdAt', 'updated_at as updatedAt'] as const;
const sessionColumns = [
  'token_hash as tokenHash',
  'user_id as userId',
  'csrf_token as csrfToken',
  'created_at as createdAt',
  'last_seen_at as lastSeenAt',
  'expires_at as expiresAt',
  'ip',
  'user_agent as userAgent',
] as const;

export type UserRepository = Pick<
  AccessStore,
  | 'createUser'
  | 'getUser'
  | 'findUserByEmail'
  | 'addMembership'
  | 'getMembership'
  | 'listMemberships'
  | 'setMembershipRole'
  | 'removeMembership'
  | 'countMembers'
  | 'createSession'
  | 'getSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteUserSessions'
>;


export function createUserRepository(context: RepositoryContext): UserRepository {
  return {
    async createUser(input) {
      const user = validateOne(input, userSchema, `user ${String((input as { email?: unknown }).email ?? '')}`);
      const email = user.email.toLowerCase();
      const at = context.now();
      const inserted = await runQuery(context, { record: `user ${email}` }, () =>
        context.db
          .insertInto('users')
          .values({ id: user.id, email, name: user.name, password_hash: user.passwordHash, created_at: at, updated_at: at })
          .onConflict((conflict) => conflict.column('email').doNothing())
          .returning(userColumns)
          .execute(),
      );
      return (inserted[0] as StoredUser | undefined) ?? null;
    },

    async getUser(userId) {
      const row = await runQuery(context, { record: `user ${userId}` }, () => context.db.selectFrom('users').select(userColumns).where('id', '=', userId).executeTakeFirst());
      return (row as StoredUser | undefined) ?? null;
    },

    async findUserByEmail(email) {
      const row = await runQuery(context, { record: `user ${email}` }, () =>
        context.db.selectFrom('users').select(userColumns).where('email', '=', email.trim().toLowerCase()).executeTakeFirst(),
      );
      return (row as StoredUser | undefined) ?? null;
    },

    async addMembership(input) {
      const membership = validateOne(input, membershipSchema, `membership of ${String(input.userId)} in ${String(input.workspaceId)}`);
      return runAtomically(context, { record: `membership of ${membership.userId} in ${membership.workspaceId}` }, async (db) => {
        await requireWorkspace(db, membership.workspaceId);
        const inserted = await db
          .insertInto('memberships')
          .values({ workspace_id: membership.workspaceId, user_id: membership.userId, role: membership.role, created_at: membership.createdAt })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'user_id']).doNothing())
          .returning('user_id')
          .execute();
        return inserted.length === 1;
      });
    },

    async getMembership(workspaceId, userId) {
      const row = await runQuery(context, { record: `membership of ${userId} in ${workspaceId}` }, () =>
        context.db
          .selectFrom('memberships')
          .select(['workspace_id as workspaceId', 'user_id as userId', 'role', 'created_at as createdAt'])
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', userId)
          .executeTakeFirst(),
      );
      return row ?? null;
    },

    async listMemberships(query) {
      const rows = await runQuery(context, { record: 'memberships' }, () => {
        let select = context.db
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
          .select([
            'memberships.workspace_id as workspaceId',
            'memberships.user_id as userId',
            'memberships.role as role',
            'memberships.created_at as createdAt',
            'users.email as email',
            'users.name as userName',
            'workspaces.name as workspaceName',
          ]);
        select = 'userId' in query ? select.where('memberships.user_id', '=', query.userId).orderBy('workspaces.name').orderBy('memberships.workspace_id') : select.where('memberships.workspace_id', '=', query.workspaceId).orderBy('users.email');
        return select.execute();
      });
      return rows as MembershipView[];
    },

    async setMembershipRole(workspaceId, userId, role) {
      validateOne({ role }, z.object({ role: roleSchema }), `membership of ${userId} in ${workspaceId}`);
      const result = await runQuery(context, { record: `membership of ${userId} in ${workspaceId}` }, () =>
        context.db.updateTable('memberships').set({ role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async removeMembership(workspaceId, userId) {
      const result = await runQuery(context, { record: `membership of ${userId} in ${workspaceId}` }, () =>
        context.db.deleteFrom('memberships').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst(),
      );
      return Number(result.numDeletedRows) === 1;
    },

    async countMembers(workspaceId, query = {}) {
      const row = await runQuery(context, { record: `members of ${workspaceId}` }, () => {
        let select = context.db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('count')).where('workspace_id', '=', workspaceId);
        if (query.role) select = select.where('role', '=', query.role);
        return select.executeTakeFirstOrThrow();
      });
      return Number(row.count);
    },

    async createSession(input) {
      const session = validateOne(input, sessionSchema, `session of ${String(input.userId)}`);
      await runQuery(context, { record: `session of ${session.userId}` }, () =>
        context.db
          .insertInto('sessions')
          .values({
            token_hash: session.tokenHash,
            user_id: session.userId,
            csrf_token: session.csrfToken,
            created_at: session.createdAt,
            last_seen_at: session.createdAt,
            expires_at: session.expiresAt,
            ip: session.ip ?? null,
            user_agent: session.userAgent ?? null,
          })
          .execute(),
      );
    },

    async getSession(tokenHash) {
      const row = await runQuery(context, { record: 'session' }, () => context.db.selectFrom('sessions').select(sessionColumns).where('token_hash', '=', tokenHash).executeTakeFirst());
      return (row as StoredSession | undefined) ?? null;
    },

    async touchSession(tokenHash, at) {
      await runQuery(context, { record: 'session' }, () => context.db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).where('last_seen_at', '<', at).execute());
    },

    async deleteSession(tokenHash) {
      await runQuery(context, { record: 'session' }, () => context.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute());
    },

    async deleteUserSessions(userId) {
      const result = await runQuery(context, { record: `sessions of ${userId}` }, () => context.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst());
      return Number(result.numDeletedRows);
    },
  };
}
