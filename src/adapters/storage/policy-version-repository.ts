import type { Selectable } from 'kysely';
import { z } from 'zod';
import { StorageInputError, type PolicyFile, type Store, type StoredPolicyVersion } from '../../app/ports/store.ts';
import type { PolicyVersionTable } from './database-schema.ts';
import { instantSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateRecords } from './validate-records.ts';

const policyVersionSchema = z.object({
  version: z.int().positive('must be a positive whole number'),
  bundle: z.array(z.object({ path: textSchema, text: z.string() })),
  status: z.enum(['draft', 'published']),
  publishedAt: instantSchema.nullish(),
});

export type PolicyVersionRepository = Pick<
  Store,
  'savePolicyVersion' | 'getPolicyVersion' | 'getLivePolicyVersion' | 'listPolicyVersions'
>;

export function createPolicyVersionRepository(context: RepositoryContext): PolicyVersionRepository {
  return {
    async savePolicyVersion(workspaceId, input) {
      const [policyVersion] = validateRecords([input], {
        schema: policyVersionSchema,
        describe: (record) => `policy version ${String((record as { version?: unknown }).version)}`,
        check: (candidate) => {
          const paths = candidate.bundle.map((file) => file.path);
          const twice = paths.findIndex((path, index) => paths.indexOf(path) !== index);
          if (twice >= 0) return { field: `bundle[${twice}].path`, message: `bundle[${twice}].path ${JSON.stringify(paths[twice])} appears twice` };
          if (candidate.status === 'draft' && candidate.publishedAt != null) {
            return { field: 'publishedAt', message: 'publishedAt must be empty for a draft' };
          }
          return null;
        },
      });
      if (policyVersion === undefined) throw new Error('unreachable: one record in, one out');
      const record = `policy version ${policyVersion.version}`;
      return runAtomically(context, { record, field: 'version' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const existing = await db
          .selectFrom('policy_versions')
          .select(['status', 'created_at'])
          .where('workspace_id', '=', workspaceId)
          .where('version', '=', policyVersion.version)
          .executeTakeFirst();
        // The live version is what the engine runs and what the audit trail points at.
        if (existing?.status === 'published') {
          throw new StorageInputError([
            { record, field: 'status', message: `${record}: status is published, and a published version never changes; save a new version` },
          ]);
        }
        const row: PolicyVersionTable = {
          workspace_id: workspaceId,
          version: policyVersion.version,
          bundle: JSON.stringify(policyVersion.bundle.map(({ path, text }) => ({ path, text }))),
          status: policyVersion.status,
          created_at: existing?.created_at ?? context.now(),
          published_at: policyVersion.status === 'published' ? (policyVersion.publishedAt ?? context.now()) : null,
        };
        if (existing === undefined) await db.insertInto('policy_versions').values(row).execute();
        else {
          await db
            .updateTable('policy_versions')
            .set({ bundle: row.bundle, status: row.status, published_at: row.published_at })
            .where('workspace_id', '=', workspaceId)
            .where('version', '=', row.version)
            .execute();
        }
        return toStoredPolicyVersion(row);
      });
    },

    async getPolicyVersion(workspaceId, version) {
      const row = await runQuery(context, { record: `policy version ${version}` }, () =>
        context.db
          .selectFrom('policy_versions')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('version', '=', version)
          .executeTakeFirst(),
      );
      return row === undefined ? null : toStoredPolicyVersion(row);
    },

    async getLivePolicyVersion(workspaceId) {
      const row = await runQuery(context, { record: 'live policy version' }, () =>
        context.db
          .selectFrom('policy_versions')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'published')
          .orderBy('version', 'desc')
          .limit(1)
          .executeTakeFirst(),
      );
      return row === undefined ? null : toStoredPolicyVersion(row);
    },

    async listPolicyVersions(workspaceId) {
      const rows = await runQuery(context, { record: 'policy versions' }, () =>
        context.db.selectFrom('policy_versions').selectAll().where('workspace_id', '=', workspaceId).orderBy('version').execute(),
      );
      return rows.map(toStoredPolicyVersion);
    },
  };
}

function toStoredPolicyVersion(row: Selectable<PolicyVersionTable>): StoredPolicyVersion {
  return {
    workspaceId: row.workspace_id,
    version: row.version,
    bundle: JSON.parse(row.bundle) as PolicyFile[],
    status: row.status,
    createdAt: row.created_at,
    publishedAt: row.published_at,
  };
}
