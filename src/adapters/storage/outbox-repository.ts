import { escapeLike } from './escape-like.ts';
import { sql, type Insertable, type Kysely, type Selectable, type SelectQueryBuilder, type SqlBool, type Updateable } from 'kysely';
import { z } from 'zod';
import {
  openOutboxStatuses,
  type OutboxContent,
  type OutboxMeasures,
  type OutboxStatus,
  type OutboxStore,
  type StoredOutboxMessage,
} from '../../app/ports/outbox-store.ts';
import { chunkRows } from './chunk-rows.ts';
import type { Database, OutboxMessageTable } from './database-schema.ts';
import { emailSchema, idSchema, instantSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { readInvoiceOwners } from './read-invoice-owners.ts';
import { throwIfAny, validateRecords } from './validate-records.ts';

const contentSchema = z.object({
  fromName: z.string(),
  fromAddress: emailSchema,
  replyTo: emailSchema.nullable(),
  to: z.array(emailSchema).min(1, 'must name at least one recipient'),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(z.object({ filename: textSchema, contentType: textSchema, contentBase64: z.string() })),
});

const messageSchema = z
  .object({
    key: textSchema,
    kind: z.enum(['send', 'draft']),
    status: z.enum(['queued', 'draft', 'held']),
    statusReason: z.string().nullish(),
    customerId: idSchema,
    invoiceIds: z.array(idSchema).min(1, 'must name at least one invoice'),
    decidedAt: instantSchema,
    notBefore: instantSchema,
    sendingDomain: textSchema,
    messageId: z.string().regex(/^<[^<>\s]+@[^<>\s]+>$/, 'must be <id@domain>'),
    content: contentSchema.nullable(),
    writtenAt: instantSchema.optional(),
  })
  .refine((message) => message.status === 'held' || message.content !== null, {
    path: ['content'],
    message: 'is required unless the message is held',
  });

type ValidMessage = z.infer<typeof messageSchema>;

export function createOutboxRepository(context: RepositoryContext): OutboxStore {
  const byId = (db: Kysely<Database>, workspaceId: string, id: number) =>
    db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);

  return {
    async enqueueOutboxMessages(workspaceId, messages) {
      const valid = validateRecords(messages, { schema: messageSchema, describe: describeMessage });
      if (valid.length === 0) return { inserted: [] };
      const keys = await runAtomically(context, { record: 'outbox messages' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        await requireOwnedInvoices(db, context, workspaceId, valid);
        const now = context.now();
        const rows = valid.map((message) => toRow(workspaceId, message, now));
        const created = new Set<string>();
        for (const chunk of chunkRows(rows, Object.keys(rows[0]!).length, context.dialect.capabilities)) {
          const inserted = await db
            .insertInto('outbox_messages')
            .values(chunk)
            .onConflict((conflict) => conflict.columns(['workspace_id', 'key']).doNothing())
            .returning('key')
            .execute();
          for (const row of inserted) created.add(row.key);
        }
        return created;
      });
      return { inserted: valid.map((message) => keys.delete(message.key)) };
    },

    async claimOutboxMessages({ now, limit, workerId, leaseMs, excludeDomains = [], workspaceIds }) {
      // Two arms: messages whose claim ran out (a worker died mid-send; they go first, they are
      // the oldest), walking their index in order, and queued messages that are due, shared fairly
      // between organisations: each organisation's oldest due messages are taken in turns (its
      // first, then every organisation's second, …), so one organisation's backlog of thousands
      // never holds back another's one message. Each organisation's due messages come from its own
      // index, a `limit` at most, so a claim reads limit × organisations rows at the very most.
      const excluding = <T extends SelectQueryBuilder<Database, 'outbox_messages', { id: number; workspace_id: string; t: number | null }>>(select: T): T => {
        let filtered = select;
        for (const { workspaceId, domain } of excludeDomains) {
          filtered = filtered.where((eb) => eb.not(eb.and([eb('workspace_id', '=', workspaceId), eb('sending_domain', '=', domain)]))) as T;
        }
        return filtered;
      };
      const expiredArm = (db: Kysely<Database>, size: number) => {
        let select = db.selectFrom('outbox_messages').select(['id', 'workspace_id', 'lease_until as t']).where('status', '=', sql.lit('sending')).where('lease_until', '<=', now);
        if (workspaceIds !== undefined) select = select.where('workspace_id', 'in', workspaceIds.length > 0 ? [...workspaceIds] : ['']);
        return excluding(select).orderBy('lease_until').orderBy('id').limit(size);
      };
      const dueOf = (db: Kysely<Database>, workspaceId: string, size: number) =>
        excluding(
          db.selectFrom('outbox_messages').select(['id', 'workspace_id', 'next_attempt_at as t']).where('workspace_id', '=', workspaceId).where('status', '=', sql.lit('queued')).where('next_attempt_at', '<=', now),
        )
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(size);
      // The same due arm for a workspace named by a column of the enclosing query (PostgreSQL's LATERAL).
      const dueOfLateral = (db: Kysely<Database>, workspace: ReturnType<typeof sql.ref>, size: number, taken: readonly number[]) =>
        excluding(
          db
            .selectFrom('outbox_messages')
            .select(['id', 'workspace_id', 'next_attempt_at as t'])
            .where('workspace_id', '=', workspace as never)
            .where('status', '=', sql.lit('queued'))
            .where('next_attempt_at', '<=', now)
            .$if(taken.length > 0, (query) => query.where('id', 'not in', [...taken])),
        )
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(size);
      const organisations = async (db: Kysely<Database>) => workspaceIds ?? (await db.selectFrom('workspaces').select('id').orderBy('id').execute()).map((row) => row.id);
      const claim = (db: Kysely<Database>, ids: number[] | SelectQueryBuilder<Database, 'outbox_messages', { id: number }>) =>
        db
          .updateTable('outbox_messages')
          .set({ status: 'sending', claimed_by: workerId, lease_until: now + leaseMs, attempts: sql<number>`attempts + 1`, updated_at: now })
          // Only by id: the ids come from the same statement (SQLite) or rows locked in the same
          // transaction (PostgreSQL), so they are still due; repeating the condition here would make
          // SQLite walk every due row to check it.
          .where('id', 'in', ids)
          .returningAll()
          .execute();
      const rows = context.dialect.capabilities.skipLocked
        ? // PostgreSQL: lock the chosen rows, passing over those another worker holds, then claim
          // exactly those. (A `limit` subquery inside the update may be run more than once and
          // claim more than `limit` rows.) The due rows are read and locked in one statement a
          // pass, an even share per organisation first, so a claim locks little beyond what it
          // takes (at most one row per organisation) and never rows another worker holds.
          await runAtomically(context, { record: 'outbox claim' }, async (db) => {
            const expired = await expiredArm(db, limit).forUpdate().skipLocked().execute();
            const room = limit - expired.length;
            let due: number[] = [];
            if (room > 0) {
              const workspaces = await organisations(db);
              // Each organisation's oldest due rows, locked as they are read, a LATERAL seek each:
              // first an even share of the room each, then, for those that had more, the rest.
              const lockDue = async (among: readonly string[], size: number, taken: readonly number[]) =>
                among.length === 0
                  ? []
                  : (
                      await sql<DueRow>`select due.id, due.workspace_id, due.t from unnest(${among}::text[]) as w(id) cross join lateral (${dueOfLateral(db, sql.ref('w.id'), size, taken).forUpdate().skipLocked()}) as due`.execute(db)
                    ).rows;
              const share = Math.max(1, Math.ceil(room / Math.max(1, workspaces.length)));
              const first = await lockDue(workspaces, share, []);
              const counts = new Map<string, number>();
              for (const row of first) counts.set(row.workspace_id, (counts.get(row.workspace_id) ?? 0) + 1);
              const more = first.length < room ? await lockDue([...counts].filter(([, count]) => count === share).map(([id]) => id), room - first.length, first.map((row) => Number(row.id))) : [];
              const byWorkspace = new Map<string, DueRow[]>();
              for (const row of [...first, ...more]) byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row]);
              due = takeInTurns([...byWorkspace.values()].map((rows) => rows.sort((a, b) => (a.t ?? 0) - (b.t ?? 0) || Number(a.id) - Number(b.id))), room);
            }
            const ids = [...expired.map((row) => Number(row.id)), ...due];
            return ids.length === 0 ? [] : claim(db, ids);
          })
        : // SQLite: the database's single writer makes the reads and the claim one turn: the
          // reads and the update run in one transaction, which no other connection can interleave.
          await runAtomically(context, { record: 'outbox claim' }, async (db) => {
            const expired = await claim(db, expiredArm(db, limit).clearSelect().select('id'));
            const room = limit - expired.length;
            if (room <= 0) return expired;
            const workspaces = await organisations(db);
            const due: DueRow[][] = [];
            // One statement for a chunk of organisations: each one's oldest due rows, by its index.
            for (let index = 0; index < workspaces.length; index += 200) {
              const chunk = workspaces.slice(index, index + 200).map((workspaceId) => db.selectFrom(dueOf(db, workspaceId, room).as('due')).selectAll());
              const found = await chunk.slice(1).reduce((union, next) => union.unionAll(next), chunk[0]!).execute();
              const byWorkspace = new Map<string, DueRow[]>();
              for (const row of found) byWorkspace.set(row.workspace_id, [...(byWorkspace.get(row.workspace_id) ?? []), row]);
              due.push(...byWorkspace.values());
            }
            const ids = takeInTurns(due, room);
            return ids.length === 0 ? expired : [...expired, ...(await claim(db, ids))];
          });
      return rows.map(toStored).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
    },

    async settleOutboxMessage(id, workerId, settlement) {
      const now = context.now();
      if (settlement.status === 'sent') {
        // The hot path (one per message sent), written out so no query is built for it each time.
        const sent = await runQuery(context, { record: `outbox message ${id}` }, () =>
          sql`update outbox_messages set status = 'sent', sent_at = ${settlement.at}, response = ${settlement.response}, status_reason = null, lease_until = null, updated_at = ${now} where id = ${id} and status = 'sending' and claimed_by = ${workerId}`.execute(context.db),
        );
        return Number(sent.numAffectedRows ?? 0) === 1;
      }
      const changes: Updateable<OutboxMessageTable> =
        settlement.status === 'queued'
          ? { status: 'queued', next_attempt_at: settlement.nextAttemptAt, status_reason: settlement.reason, claimed_by: null }
          : { status: settlement.status, status_reason: settlement.reason };
      const result = await runQuery(context, { record: `outbox message ${id}` }, () =>
        context.db
          .updateTable('outbox_messages')
          .set({ ...changes, lease_until: null, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'sending')
          .where('claimed_by', '=', workerId)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async getOutboxMessage(workspaceId, id) {
      const row = await runQuery(context, { record: `outbox message ${id}` }, () => byId(context.db, workspaceId, id).executeTakeFirst());
      return row ? toStored(row) : null;
    },

    async listOutboxMessages(workspaceId, query = {}) {
      const rows = await runQuery(context, { record: 'outbox messages' }, () => {
        let select = context.db.selectFrom('outbox_messages').selectAll().where('workspace_id', '=', workspaceId);
        if (query.statuses !== undefined) select = select.where('status', 'in', query.statuses.length > 0 ? [...query.statuses] : ['']);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
        if (query.keyPrefix !== undefined) select = select.where(sql<SqlBool>`${sql.ref('key')} like ${`${escapeLike(query.keyPrefix)}%`} escape '\\'`);
        if (query.decidedAfter !== undefined) select = select.where('decided_at', '>', query.decidedAfter);
        return select.orderBy('id', 'desc').limit(query.limit ?? 100).execute();
      });
      return rows.map(toStored);
    },

    async findOutboxMessageByMessageId(messageIds) {
      const ids = [...new Set(messageIds)].filter((id) => id !== '');
      if (ids.length === 0) return null;
      const row = await runQuery(context, { record: 'outbox messages' }, () =>
        context.db.selectFrom('outbox_messages').selectAll().where('message_id', 'in', ids).orderBy('id', 'desc').limit(1).executeTakeFirst(),
      );
      return row ? toStored(row) : null;
    },

    async transitionOutboxMessage(workspaceId, id, transition) {
      const now = context.now();
      const changes: Updateable<OutboxMessageTable> = { status: transition.to, status_reason: transition.reason ?? null, updated_at: now };
      if (transition.by !== undefined && transition.by !== null) Object.assign(changes, { reviewed_by: transition.by, reviewed_at: now });
      if (transition.notBefore !== undefined) Object.assign(changes, { not_before: transition.notBefore, next_attempt_at: transition.notBefore });
      if (transition.to !== 'sending') Object.assign(changes, { lease_until: null, claimed_by: null });
      const result = await runQuery(context, { record: `outbox message ${id}` }, () =>
        context.db
          .updateTable('outbox_messages')
          .set(changes)
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where('status', 'in', [...transition.from])
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async editOutboxDraft(workspaceId, id, edit) {
      const record = `draft ${id}`;
      const issues = (['subject', 'text', 'html'] as const)
        .filter((field) => typeof edit[field] !== 'string' || (field !== 'html' && edit[field].trim() === ''))
        .map((field) => ({ record, field, message: `${record}: ${field} must not be empty` }));
      throwIfAny(issues);
      return runAtomically(context, { record }, async (db) => {
        const row = await byId(db, workspaceId, id).executeTakeFirst();
        if (!row || row.status !== 'draft' || row.content === null) return false;
        const content = { ...(JSON.parse(row.content) as OutboxContent), subject: edit.subject, text: edit.text, html: edit.html };
        const now = context.now();
        await db
          .updateTable('outbox_messages')
          .set({ content: JSON.stringify(content), edited: 1, reviewed_by: edit.by, reviewed_at: now, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'draft')
          .execute();
        return true;
      });
    },

    async markOutboxFeedback(workspaceId, id, feedback) {
      const column = feedback.kind === 'bounce' ? 'bounced_at' : 'complained_at';
      await runQuery(context, { record: `outbox message ${id}` }, () =>
        context.db
          .updateTable('outbox_messages')
          .set({ [column]: feedback.at, updated_at: context.now() })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where(column, 'is', null)
          .execute(),
      );
    },

    async outboxBacklog(now) {
      const { byStatus, oldestDueAt } = await measureOutbox(context, now);
      return { pending: byStatus.queued + byStatus.sending, oldestDueAt };
    },

    async measureOutbox(now) {
      return measureOutbox(context, now);
    },

    async dropOutboxBodies(before, limit) {
      return runAtomically(context, { record: 'outbox retention' }, async (db) => {
        const rows = await db
          .selectFrom('outbox_messages')
          .select(['id', 'content'])
          .where(renderedTerm)
          .where('body_dropped_at', 'is', null)
          .where('updated_at', '<', before)
          .orderBy('updated_at')
          .orderBy('id')
          .limit(limit)
          .execute();
        // Not updated_at: the age that retention deletes the message at still runs from its last real change.
        const droppedAt = context.now();
        for (const row of rows) {
          const content = row.content === null ? null : JSON.stringify(withoutBody(JSON.parse(row.content) as OutboxContent));
          await db.updateTable('outbox_messages').set({ content, body_dropped_at: droppedAt }).where('id', '=', row.id).execute();
        }
        return rows.length;
      });
    },

    async deleteSettledOutboxMessages(before, limit) {
      return runAtomically(context, { record: 'outbox retention' }, async (db) => {
        const rows = await db.selectFrom('outbox_messages').select('id').where(settledTerm).where('updated_at', '<', before).orderBy('updated_at').orderBy('id').limit(limit).execute();
        let deleted = 0;
        for (const chunk of chunkRows(rows, 1, context.dialect.capabilities)) {
          const result = await db.deleteFrom('outbox_messages').where('id', 'in', chunk.map((row) => row.id)).executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        return deleted;
      });
    },

    async domainSendStats(workspaceId, domain, last) {
      const row = await runQuery(context, { record: `domain ${domain}` }, () => {
        // A send is a message the server took (sent) or refused by name at once (failed with a
        // bounce noted): both count towards the bounce rate.
        const recent = context.db
          .selectFrom('outbox_messages')
          .select(['bounced_at', 'complained_at'])
          .where('workspace_id', '=', workspaceId)
          .where('sending_domain', '=', domain)
          .where((eb) => eb.or([eb('sent_at', 'is not', null), eb('bounced_at', 'is not', null)]))
          .orderBy((eb) => eb.fn.coalesce('sent_at', 'bounced_at'), 'desc')
          .orderBy('id', 'desc')
          .limit(last)
          .as('recent');
        return context.db
          .selectFrom(recent)
          .select((eb) => [
            eb.fn.countAll<number | string>().as('sends'),
            eb.fn.count<number | string>('recent.bounced_at').as('bounces'),
            eb.fn.count<number | string>('recent.complained_at').as('complaints'),
          ])
          .executeTakeFirstOrThrow();
      });
      return { sends: Number(row.sends), bounces: Number(row.bounces), complaints: Number(row.complaints) };
    },
  };
}

// Each term is written as the partial index it reads is (migration 0022), in literals: SQLite uses
// a partial index only for a query whose WHERE contains the index's own terms.
const openTerm = sql<SqlBool>`status in ('draft', 'queued', 'sending', 'held')`;
const settledTerm = sql<SqlBool>`status in ('sent', 'failed', 'withdrawn', 'discarded', 'held')`;
const renderedTerm = sql<SqlBool>`status in ('sent', 'failed', 'withdrawn', 'discarded')`;

/** A count per open status and one index seek per pending status for the earliest due instant. */
async function measureOutbox(context: RepositoryContext, now: number): Promise<OutboxMeasures> {
  return runQuery(context, { record: 'outbox measures' }, async () => {
    const counts = await context.db.selectFrom('outbox_messages').select((eb) => ['status', eb.fn.countAll<number | string>().as('count')]).where(openTerm).groupBy('status').execute();
    const earliest = (status: 'queued' | 'sending') =>
      context.db
        .selectFrom('outbox_messages')
        .select('not_before')
        .where(openTerm)
        .where('status', '=', sql.lit(status))
        .where('not_before', '<=', now)
        .orderBy('not_before')
        .limit(1)
        .executeTakeFirst();
    const [queued, sending] = await Promise.all([earliest('queued'), earliest('sending')]);
    const due = [queued, sending].flatMap((row) => (row ? [Number(row.not_before)] : []));
    const byStatus = Object.fromEntries(openOutboxStatuses.map((status) => [status, Number(counts.find((row) => row.status === status)?.count ?? 0)])) as OutboxMeasures['byStatus'];
    return { byStatus, oldestDueAt: due.length > 0 ? Math.min(...due) : null };
  });
}

/** What retention keeps of a message: who it went to, what it was called, how it left; not its words or files. */
function withoutBody(content: OutboxContent): OutboxContent {
  return { ...content, text: '', html: '', attachments: content.attachments.map((attachment) => ({ ...attachment, contentBase64: '' })) };
}

function toRow(workspaceId: string, message: ValidMessage, now: number): Insertable<OutboxMessageTable> {
  return {
    workspace_id: workspaceId,
    key: message.key,
    kind: message.kind,
    status: message.status,
    status_reason: message.statusReason ?? null,
    customer_id: message.customerId,
    invoice_ids: JSON.stringify(message.invoiceIds),
    decided_at: message.decidedAt,
    not_before: message.notBefore,
    sending_domain: message.sendingDomain,
    message_id: message.messageId,
    content: message.content === null ? null : JSON.stringify(message.content),
    attempts: 0,
    next_attempt_at: message.notBefore,
    lease_until: null,
    claimed_by: null,
    response: null,
    sent_at: null,
    bounced_at: null,
    complained_at: null,
    reviewed_by: null,
    reviewed_at: null,
    edited: 0,
    written_at: message.writtenAt ?? now,
    body_dropped_at: null,
    created_at: now,
    updated_at: now,
  };
}

function toStored(row: Selectable<OutboxMessageTable>): StoredOutboxMessage {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    key: row.key,
    kind: row.kind,
    status: row.status as OutboxStatus,
    statusReason: row.status_reason,
    customerId: row.customer_id,
    invoiceIds: JSON.parse(row.invoice_ids) as string[],
    decidedAt: row.decided_at,
    notBefore: row.not_before,
    sendingDomain: row.sending_domain,
    messageId: row.message_id,
    content: row.content === null ? null : (JSON.parse(row.content) as OutboxContent),
    writtenAt: row.written_at ?? row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    claimedBy: row.claimed_by,
    response: row.response,
    sentAt: row.sent_at,
    bouncedAt: row.bounced_at,
    complainedAt: row.complained_at,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    edited: row.edited === 1,
    bodyDroppedAt: row.body_dropped_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function requireOwnedInvoices(db: Kysely<Database>, context: RepositoryContext, workspaceId: string, messages: readonly ValidMessage[]): Promise<void> {
  const owners = await readInvoiceOwners(db, context, workspaceId, messages.flatMap((message) => message.invoiceIds));
  const issues = messages.flatMap((message, index) => {
    const record = describeMessage(message, index);
    const wrong = message.invoiceIds.find((invoiceId) => owners.get(invoiceId) !== message.customerId);
    if (wrong === undefined) return [];
    const owner = owners.get(wrong);
    const problem = owner === undefined ? `invoice ${JSON.stringify(wrong)} is not a known invoice` : `invoice ${wrong} belongs to customer ${owner}, not ${message.customerId}`;
    return [{ record, field: 'invoiceIds', message: `${record}: invoiceIds: ${problem}` }];
  });
  throwIfAny(issues);
}

function describeMessage(message: unknown, index: number): string {
  const key = (typeof message === 'object' && message !== null ? (message as { key?: unknown }).key : undefined);
  return typeof key === 'string' && key !== '' ? `outbox message ${key}` : `outboxMessages[${index}]`;
}

interface DueRow {
  id: number;
  workspace_id: string;
  t: number | null;
}

/**
 * The ids to claim from each organisation's due rows (each list oldest first): every
 * organisation's first, then every one's second, …, each round oldest first, `room` in all.
 */
export function takeInTurns(lists: readonly (readonly DueRow[])[], room: number): number[] {
  const taken: number[] = [];
  for (let turn = 0; taken.length < room; turn += 1) {
    const round = lists.flatMap((list) => (turn < list.length ? [list[turn]!] : []));
    if (round.length === 0) break;
    round.sort((a, b) => (a.t ?? 0) - (b.t ?? 0) || Number(a.id) - Number(b.id));
    for (const row of round.slice(0, room - taken.length)) taken.push(Number(row.id));
  }
  return taken;
}
