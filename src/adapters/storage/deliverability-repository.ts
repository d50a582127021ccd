import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import {
  inboundKinds,
  type CheckStatus,
  type DeliverabilityStore,
  type InboundKind,
  type SendingDomainState,
  type StoredInboundMessage,
} from '../../app/ports/deliverability-store.ts';
import type { JsonObject } from '../../app/ports/json.ts';
import { StorageInputError } from '../../app/ports/store.ts';
import type { Database, InboundMessageTable, SendingDomainTable } from './database-schema.ts';
import { idSchema, instantSchema, jsonObjectSchema, quote, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateRecords } from './validate-records.ts';

// Sending domains are kept lower-cased without a trailing dot, as DNS compares them, so a policy
// that writes `AR.Acme.example.` and a check of `ar.acme.example` name one row.

const checkStatuses = ['pass', 'warn', 'fail'] as const;
const checkStatusSchema = z.enum(checkStatuses);
const domainPattern = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?)+$/;

const domainCheckSchema = z.object({
  checkedAt: instantSchema,
  status: checkStatusSchema,
  spf: checkStatusSchema,
  dkim: checkStatusSchema,
  dmarc: checkStatusSchema,
  detail: jsonObjectSchema,
});

const pauseChangeSchema = z.object({
  paused: z.boolean({ error: (issue) => `must be true or false, got ${quote(issue.input)}` }),
  reason: z.string().nullable(),
  at: instantSchema,
});

const inboundMessageSchema = z.object({
  receivedAt: instantSchema,
  kind: z.enum(inboundKinds),
  fromAddress: z.string().nullable(),
  messageId: textSchema.nullable(),
  subject: z.string().nullable(),
  customerId: idSchema.nullable(),
  outboxId: z.int({ error: (issue) => `must be an outbox message id (a whole number), got ${quote(issue.input)}` }).positive().nullable(),
  outcome: textSchema,
  detail: jsonObjectSchema.optional(),
});

export function createDeliverabilityRepository(context: RepositoryContext): DeliverabilityStore {
  return {
    async listSendingDomains(workspaceId) {
      const rows = await runQuery(context, { record: 'sending domains' }, () =>
        context.db.selectFrom('sending_domains').selectAll().where('workspace_id', '=', workspaceId).orderBy('domain').execute(),
      );
      return rows.map(toDomainState);
    },

    async listPausedSendingDomains() {
      const rows = await runQuery(context, { record: 'sending domains' }, () =>
        context.db.selectFrom('sending_domains').select(['workspace_id', 'domain']).where('paused', '=', 1).orderBy('workspace_id').orderBy('domain').execute(),
      );
      return rows.map((row) => ({ workspaceId: row.workspace_id, domain: row.domain }));
    },

    async saveDomainCheck(workspaceId, domainName, input) {
      const domain = validateDomain(domainName);
      const check = validateOne(input, domainCheckSchema, `domain check of ${domain}`);
      const values = { status: check.status, spf: check.spf, dkim: check.dkim, dmarc: check.dmarc, detail: JSON.stringify(check.detail), last_checked_at: check.checkedAt };
      return runAtomically(context, { record: `sending domain ${domain}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        await db
          .insertInto('sending_domains')
          .values({ workspace_id: workspaceId, domain, ...values, paused: 0, paused_reason: null, paused_at: null })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'domain']).doUpdateSet(values))
          .execute();
        return readDomain(db, workspaceId, domain);
      });
    },

    async setDomainPaused(workspaceId, domainName, input) {
      const domain = validateDomain(domainName);
      const change = validateOne(input, pauseChangeSchema, `pause of ${domain}`);
      // A resumed domain keeps no pause reason: the audit trail holds the history.
      const values = change.paused
        ? { paused: 1, paused_reason: change.reason, paused_at: change.at }
        : { paused: 0, paused_reason: null, paused_at: null };
      return runAtomically(context, { record: `sending domain ${domain}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        await db
          .insertInto('sending_domains')
          .values({ workspace_id: workspaceId, domain, status: null, spf: null, dkim: null, dmarc: null, detail: '{}', last_checked_at: null, ...values })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'domain']).doUpdateSet(values))
          .execute();
        return readDomain(db, workspaceId, domain);
      });
    },

    async recordInboundMessage(workspaceId, input) {
      const message = validateOne(input, inboundMessageSchema, `inbound message ${input?.messageId ?? ''}`.trim());
      return runAtomically(context, { record: `inbound message ${message.messageId ?? ''}`.trim() }, async (db) => {
        await requireWorkspace(db, workspaceId);
        // The unique (workspace, Message-ID) key decides, not a read before the write: two
        // deliveries of one message in flight at once still record it once.
        const inserted = await db
          .insertInto('inbound_messages')
          .values({
            workspace_id: workspaceId,
            received_at: message.receivedAt,
            kind: message.kind,
            from_address: message.fromAddress,
            message_id: message.messageId,
            subject: message.subject,
            customer_id: message.customerId,
            outbox_id: message.outboxId,
            outcome: message.outcome,
            detail: JSON.stringify(message.detail ?? {}),
          })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'message_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        return inserted ? toInboundMessage(inserted) : null;
      });
    },

    async listInboundMessages(workspaceId, query = {}) {
      const limit = query.limit ?? 100;
      if (!Number.isInteger(limit) || limit < 1) {
        throw validationError('inbound messages', 'limit', `must be a whole number above 0, got ${quote(limit)}`);
      }
      const rows = await runQuery(context, { record: 'inbound messages' }, () => {
        let select = context.db.selectFrom('inbound_messages').selectAll().where('workspace_id', '=', workspaceId);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        return select.orderBy('id', 'desc').limit(limit).execute();
      });
      return rows.map(toInboundMessage);
    },
  };
}

function validateDomain(domain: unknown): string {
  const normalized = typeof domain === 'string' ? domain.trim().toLowerCase().replace(/\.$/, '') : '';
  if (!domainPattern.test(normalized)) {
    throw validationError(`sending domain ${typeof domain === 'string' ? domain : ''}`.trim(), 'domain', `${quote(domain)} is not a domain name`);
  }
  return normalized;
}

function validateOne<T>(input: unknown, schema: z.ZodType<T>, record: string): T {
  const [valid] = validateRecords([input], { schema, describe: () => record });
  if (valid === undefined) throw new Error('unreachable: one record in, one out');
  return valid;
}

function validationError(record: string, field: string, problem: string): StorageInputError {
  return new StorageInputError([{ record, field, message: `${record}: ${field} ${problem}` }]);
}

async function readDomain(db: Kysely<Database>, workspaceId: string, domain: string): Promise<SendingDomainState> {
  const row = await db.selectFrom('sending_domains').selectAll().where('workspace_id', '=', workspaceId).where('domain', '=', domain).executeTakeFirstOrThrow();
  return toDomainState(row);
}

function toDomainState(row: Selectable<SendingDomainTable>): SendingDomainState {
  return {
    workspaceId: row.workspace_id,
    domain: row.domain,
    status: row.status as CheckStatus | null,
    spf: row.spf as CheckStatus | null,
    dkim: row.dkim as CheckStatus | null,
    dmarc: row.dmarc as CheckStatus | null,
    detail: JSON.parse(row.detail) as JsonObject,
    lastCheckedAt: row.last_checked_at === null ? null : Number(row.last_checked_at),
    paused: Number(row.paused) === 1,
    pausedReason: row.paused_reason,
    pausedAt: row.paused_at === null ? null : Number(row.paused_at),
  };
}

function toInboundMessage(row: Selectable<InboundMessageTable>): StoredInboundMessage {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    receivedAt: Number(row.received_at),
    kind: row.kind as InboundKind,
    fromAddress: row.from_address,
    messageId: row.message_id,
    subject: row.subject,
    customerId: row.customer_id,
    outboxId: row.outbox_id === null ? null : Number(row.outbox_id),
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as JsonObject,
  };
}
