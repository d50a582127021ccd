import { escapeLike } from './escape-like.ts';
import { genesisHash, hashAuditEntry } from '../../app/audit/audit-chain.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { JsonObject } from '../../app/ports/json.ts';
import {
  scheduledJobNames,
  type AuditEntryInput,
  type MaintenanceState,
  type OperationsStore,
  type ScheduledJobName,
  type ScheduledJobState,
  type StoredAuditEntry,
} from '../../app/ports/operations-store.ts';
import type { AuditLogTable, Database, ScheduledJobTable } from './database-schema.ts';
import { idSchema, instantSchema, jsonObjectSchema, quote, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// Install-wide operations: the maintenance switch (a row of `settings`), the scheduled jobs, the
// workers' heartbeats and the audit trail. A switch and its audit entry are written in one
// transaction, so the trail never misses a toggle and never shows one that did not happen.

const maintenanceSetting = 'maintenance';
const defaultAuditLimit = 100;

const jobNameSchema = z.enum(scheduledJobNames, { error: (issue) => `must be one of ${scheduledJobNames.join(', ')}; got ${quote(issue.input)}` });
const actorSchema = textSchema;

const maintenanceChangeSchema = z.object({ on: z.boolean(), reason: z.string().nullable(), at: instantSchema, by: actorSchema });
const jobChangeSchema = z.object({ name: jobNameSchema, paused: z.boolean(), reason: z.string().nullable(), at: instantSchema, by: actorSchema });
const jobRunSchema = z
  .object({
    name: jobNameSchema,
    startedAt: instantSchema,
    finishedAt: instantSchema,
    status: z.enum(['ok', 'failed']),
    error: z.string().nullable().optional(),
  })
  .refine((run) => run.finishedAt >= run.startedAt, { path: ['finishedAt'], message: 'must not be before startedAt' });
const heartbeatSchema = z.object({ workerId: idSchema, seenAt: instantSchema, detail: jsonObjectSchema });
const auditEntrySchema = z.object({
  workspaceId: idSchema.nullable(),
  at: instantSchema,
  actor: actorSchema,
  action: textSchema,
  subject: textSchema,
  detail: jsonObjectSchema.optional(),
  role: z.string().nullable().optional(),
  before: z.json().optional(),
  after: z.json().optional(),
  rationale: z.string().nullable().optional(),
});
const auditQuerySchema = z.object({
  workspaceId: idSchema.nullable().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  sinceAt: instantSchema.optional(),
  untilAt: instantSchema.optional(),
  beforeId: z.int().optional(),
  limit: z.int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
});

const offMaintenance: MaintenanceState = { on: false, reason: null, changedAt: null, changedBy: null };

export function createOperationsRepository(context: RepositoryContext): OperationsStore {
  return {
    async getMaintenance() {
      const row = await runQuery(context, { record: 'maintenance' }, () =>
        context.db.selectFrom('settings').select('value').where('name', '=', maintenanceSetting).executeTakeFirst(),
      );
      return row ? readMaintenance(row.value) : { ...offMaintenance };
    },

    async setMaintenance(change) {
      const valid = validateOne(change, maintenanceChangeSchema, 'maintenance');
      const state: MaintenanceState = { on: valid.on, reason: valid.reason, changedAt: valid.at, changedBy: valid.by };
      return runAtomically(context, { record: 'maintenance' }, async (db) => {
        await db
          .insertInto('settings')
          .values({ name: maintenanceSetting, value: JSON.stringify(state), updated_at: valid.at })
          .onConflict((conflict) =>
            conflict.column('name').doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })),
          )
          .execute();
        await insertAudit(db, {
          workspaceId: null,
          at: valid.at,
          actor: valid.by,
          action: valid.on ? 'maintenance.on' : 'maintenance.off',
          subject: 'maintenance',
          detail: { reason: valid.reason },
        }, context);
        return state;
      });
    },

    async getPlannedThrough(workspaceId) {
      const row = await runQuery(context, { record: `workspace ${workspaceId}` }, () =>
        context.db.selectFrom('settings').select('value').where('name', '=', plannedThroughSetting(workspaceId)).executeTakeFirst(),
      );
      return row ? (JSON.parse(row.value) as number) : null;
    },

    async advancePlannedThrough(workspaceId, change) {
      const name = plannedThroughSetting(workspaceId);
      const value = JSON.stringify(change.to);
      const record = { record: `workspace ${workspaceId}` };
      if (change.from === null) {
        const inserted = await runQuery(context, record, () =>
          context.db.insertInto('settings').values({ name, value, updated_at: context.now() }).onConflict((conflict) => conflict.column('name').doNothing()).returning('name').execute(),
        );
        return inserted.length === 1;
      }
      const updated = await runQuery(context, record, () =>
        context.db.updateTable('settings').set({ value, updated_at: context.now() }).where('name', '=', name).where('value', '=', JSON.stringify(change.from)).executeTakeFirst(),
      );
      return Number(updated.numUpdatedRows) === 1;
    },

    async listScheduledJobs() {
      const rows = await runQuery(context, { record: 'scheduled jobs' }, () => context.db.selectFrom('scheduled_jobs').selectAll().execute());
      const byName = new Map(rows.map((row) => [row.name, row]));
      return scheduledJobNames.map((name) => toJobState(name, byName.get(name)));
    },

    async setScheduledJobPaused(name, change) {
      const valid = validateOne({ name, ...change }, jobChangeSchema, `job ${String(name)}`);
      const pausedReason = valid.paused ? valid.reason : null;
      return runAtomically(context, { record: `job ${valid.name}` }, async (db) => {
        await db
          .insertInto('scheduled_jobs')
          .values({ name: valid.name, paused: valid.paused ? 1 : 0, paused_reason: pausedReason })
          .onConflict((conflict) =>
            conflict.column('name').doUpdateSet((eb) => ({ paused: eb.ref('excluded.paused'), paused_reason: eb.ref('excluded.paused_reason') })),
          )
          .execute();
        await insertAudit(db, {
          workspaceId: null,
          at: valid.at,
          actor: valid.by,
          action: valid.paused ? 'job.pause' : 'job.resume',
          subject: `job ${valid.name}`,
          detail: { reason: valid.reason },
        }, context);
        const row = await db.selectFrom('scheduled_jobs').selectAll().where('name', '=', valid.name).executeTakeFirstOrThrow();
        return toJobState(valid.name, row);
      });
    },

    async recordJobRun(name, run) {
      const valid = validateOne({ name, ...run }, jobRunSchema, `job ${String(name)}`);
      const last = {
        last_started_at: valid.startedAt,
        last_finished_at: valid.finishedAt,
        last_status: valid.status,
        last_error: valid.status === 'failed' ? (valid.error ?? null) : null,
      };
      await runQuery(context, { record: `job ${valid.name}` }, () =>
        context.db
          .insertInto('scheduled_jobs')
          .values({ name: valid.name, paused: 0, paused_reason: null, ...last })
          .onConflict((conflict) => conflict.column('name').doUpdateSet(last))
          .execute(),
      );
    },

    async recordHeartbeat(heartbeat) {
      const valid = validateOne(heartbeat, heartbeatSchema, `heartbeat ${describeWorker(heartbeat)}`);
      await runQuery(context, { record: `heartbeat ${valid.workerId}` }, () =>
        context.db
          .insertInto('worker_heartbeats')
          .values({ worker_id: valid.workerId, seen_at: valid.seenAt, detail: JSON.stringify(valid.detail) })
          .onConflict((conflict) =>
            conflict.column('worker_id').doUpdateSet((eb) => ({ seen_at: eb.ref('excluded.seen_at'), detail: eb.ref('excluded.detail') })),
          )
          .execute(),
      );
    },

    async listHeartbeats() {
      const rows = await runQuery(context, { record: 'heartbeats' }, () =>
        context.db.selectFrom('worker_heartbeats').selectAll().orderBy('seen_at', 'desc').orderBy('worker_id').execute(),
      );
      return rows.map((row) => ({ workerId: row.worker_id, seenAt: row.seen_at, detail: JSON.parse(row.detail) as JsonObject }));
    },

    async appendAudit(entry) {
      const valid = validateOne(entry, auditEntrySchema, `audit entry ${describeAction(entry)}`);
      return runAtomically(context, { record: `audit entry ${valid.action}` }, async (db) => {
        if (valid.workspaceId !== null) await requireWorkspace(db, valid.workspaceId);
        return insertAudit(db, valid, context);
      });
    },

    async readAuditChain({ afterSeq, limit }) {
      const rows = await runQuery(context, { record: 'audit trail' }, () =>
        context.db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute(),
      );
      return rows.map((row) => ({
        id: Number(row.id),
        seq: Number(row.seq),
        workspaceId: row.workspace_id,
        at: row.at,
        actor: row.actor,
        action: row.action,
        subject: row.subject,
        detailJson: row.detail,
        prevHash: row.prev_hash ?? '',
        hash: row.hash ?? '',
      }));
    },

    async listAudit(query = {}) {
      const valid = validateOne(query, auditQuerySchema, 'audit query');
      const rows = await runQuery(context, { record: 'audit log' }, () => {
        let select = context.db.selectFrom('audit_log').selectAll();
        if (valid.workspaceId === null) select = select.where('workspace_id', 'is', null);
        else if (valid.workspaceId !== undefined) select = select.where('workspace_id', '=', valid.workspaceId);
        if (valid.actor !== undefined) select = select.where('actor', '=', valid.actor);
        if (valid.action !== undefined) {
          select = valid.action.endsWith('.')
            ? select.where(sql<boolean>`action like ${`${escapeLike(valid.action)}%`} escape '\\'`)
            : select.where('action', '=', valid.action);
        }
        if (valid.sinceAt !== undefined) select = select.where('at', '>=', valid.sinceAt);
        if (valid.untilAt !== undefined) select = select.where('at', '<', valid.untilAt);
        if (valid.beforeId !== undefined) select = select.where('id', '<', valid.beforeId);
        return select
          .orderBy('id', 'desc')
          .limit(valid.limit ?? defaultAuditLimit)
          .execute();
      });
      return rows.map(toAuditEntry);
    },
  };
}


async function insertAudit(db: Kysely<Database>, entry: AuditEntryInput, context: RepositoryContext): Promise<StoredAuditEntry> {
  // Appenders take turns (PostgreSQL: a transaction-scoped lock; SQLite: the single writer), so
  // each entry follows the one before it and the chain never forks.
  const lock = context.dialect.capabilities.chainLockStatement;
  if (lock !== null) await sql.raw(lock).execute(db);
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', 'is not', null).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const chained = {
    seq: last ? Number(last.seq) + 1 : 1,
    workspaceId: entry.workspaceId,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    detailJson: JSON.stringify(foldAuditDetail(entry)),
    prevHash: last?.hash ?? genesisHash,
  };
  const row = await db
    .insertInto('audit_log')
    .values({
      workspace_id: chained.workspaceId,
      at: chained.at,
      actor: chained.actor,
      action: chained.action,
      subject: chained.subject,
      detail: chained.detailJson,
      seq: chained.seq,
      prev_hash: chained.prevHash,
      hash: hashAuditEntry(chained),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAuditEntry(row);
}

/** Role, before/after and rationale ride in the detail, so the chain's hash covers them. */
function foldAuditDetail(entry: AuditEntryInput): JsonObject {
  const detail: JsonObject = { ...(entry.detail ?? {}) };
  if (entry.role !== undefined && entry.role !== null) detail.role = entry.role;
  if (entry.before !== undefined) detail.before = entry.before;
  if (entry.after !== undefined) detail.after = entry.after;
  if (entry.rationale !== undefined && entry.rationale !== null) detail.rationale = entry.rationale;
  return detail;
}

function readMaintenance(value: string): MaintenanceState {
  const stored = JSON.parse(value) as Partial<MaintenanceState>;
  return {
    on: stored.on === true,
    reason: stored.reason ?? null,
    changedAt: stored.changedAt ?? null,
    changedBy: stored.changedBy ?? null,
  };
}

function toJobState(name: ScheduledJobName, row: Selectable<ScheduledJobTable> | undefined): ScheduledJobState {
  return {
    name,
    paused: row?.paused === 1,
    pausedReason: row?.paused_reason ?? null,
    lastStartedAt: row?.last_started_at ?? null,
    lastFinishedAt: row?.last_finished_at ?? null,
    lastStatus: row?.last_status ?? null,
    lastError: row?.last_error ?? null,
  };
}

function toAuditEntry(row: Selectable<AuditLogTable>): StoredAuditEntry {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    detail: JSON.parse(row.detail) as JsonObject,
  };
}

function describeWorker(heartbeat: unknown): string {
  const id = typeof heartbeat === 'object' && heartbeat !== null ? (heartbeat as { workerId?: unknown }).workerId : undefined;
  return typeof id === 'string' && id !== '' ? id : '(no id)';
}

function describeAction(entry: unknown): string {
  const action = typeof entry === 'object' && entry !== null ? (entry as { action?: unknown }).action : undefined;
  return typeof action === 'string' && action !== '' ? action : '(no action)';
}

/** One setting per workspace: `planned-through/<workspace id>`. */
function plannedThroughSetting(workspaceId: string): string {
  return `planned-through/${workspaceId}`;
}
