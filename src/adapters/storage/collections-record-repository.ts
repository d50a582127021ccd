import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { CollectionsRecordStore, StoredDispute, StoredDisputeAttachment, StoredNote } from '../../app/ports/collections-record-store.ts';
import type { DisputeAttachmentTable, DisputeTable, NoteTable } from './database-schema.ts';
import { idSchema, instantSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne, validateRecords } from './validate-records.ts';

const disputeSchema = z.object({
  invoiceId: idSchema,
  customerId: idSchema,
  reason: textSchema,
  description: z.string().max(5000, 'must be at most 5,000 characters'),
  owner: textSchema.nullable(),
  openedBy: textSchema,
  openedAt: instantSchema,
  dueAt: instantSchema,
  atRiskAt: instantSchema,
});

const noteSchema = z.object({
  customerId: idSchema,
  invoiceId: idSchema.nullable(),
  author: textSchema,
  authorId: idSchema,
  body: textSchema.max(10_000, 'must be at most 10,000 characters'),
  mentions: z.array(idSchema),
  createdAt: instantSchema,
});

const attachmentSchema = z.object({
  filename: textSchema.max(255, 'must be at most 255 characters'),
  contentType: textSchema.max(255, 'must be at most 255 characters'),
  content: z.instanceof(Uint8Array),
});

const attachmentColumns = ['id', 'workspace_id', 'dispute_id', 'filename', 'content_type', 'size_bytes', 'created_at'] as const;

const toAttachment = (row: Omit<Selectable<DisputeAttachmentTable>, 'content_base64'>): StoredDisputeAttachment => ({
  id: Number(row.id),
  workspaceId: row.workspace_id,
  disputeId: Number(row.dispute_id),
  filename: row.filename,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  createdAt: Number(row.created_at),
});

export function createCollectionsRecordRepository(context: RepositoryContext): CollectionsRecordStore {
  return {
    async createDispute(workspaceId, input) {
      const dispute = validateOne(input, disputeSchema, `dispute on invoice ${String((input as { invoiceId?: unknown }).invoiceId)}`);
      return runAtomically(context, { record: `dispute on invoice ${dispute.invoiceId}`, field: 'invoiceId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const row = await db
          .insertInto('disputes')
          .values({
            workspace_id: workspaceId,
            invoice_id: dispute.invoiceId,
            customer_id: dispute.customerId,
            reason: dispute.reason,
            description: dispute.description,
            owner: dispute.owner,
            opened_by: dispute.openedBy,
            opened_at: dispute.openedAt,
            due_at: dispute.dueAt,
            at_risk_at: dispute.atRiskAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toDispute(row);
      });
    },

    async getDispute(workspaceId, id) {
      const row = await runQuery(context, { record: `dispute ${id}` }, () => context.db.selectFrom('disputes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst());
      return row ? toDispute(row) : null;
    },

    async updateDispute(workspaceId, id, change) {
      const result = await runQuery(context, { record: `dispute ${id}` }, () =>
        context.db
          .updateTable('disputes')
          .set({
            ...(change.owner !== undefined ? { owner: change.owner } : {}),
            ...(change.escalatedToLegal !== undefined ? { escalated_to_legal: change.escalatedToLegal ? 1 : 0 } : {}),
            ...(change.dueAt !== undefined ? { due_at: change.dueAt } : {}),
            ...(change.atRiskAt !== undefined ? { at_risk_at: change.atRiskAt } : {}),
            ...(change.resolved ? { resolved_at: change.resolved.at, resolution: change.resolved.resolution, resolution_note: change.resolved.note } : {}),
          })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where('resolved_at', 'is', null)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async listDisputes(workspaceId, query) {
      const rows = await runQuery(context, { record: 'disputes' }, () => {
        let select = context.db.selectFrom('disputes').selectAll().where('workspace_id', '=', workspaceId);
        if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
        if (query.open === true) select = select.where('resolved_at', 'is', null);
        if (query.open === false) select = select.where('resolved_at', 'is not', null);
        return select
          .orderBy(sql`case when resolved_at is null then 0 else 1 end`)
          .orderBy(sql`case when resolved_at is null then due_at else 0 - resolved_at end`)
          .orderBy('id', 'desc')
          .limit(query.limit)
          .execute();
      });
      return rows.map(toDispute);
    },

    async addNote(workspaceId, input) {
      const note = validateOne(input, noteSchema, `note on customer ${String((input as { customerId?: unknown }).customerId)}`);
      return runAtomically(context, { record: `note on customer ${note.customerId}`, field: 'customerId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const row = await db
          .insertInto('notes')
          .values({
            workspace_id: workspaceId,
            customer_id: note.customerId,
            invoice_id: note.invoiceId,
            author: note.author,
            author_id: note.authorId,
            body: note.body,
            mentions: JSON.stringify(note.mentions),
            created_at: note.createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toNote(row);
      });
    },

    async listNotes(workspaceId, query) {
      const rows = await runQuery(context, { record: 'notes' }, () => {
        let select = context.db.selectFrom('notes').selectAll().where('workspace_id', '=', workspaceId);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
        if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
        return select.orderBy('id', 'desc').limit(query.limit).execute();
      });
      return rows.map(toNote);
    },

    async addDisputeAttachments(workspaceId, disputeId, input, at) {
      const attachments = validateRecords(input, { schema: attachmentSchema, describe: (_record, index) => `dispute ${disputeId} attachments[${index}]` });
      if (attachments.length === 0) return [];
      return runAtomically(context, { record: `dispute ${disputeId} attachments`, field: 'disputeId' }, async (db) => {
        const stored: StoredDisputeAttachment[] = [];
        for (const attachment of attachments) {
          const row = await db
            .insertInto('dispute_attachments')
            .values({
              workspace_id: workspaceId,
              dispute_id: disputeId,
              filename: attachment.filename,
              content_type: attachment.contentType,
              size_bytes: attachment.content.byteLength,
              content_base64: Buffer.from(attachment.content).toString('base64'),
              created_at: at,
            })
            .returning(attachmentColumns)
            .executeTakeFirstOrThrow();
          stored.push(toAttachment(row));
        }
        return stored;
      });
    },

    async listDisputeAttachments(workspaceId, disputeId) {
      const rows = await runQuery(context, { record: `dispute ${disputeId} attachments` }, () =>
        context.db.selectFrom('dispute_attachments').select(attachmentColumns).where('workspace_id', '=', workspaceId).where('dispute_id', '=', disputeId).orderBy('id').execute(),
      );
      return rows.map(toAttachment);
    },

    async getDisputeAttachmentContent(workspaceId, disputeId, id) {
      const row = await runQuery(context, { record: `dispute ${disputeId} attachment ${id}` }, () =>
        context.db.selectFrom('dispute_attachments').selectAll().where('workspace_id', '=', workspaceId).where('dispute_id', '=', disputeId).where('id', '=', id).executeTakeFirst(),
      );
      return row ? { ...toAttachment(row), content: new Uint8Array(Buffer.from(row.content_base64, 'base64')) } : null;
    },

  };
}

function toDispute(row: Selectable<DisputeTable>): StoredDispute {
  return {
    id: Number(row.id),
    invoiceId: row.invoice_id,
    customerId: row.customer_id,
    reason: row.reason,
    description: row.description,
    owner: row.owner,
    escalatedToLegal: Number(row.escalated_to_legal) === 1,
    openedBy: row.opened_by,
    openedAt: Number(row.opened_at),
    dueAt: Number(row.due_at),
    atRiskAt: Number(row.at_risk_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
  };
}

function toNote(row: Selectable<NoteTable>): StoredNote {
  return {
    id: Number(row.id),
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    author: row.author,
    authorId: row.author_id,
    body: row.body,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: Number(row.created_at),
  };
}
