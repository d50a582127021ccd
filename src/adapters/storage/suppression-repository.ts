import { z } from 'zod';
import { suppressionReasons, type Store, type StoredSuppression } from '../../app/ports/store.ts';
import { emailSchema, instantSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateRecords } from './validate-records.ts';

const suppressionSchema = z.object({
  email: emailSchema,
  reason: z.enum(suppressionReasons, { error: `must be one of ${suppressionReasons.join(', ')}` }),
  untilAt: instantSchema.nullable().optional(),
  note: z.string().nullable().optional(),
});

const columns = ['workspace_id as workspaceId', 'email', 'reason', 'until_at as untilAt', 'note', 'created_at as createdAt'] as const;

export type SuppressionRepository = Pick<Store, 'suppress' | 'unsuppress' | 'listSuppressions'>;

export function createSuppressionRepository(context: RepositoryContext): SuppressionRepository {
  return {
    async suppress(workspaceId, input) {
      const [valid] = validateRecords([input], {
        schema: suppressionSchema,
        describe: (record) => `suppression ${String((record as { email?: unknown }).email ?? '')}`.trim(),
      });
      if (valid === undefined) throw new Error('unreachable: one record in, one out');
      const email = valid.email.toLowerCase();
      return runAtomically(context, { record: `suppression ${email}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        await db
          .insertInto('suppressions')
          .values({ workspace_id: workspaceId, email, reason: valid.reason, until_at: valid.untilAt ?? null, note: valid.note ?? null, created_at: context.now() })
          .onConflict((conflict) =>
            conflict.columns(['workspace_id', 'email']).doUpdateSet((eb) => ({
              reason: eb.ref('excluded.reason'),
              until_at: eb.ref('excluded.until_at'),
              note: eb.ref('excluded.note'),
              created_at: eb.ref('excluded.created_at'),
            })),
          )
          .execute();
        return (await db.selectFrom('suppressions').select(columns).where('workspace_id', '=', workspaceId).where('email', '=', email).executeTakeFirstOrThrow()) as StoredSuppression;
      });
    },

    async unsuppress(workspaceId, email) {
      const result = await runQuery(context, { record: `suppression ${email}` }, () =>
        context.db.deleteFrom('suppressions').where('workspace_id', '=', workspaceId).where('email', '=', email.toLowerCase()).executeTakeFirst(),
      );
      return Number(result.numDeletedRows) > 0;
    },

    async listSuppressions(workspaceId, query = {}) {
      const rows = await runQuery(context, { record: 'suppressions' }, () => {
        let select = context.db.selectFrom('suppressions').select(columns).where('workspace_id', '=', workspaceId);
        if (query.activeAt !== undefined) {
          const at = query.activeAt;
          select = select.where((eb) => eb.or([eb('until_at', 'is', null), eb('until_at', '>', at)]));
        }
        if (query.emails !== undefined) {
          const emails = query.emails.map((email) => email.toLowerCase());
          select = select.where('email', 'in', emails.length > 0 ? emails : ['']);
        }
        return select.orderBy('email').execute();
      });
      return rows as StoredSuppression[];
    },
  };
}
