import { z } from 'zod';
import type { AccessStore, StoredApiToken, StoredInvitation } from '../../app/ports/access-store.ts';
import { emailSchema, idSchema, instantSchema, roleSchema, secretHashSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// Invitations, API tokens, sign-in attempts (for rate limits) and idempotency keys.

const invitationSchema = z.object({
  id: idSchema,
  workspaceId: idSchema,
  email: emailSchema,
  role: roleSchema,
  tokenHash: secretHashSchema,
  invitedBy: idSchema,
  createdAt: instantSchema,
  expiresAt: instantSchema,
});
const apiTokenSchema = z.object({
  id: idSchema,
  workspaceId: idSchema,
  name: textSchema.max(100, 'must be at most 100 characters'),
  role: roleSchema,
  tokenHash: secretHashSchema,
  createdBy: idSchema,
  createdAt: instantSchema,
  expiresAt: instantSchema.nullable(),
});
const idempotencyClaimSchema = z.object({ scope: idSchema, key: z.string().min(1, 'must not be empty').max(255, 'must be at most 255 characters'), requestHash: secretHashSchema, at: instantSchema });

const invitationColumns = [
  'id',
  'workspace_id as workspaceId',
  'email',
  'role',
  'token_hash as tokenHash',
  'invited_by as invitedBy',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'accepted_at as acceptedAt',
  'revoked_at as revokedAt',
] as const;
const apiTokenColumns = [
  'id',
  'workspace_id as workspaceId',
  'name',
  'role',
  'token_hash as tokenHash',
  'created_by as createdBy',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'last_used_at as lastUsedAt',
  'revoked_at as revokedAt',
] as const;

export type CredentialRepository = Pick<
  AccessStore,
  | 'createInvitation'
  | 'findInvitationByToken'
  | 'listInvitations'
  | 'closeInvitation'
  | 'createApiToken'
  | 'findApiTokenByHash'
  | 'listApiTokens'
  | 'revokeApiToken'
  | 'touchApiToken'
  | 'recordLoginAttempt'
  | 'countLoginFailures'
  | 'claimIdempotencyKey'
  | 'completeIdempotencyKey'
  | 'releaseIdempotencyKey'
  | 'pruneAccessRecords'
>;

export function createCredentialRepository(context: RepositoryContext): CredentialRepository {
  return {
    async createInvitation(input) {
      const invitation = validateOne(input, invitationSchema, `invitation of ${String((input as { email?: unknown }).email ?? '')}`);
      const email = invitation.email.toLowerCase();
      return runAtomically(context, { record: `invitation of ${email}` }, async (db) => {
        await requireWorkspace(db, invitation.workspaceId);
        await db
          .insertInto('invitations')
          .values({
            id: invitation.id,
            workspace_id: invitation.workspaceId,
            email,
            role: invitation.role,
            token_hash: invitation.tokenHash,
            invited_by: invitation.invitedBy,
            created_at: invitation.createdAt,
            expires_at: invitation.expiresAt,
            accepted_at: null,
            revoked_at: null,
          })
          .execute();
        return (await db.selectFrom('invitations').select(invitationColumns).where('id', '=', invitation.id).executeTakeFirstOrThrow()) as StoredInvitation;
      });
    },

    async findInvitationByToken(tokenHash) {
      const row = await runQuery(context, { record: 'invitation' }, () => context.db.selectFrom('invitations').select(invitationColumns).where('token_hash', '=', tokenHash).executeTakeFirst());
      return (row as StoredInvitation | undefined) ?? null;
    },

    async listInvitations(workspaceId) {
      const rows = await runQuery(context, { record: `invitations of ${workspaceId}` }, () =>
        context.db.selectFrom('invitations').select(invitationColumns).where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').orderBy('id').execute(),
      );
      return rows as StoredInvitation[];
    },

    async closeInvitation(workspaceId, id, change) {
      const set = 'acceptedAt' in change ? { accepted_at: change.acceptedAt } : { revoked_at: change.revokedAt };
      const result = await runQuery(context, { record: `invitation ${id}` }, () =>
        context.db
          .updateTable('invitations')
          .set(set)
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where('accepted_at', 'is', null)
          .where('revoked_at', 'is', null)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async createApiToken(input) {
      const token = validateOne(input, apiTokenSchema, `API token ${String((input as { name?: unknown }).name ?? '')}`);
      return runAtomically(context, { record: `API token ${token.name}` }, async (db) => {
        await requireWorkspace(db, token.workspaceId);
        await db
          .insertInto('api_tokens')
          .values({
            id: token.id,
            workspace_id: token.workspaceId,
            name: token.name,
            role: token.role,
            token_hash: token.tokenHash,
            created_by: token.createdBy,
            created_at: token.createdAt,
            expires_at: token.expiresAt,
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        return (await db.selectFrom('api_tokens').select(apiTokenColumns).where('id', '=', token.id).executeTakeFirstOrThrow()) as StoredApiToken;
      });
    },

    async findApiTokenByHash(tokenHash) {
      const row = await runQuery(context, { record: 'API token' }, () => context.db.selectFrom('api_tokens').select(apiTokenColumns).where('token_hash', '=', tokenHash).executeTakeFirst());
      return (row as StoredApiToken | undefined) ?? null;
    },

    async listApiTokens(workspaceId) {
      const rows = await runQuery(context, { record: `API tokens of ${workspaceId}` }, () =>
        context.db.selectFrom('api_tokens').select(apiTokenColumns).where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').orderBy('id').execute(),
      );
      return rows as StoredApiToken[];
    },

    async revokeApiToken(workspaceId, id, at) {
      const result = await runQuery(context, { record: `API token ${id}` }, () =>
        context.db.updateTable('api_tokens').set({ revoked_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async touchApiToken(id, at) {
      await runQuery(context, { record: `API token ${id}` }, () =>
        context.db
          .updateTable('api_tokens')
          .set({ last_used_at: at })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
          .execute(),
      );
    },

    async recordLoginAttempt({ subjects, at, succeeded }) {
      if (subjects.length === 0) return;
      await runQuery(context, { record: 'sign-in attempt' }, () =>
        context.db
          .insertInto('login_attempts')
          .values(subjects.map((subject) => ({ subject, at, succeeded: succeeded ? 1 : 0 })))
          .execute(),
      );
    },

    async countLoginFailures(subject, sinceAt) {
      return runAtomically(context, { record: 'sign-in attempts' }, async (db) => {
        const success = await db
          .selectFrom('login_attempts')
          .select('at')
          .where('subject', '=', subject)
          .where('succeeded', '=', 1)
          .where('at', '>=', sinceAt)
          .orderBy('at', 'desc')
          .limit(1)
          .executeTakeFirst();
        const from = success ? success.at + 1 : sinceAt;
        const row = await db
          .selectFrom('login_attempts')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('subject', '=', subject)
          .where('succeeded', '=', 0)
          .where('at', '>=', from)
          .executeTakeFirstOrThrow();
        return Number(row.count);
      });
    },

    async claimIdempotencyKey(input) {
      const claim = validateOne(input, idempotencyClaimSchema, `idempotency key ${String((input as { key?: unknown }).key ?? '')}`);
      return runAtomically(context, { record: `idempotency key ${claim.key}`, field: 'Idempotency-Key' }, async (db) => {
        const inserted = await db
          .insertInto('idempotency_keys')
          .values({ scope: claim.scope, key: claim.key, request_hash: claim.requestHash, status: 'pending', status_code: null, response: null, created_at: claim.at })
          .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
          .returning('key')
          .execute();
        if (inserted.length === 1) return { kind: 'claimed' as const };
        const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', claim.scope).where('key', '=', claim.key).executeTakeFirstOrThrow();
        if (row.request_hash !== claim.requestHash) return { kind: 'mismatch' as const };
        if (row.status === 'pending') return { kind: 'in_progress' as const };
        return { kind: 'replay' as const, statusCode: row.status_code ?? 200, body: row.response ?? '' };
      });
    },

    async completeIdempotencyKey({ scope, key, statusCode, body }) {
      await runQuery(context, { record: `idempotency key ${key}` }, () =>
        context.db.updateTable('idempotency_keys').set({ status: 'done', status_code: statusCode, response: body }).where('scope', '=', scope).where('key', '=', key).execute(),
      );
    },

    async releaseIdempotencyKey(scope, key) {
      await runQuery(context, { record: `idempotency key ${key}` }, () =>
        context.db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).where('status', '=', 'pending').execute(),
      );
    },

    async pruneAccessRecords(beforeAt) {
      return runAtomically(context, { record: 'access records' }, async (db) => {
        const attempts = await db.deleteFrom('login_attempts').where('at', '<', beforeAt).executeTakeFirst();
        const sessions = await db.deleteFrom('sessions').where('expires_at', '<', beforeAt).executeTakeFirst();
        const keys = await db.deleteFrom('idempotency_keys').where('created_at', '<', beforeAt).executeTakeFirst();
        return { removed: Number(attempts.numDeletedRows) + Number(sessions.numDeletedRows) + Number(keys.numDeletedRows) };
      });
    },
  };
}
