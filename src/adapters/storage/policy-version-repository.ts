import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { PolicyPublishState, PolicyPublishingStore } from '../../app/ports/policy-publishing-store.ts';
import { applyPublish } from '../../core/policy/apply-publish.ts';
import { StorageInputError, type PolicyFile, type Store, type StoredPolicyVersion } from '../../app/ports/store.ts';
import type { Database, PolicyVersionTable } from './database-schema.ts';
import { instantSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne, validateRecords } from './validate-records.ts';

const bundleSchema = z.array(z.object({ path: textSchema, text: z.string() }));

/** A path twice in one bundle would make "the file" ambiguous in every message about it. */
function checkBundlePaths(bundle: readonly PolicyFile[]): { field: string; message: string } | null {
  const paths = bundle.map((file) => file.path);
  const twice = paths.findIndex((path, index) => paths.indexOf(path) !== index);
  return twice >= 0 ? { field: `bundle[${twice}].path`, message: `bundle[${twice}].path ${JSON.stringify(paths[twice])} appears twice` } : null;
}

const policyVersionSchema = z.object({
  version: z.int().positive('must be a positive whole number'),
  bundle: bundleSchema,
  status: z.enum(['draft', 'published']),
  publishedAt: instantSchema.nullish(),
});

const draftSchema = z.object({
  bundle: bundleSchema,
  createdBy: textSchema,
  basedOn: z.int().positive('must be a positive whole number').nullish(),
  note: z.string().max(2000, 'must be at most 2,000 characters').nullish(),
});

const draftEditSchema = z.object({
  bundle: bundleSchema,
  note: z.string().max(2000, 'must be at most 2,000 characters').nullish(),
  revision: z.int().positive('must be a positive whole number'),
});

const publishSchema = z.object({
  version: z.int().positive('must be a positive whole number'),
  segments: z.union([z.literal('all'), z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a segment name (a slug)')).min(1, 'must name at least one segment')]),
  expectedRevision: z.int().nonnegative('must be a whole number, 0 or more'),
  expectedDraftRevision: z.int().positive('must be a positive whole number').optional(),
  publishedBy: textSchema,
  at: instantSchema.optional(),
});

const bundleJson = (bundle: readonly PolicyFile[]) => JSON.stringify(bundle.map(({ path, text }) => ({ path, text })));

export type PolicyVersionRepository = Pick<Store, 'savePolicyVersion' | 'getPolicyVersion' | 'getLivePolicyVersion' | 'listPolicyVersions'> &
  PolicyPublishingStore;

export function createPolicyVersionRepository(context: RepositoryContext): PolicyVersionRepository {
  const selectVersion = (db: Kysely<Database>, workspaceId: string, version: number) =>
    db.selectFrom('policy_versions').selectAll().where('workspace_id', '=', workspaceId).where('version', '=', version).executeTakeFirst();

  /** The live version becomes `version` for every segment: the workspace's whole policy. */
  const makeLiveEverywhere = async (db: Kysely<Database>, workspaceId: string, version: number) => {
    await db.deleteFrom('segment_versions').where('workspace_id', '=', workspaceId).execute();
    await db
      .updateTable('workspaces')
      .set((eb) => ({ live_policy_version: version, policy_revision: eb('policy_revision', '+', 1) }))
      .where('id', '=', workspaceId)
      .execute();
  };

  const readState = async (db: Kysely<Database>, workspaceId: string): Promise<PolicyPublishState> => {
    // One statement: a publish commits the workspace row and its segments together, and a reader
    // sees both or neither.
    const rows = await db
      .selectFrom('workspaces as w')
      .leftJoin('segment_versions as s', 's.workspace_id', 'w.id')
      .select(['w.live_policy_version as liveVersion', 'w.policy_revision as revision', 's.segment', 's.version', 's.assigned_at as assignedAt'])
      .where('w.id', '=', workspaceId)
      .execute();
    const first = rows[0];
    if (first === undefined) return { revision: 0, liveVersion: null, segmentVersions: [] };
    const segmentVersions = rows
      .flatMap((row) => (row.segment === null || row.version === null || row.assignedAt === null ? [] : [{ segment: row.segment, version: Number(row.version), assignedAt: Number(row.assignedAt) }]))
      .sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
    return { revision: Number(first.revision), liveVersion: first.liveVersion === null ? null : Number(first.liveVersion), segmentVersions };
  };

  return {
    async savePolicyVersion(workspaceId, input) {
      const [policyVersion] = validateRecords([input], {
        schema: policyVersionSchema,
        describe: (record) => `policy version ${String((record as { version?: unknown }).version)}`,
        check: (candidate) => {
          if (candidate.status === 'draft' && candidate.publishedAt != null) return { field: 'publishedAt', message: 'publishedAt must be empty for a draft' };
          return checkBundlePaths(candidate.bundle);
        },
      });
      if (policyVersion === undefined) throw new Error('unreachable: one record in, one out');
      const record = `policy version ${policyVersion.version}`;
      return runAtomically(context, { record, field: 'version' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const existing = await selectVersion(db, workspaceId, policyVersion.version);
        // The live version is what the engine runs and what the audit trail points at.
        if (existing?.status === 'published') {
          throw new StorageInputError([
            { record, field: 'status', message: `${record}: status is published, and a published version never changes; create a draft` },
          ]);
        }
        const publishedAt = policyVersion.status === 'published' ? (policyVersion.publishedAt ?? context.now()) : null;
        const bundle = bundleJson(policyVersion.bundle);
        if (existing === undefined) {
          await db
            .insertInto('policy_versions')
            .values({ workspace_id: workspaceId, version: policyVersion.version, bundle, status: policyVersion.status, created_at: context.now(), published_at: publishedAt })
            .execute();
        } else {
          await db
            .updateTable('policy_versions')
            .set((eb) => ({ bundle, status: policyVersion.status, published_at: publishedAt, revision: eb('revision', '+', 1) }))
            .where('workspace_id', '=', workspaceId)
            .where('version', '=', policyVersion.version)
            .execute();
        }
        if (policyVersion.status === 'published') await makeLiveEverywhere(db, workspaceId, policyVersion.version);
        return toStoredPolicyVersion((await selectVersion(db, workspaceId, policyVersion.version))!);
      });
    },

    async createPolicyDraft(workspaceId, input) {
      const draft = validateOne(input, draftSchema, 'policy draft', (candidate) => checkBundlePaths(candidate.bundle));
      return runAtomically(context, { record: 'policy draft', field: 'version' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        if (draft.basedOn != null && (await selectVersion(db, workspaceId, draft.basedOn)) === undefined) {
          throw new StorageInputError([{ record: 'policy draft', field: 'basedOn', message: `policy draft: basedOn ${draft.basedOn} is not a version of workspace ${workspaceId}` }]);
        }
        // Another writer may take the next number first: then the insert does nothing and the
        // following number is tried.
        for (let attempt = 0; attempt < 20; attempt += 1) {
          const highest = await db.selectFrom('policy_versions').select((eb) => eb.fn.max('version').as('highest')).where('workspace_id', '=', workspaceId).executeTakeFirst();
          const version = Number(highest?.highest ?? 0) + 1;
          const inserted = await db
            .insertInto('policy_versions')
            .values({
              workspace_id: workspaceId,
              version,
              bundle: bundleJson(draft.bundle),
              status: 'draft',
              created_at: context.now(),
              published_at: null,
              created_by: draft.createdBy,
              based_on: draft.basedOn ?? null,
              note: draft.note ?? null,
            })
            .onConflict((conflict) => conflict.columns(['workspace_id', 'version']).doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return toStoredPolicyVersion((await selectVersion(db, workspaceId, version))!);
        }
        throw new StorageInputError([{ record: 'policy draft', field: 'version', message: 'policy draft: no free version number after 20 tries; try again' }]);
      });
    },

    async editPolicyDraft(workspaceId, version, input) {
      const record = `policy version ${version}`;
      const edit = validateOne(input, draftEditSchema, record, (candidate) => checkBundlePaths(candidate.bundle));
      return runAtomically(context, { record }, async (db) => {
        const updated = await db
          .updateTable('policy_versions')
          .set((eb) => ({ bundle: bundleJson(edit.bundle), revision: eb('revision', '+', 1), ...(edit.note !== undefined ? { note: edit.note } : {}) }))
          .where('workspace_id', '=', workspaceId)
          .where('version', '=', version)
          .where('status', '=', 'draft')
          .where('revision', '=', edit.revision)
          .executeTakeFirst();
        const current = await selectVersion(db, workspaceId, version);
        if (Number(updated.numUpdatedRows) === 1) return { ok: true as const, version: toStoredPolicyVersion(current!) };
        if (current === undefined) return { ok: false as const, reason: 'missing' as const, current: null };
        return { ok: false as const, reason: current.status === 'published' ? ('published' as const) : ('stale' as const), current: toStoredPolicyVersion(current) };
      });
    },

    async publishPolicyVersion(workspaceId, input) {
      const publish = validateOne(input, publishSchema, `policy version ${String((input as { version?: unknown }).version)}`);
      const record = `policy version ${publish.version}`;
      return runAtomically(context, { record }, async (db) => {
        const at = publish.at ?? context.now();
        const target = await selectVersion(db, workspaceId, publish.version);
        if (target === undefined) return { ok: false as const, reason: 'missing' as const, state: await readState(db, workspaceId) };
        if (target.status === 'draft' && publish.expectedDraftRevision !== undefined && Number(target.revision) !== publish.expectedDraftRevision) {
          return { ok: false as const, reason: 'stale_draft' as const, state: await readState(db, workspaceId) };
        }
        // The guard of concurrent publishes: the row's revision moves once; the loser's update
        // matches nothing (PostgreSQL re-reads the row after the winner commits).
        const claimed = await db
          .updateTable('workspaces')
          .set({ policy_revision: publish.expectedRevision + 1 })
          .where('id', '=', workspaceId)
          .where('policy_revision', '=', publish.expectedRevision)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return { ok: false as const, reason: 'stale' as const, state: await readState(db, workspaceId) };
        const froze = target.status === 'draft';
        if (froze) {
          await db
            .updateTable('policy_versions')
            .set({ status: 'published', published_at: at, published_by: publish.publishedBy })
            .where('workspace_id', '=', workspaceId)
            .where('version', '=', publish.version)
            .execute();
        }
        // The rule of core/policy/apply-publish.ts, the one the impact preview applied.
        const next = applyPublish(await readState(db, workspaceId), publish.version, publish.segments, at);
        await db.deleteFrom('segment_versions').where('workspace_id', '=', workspaceId).execute();
        if (next.segmentVersions.length > 0) {
          await db
            .insertInto('segment_versions')
            .values(next.segmentVersions.map(({ segment, version, assignedAt }) => ({ workspace_id: workspaceId, segment, version, assigned_at: assignedAt })))
            .execute();
        }
        await db.updateTable('workspaces').set({ live_policy_version: next.liveVersion }).where('id', '=', workspaceId).execute();
        return { ok: true as const, froze, version: toStoredPolicyVersion((await selectVersion(db, workspaceId, publish.version))!), state: await readState(db, workspaceId) };
      });
    },

    async getPolicyPublishState(workspaceId) {
      return runQuery(context, { record: `policy of workspace ${workspaceId}` }, () => readState(context.db, workspaceId));
    },

    async getPolicyVersion(workspaceId, version) {
      const row = await runQuery(context, { record: `policy version ${version}` }, () => selectVersion(context.db, workspaceId, version));
      return row === undefined ? null : toStoredPolicyVersion(row);
    },

    async getLivePolicyVersion(workspaceId) {
      const row = await runQuery(context, { record: 'live policy version' }, () =>
        context.db
          .selectFrom('policy_versions as p')
          .innerJoin('workspaces as w', (join) => join.onRef('w.id', '=', 'p.workspace_id').onRef('w.live_policy_version', '=', 'p.version'))
          .selectAll('p')
          .where('p.workspace_id', '=', workspaceId)
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
    version: Number(row.version),
    bundle: JSON.parse(row.bundle) as PolicyFile[],
    status: row.status,
    createdAt: Number(row.created_at),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
    revision: Number(row.revision),
    createdBy: row.created_by,
    publishedBy: row.published_by,
    basedOn: row.based_on === null ? null : Number(row.based_on),
    note: row.note,
  };
}
