import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import {
  engineActionTypes,
  type EngineActionInput,
  type EngineActionType,
  type JsonObject,
  type RecordEngineActionsResult,
  type StorageInputIssue,
  type Store,
  type StoredEngineAction,
} from '../../app/ports/store.ts';
import { chunkRows } from './chunk-rows.ts';
import type { Database, EngineActionTable } from './database-schema.ts';
import { idSchema, instantSchema, jsonObjectSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { readInvoiceOwners } from './read-invoice-owners.ts';
import { throwIfAny, validateRecords } from './validate-records.ts';

const engineActionSchema = z.object({
  invoiceId: idSchema,
  customerId: idSchema,
  // '' for actions outside any cadence (a task after a reply): a key column cannot be null.
  cadence: z.string().max(255, 'must be at most 255 characters'),
  step: idSchema,
  type: z.enum(engineActionTypes),
  at: instantSchema,
  reason: textSchema.nullish(),
  actionKey: textSchema,
  payload: jsonObjectSchema.optional(),
});

type ValidEngineAction = z.infer<typeof engineActionSchema>;

const engineActionColumnCount = 11;

export type EngineActionRepository = Pick<Store, 'recordEngineAction' | 'recordEngineActions' | 'listEngineActions'>;

export function createEngineActionRepository(context: RepositoryContext): EngineActionRepository {
  const recordEngineActions = async (
    workspaceId: string,
    actions: readonly EngineActionInput[],
  ): Promise<RecordEngineActionsResult> => {
    const valid = validateRecords(actions, { schema: engineActionSchema, describe: describeAction });
    const insertedKeys = await runAtomically(context, { record: 'engine actions' }, async (db) => {
      await requireWorkspace(db, workspaceId);
      await requireMatchingInvoices(db, context, workspaceId, valid);
      return insertNewActions(db, context, workspaceId, valid);
    });
    // A key inserted by this call counts once, for its first occurrence in the batch.
    const inserted = valid.map((action) => insertedKeys.delete(makeStepKey(action.invoiceId, action.cadence, action.step)));
    return { insertedCount: inserted.filter(Boolean).length, inserted };
  };

  return {
    recordEngineActions,

    async recordEngineAction(workspaceId, action) {
      const { inserted } = await recordEngineActions(workspaceId, [action]);
      return { inserted: inserted[0] === true };
    },

    async listEngineActions(workspaceId, query = {}) {
      const rows = await runQuery(context, { record: 'engine actions' }, () => {
        let select = context.db.selectFrom('engine_actions').selectAll().where('workspace_id', '=', workspaceId);
        if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
        return select.orderBy('at').orderBy('invoice_id').orderBy('cadence').orderBy('step').execute();
      });
      return rows.map(toStoredEngineAction);
    },
  };
}

// ON CONFLICT DO NOTHING, not check-then-insert: two workers racing on the same step must
// not both believe they recorded it. RETURNING names exactly the rows this statement created.
async function insertNewActions(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  actions: readonly ValidEngineAction[],
): Promise<Set<string>> {
  const recordedAt = context.now();
  const rows: EngineActionTable[] = actions.map((action) => ({
    workspace_id: workspaceId,
    invoice_id: action.invoiceId,
    cadence: action.cadence,
    step: action.step,
    type: action.type,
    at: action.at,
    reason: action.reason ?? null,
    customer_id: action.customerId,
    action_key: action.actionKey,
    payload: JSON.stringify(action.payload ?? {}),
    recorded_at: recordedAt,
  }));
  const inserted = new Set<string>();
  for (const chunk of chunkRows(rows, engineActionColumnCount, context.dialect.capabilities)) {
    const created = await db
      .insertInto('engine_actions')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['workspace_id', 'invoice_id', 'cadence', 'step']).doNothing())
      .returning(['invoice_id', 'cadence', 'step'])
      .execute();
    for (const row of created) inserted.add(makeStepKey(row.invoice_id, row.cadence, row.step));
  }
  return inserted;
}

async function requireMatchingInvoices(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  actions: readonly ValidEngineAction[],
): Promise<void> {
  const owners = await readInvoiceOwners(db, context, workspaceId, actions.map((action) => action.invoiceId));
  const issues: StorageInputIssue[] = [];
  actions.forEach((action, index) => {
    const record = describeAction(action, index);
    const owner = owners.get(action.invoiceId);
    if (owner === undefined) {
      issues.push({ record, field: 'invoiceId', message: `${record}: invoiceId ${JSON.stringify(action.invoiceId)} is not a known invoice` });
    } else if (owner !== action.customerId) {
      issues.push({
        record,
        field: 'customerId',
        message: `${record}: customerId ${JSON.stringify(action.customerId)} is not the customer of invoice ${action.invoiceId} (${owner})`,
      });
    }
  });
  throwIfAny(issues);
}

function describeAction(action: unknown, index: number): string {
  const { invoiceId, cadence, step } = (typeof action === 'object' && action !== null ? action : {}) as Record<string, unknown>;
  const parts = [invoiceId, cadence, step];
  return typeof invoiceId === 'string' && invoiceId !== '' && typeof cadence === 'string' && typeof step === 'string' && step !== ''
    ? `engine action ${parts.join('/')}`
    : `engineActions[${index}]`;
}

function makeStepKey(invoiceId: string, cadence: string, step: string): string {
  return JSON.stringify([invoiceId, cadence, step]);
}

function toStoredEngineAction(row: Selectable<EngineActionTable>): StoredEngineAction {
  return {
    workspaceId: row.workspace_id,
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    cadence: row.cadence,
    step: row.step,
    type: row.type as EngineActionType,
    at: row.at,
    reason: row.reason,
    actionKey: row.action_key,
    payload: JSON.parse(row.payload) as JsonObject,
    recordedAt: row.recorded_at,
  };
}
