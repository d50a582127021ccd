import { z } from 'zod';
import { plans, type Store, type StoredWorkspace, type WorkspaceInput } from '../../app/ports/store.ts';
import { currencySchema, idSchema, localeSchema, textSchema, timeZoneSchema } from './field-schemas.ts';
import { runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { describeById, validateRecords } from './validate-records.ts';

const workspaceSchema = z.object({
  id: idSchema,
  name: textSchema,
  timeZone: timeZoneSchema,
  locale: localeSchema,
  currency: currencySchema,
  plan: z.enum(plans).optional(),
});

const workspaceColumns = ['id', 'name', 'time_zone as timeZone', 'locale', 'currency', 'plan', 'created_at as createdAt'] as const;

export type WorkspaceRepository = Pick<Store, 'upsertWorkspace' | 'getWorkspace' | 'listWorkspaces' | 'measurePortfolio'>;

export function createWorkspaceRepository(context: RepositoryContext): WorkspaceRepository {
  return {
    async upsertWorkspace(input: WorkspaceInput): Promise<StoredWorkspace> {
      const [workspace] = validateRecords([input], { schema: workspaceSchema, describe: describeById('workspace', 'workspaces') });
      if (workspace === undefined) throw new Error('unreachable: one record in, one out');
      return runAtomically(context, { record: `workspace ${workspace.id}` }, async (db) => {
        await db
          .insertInto('workspaces')
          .values({
            id: workspace.id,
            name: workspace.name,
            time_zone: workspace.timeZone,
            locale: workspace.locale,
            currency: workspace.currency,
            plan: workspace.plan ?? 'growth',
            created_at: context.now(),
          })
          .onConflict((conflict) =>
            conflict.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              time_zone: eb.ref('excluded.time_zone'),
              locale: eb.ref('excluded.locale'),
              currency: eb.ref('excluded.currency'),
              ...(workspace.plan !== undefined ? { plan: eb.ref('excluded.plan') } : {}),
            })),
          )
          .execute();
        return db.selectFrom('workspaces').select(workspaceColumns).where('id', '=', workspace.id).executeTakeFirstOrThrow();
      });
    },

    async listWorkspaces() {
      return runQuery(context, { record: 'workspaces' }, () => context.db.selectFrom('workspaces').select(workspaceColumns).orderBy('id').execute());
    },

    async measurePortfolio(workspaceId) {
      return runQuery(context, { record: `workspace ${workspaceId}` }, async () => {
        const customers = await context.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll().as('count'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirst();
        const balances = await context.db
          .selectFrom('invoices')
          .select((eb) => ['currency', eb.fn.sum<number | string>('balance_minor').as('balance')])
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'open')
          .groupBy('currency')
          .orderBy('currency')
          .execute();
        return {
          customers: Number(customers?.count ?? 0),
          openBalances: balances.map((row) => ({ currency: row.currency, balanceMinor: Number(row.balance) })),
        };
      });
    },

    async getWorkspace(workspaceId) {
      const row = await runQuery(context, { record: `workspace ${workspaceId}` }, () =>
        context.db.selectFrom('workspaces').select(workspaceColumns).where('id', '=', workspaceId).executeTakeFirst(),
      );
      return row ?? null;
    },
  };
}
