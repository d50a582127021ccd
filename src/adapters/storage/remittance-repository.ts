import type { Selectable } from 'kysely';
import { z } from 'zod';
import { remittanceFormats, type RemittanceStore, type StoredRemittance } from '../../app/ports/remittance-store.ts';
import { StorageInputError, type JsonObject } from '../../app/ports/store.ts';
import type { RemittanceTable } from './database-schema.ts';
import { instantSchema, jsonObjectSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// Remittance advices and their files. Accepting is one guarded UPDATE (`… where status =
// 'proposed'`), so two people accepting the same advice at once cannot both apply it.

const remittanceSchema = z.object({
  paymentId: z.int(),
  fileName: textSchema.max(255, 'must be at most 255 characters'),
  contentType: textSchema.max(255, 'must be at most 255 characters'),
  content: z.instanceof(Uint8Array),
  format: z.enum(remittanceFormats),
  advice: jsonObjectSchema,
  proposal: jsonObjectSchema,
  uploadedBy: textSchema,
  uploadedAt: instantSchema,
});

const acceptanceSchema = z.object({ by: textSchema, at: instantSchema, detail: jsonObjectSchema });

const summaryColumns = ['id', 'workspace_id', 'payment_id', 'file_name', 'content_type', 'size_bytes', 'format', 'advice', 'proposal', 'status', 'uploaded_by', 'uploaded_at', 'accepted_by', 'accepted_at', 'acceptance'] as const;

const toRemittance = (row: Omit<Selectable<RemittanceTable>, 'content_base64'>): StoredRemittance => ({
  id: Number(row.id),
  workspaceId: row.workspace_id,
  paymentId: Number(row.payment_id),
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  format: row.format,
  advice: JSON.parse(row.advice) as JsonObject,
  proposal: JSON.parse(row.proposal) as JsonObject,
  status: row.status,
  uploadedBy: row.uploaded_by,
  uploadedAt: Number(row.uploaded_at),
  acceptedBy: row.accepted_by,
  acceptedAt: row.accepted_at === null ? null : Number(row.accepted_at),
  acceptance: row.acceptance === null ? null : (JSON.parse(row.acceptance) as JsonObject),
});

export function createRemittanceRepository(context: RepositoryContext): RemittanceStore {
  return {
    async saveRemittance(workspaceId, input) {
      const remittance = validateOne(input, remittanceSchema, `remittance ${String((input as { fileName?: unknown }).fileName)}`);
      const record = `remittance ${remittance.fileName}`;
      return runAtomically(context, { record, field: 'paymentId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const payment = await db.selectFrom('payments').select('id').where('workspace_id', '=', workspaceId).where('id', '=', remittance.paymentId).executeTakeFirst();
        if (!payment) throw new StorageInputError([{ record, field: 'paymentId', message: `${record}: payment ${remittance.paymentId} does not exist in workspace ${workspaceId}` }]);
        const row = await db
          .insertInto('remittances')
          .values({
            workspace_id: workspaceId,
            payment_id: remittance.paymentId,
            file_name: remittance.fileName,
            content_type: remittance.contentType,
            size_bytes: remittance.content.byteLength,
            content_base64: Buffer.from(remittance.content).toString('base64'),
            format: remittance.format,
            advice: JSON.stringify(remittance.advice),
            proposal: JSON.stringify(remittance.proposal),
            status: 'proposed',
            uploaded_by: remittance.uploadedBy,
            uploaded_at: remittance.uploadedAt,
          })
          .returning(summaryColumns)
          .executeTakeFirstOrThrow();
        return toRemittance(row);
      });
    },

    async getRemittance(workspaceId, id) {
      const row = await runQuery(context, { record: `remittance ${id}` }, () => context.db.selectFrom('remittances').select(summaryColumns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst());
      return row ? toRemittance(row) : null;
    },

    async getRemittanceFile(workspaceId, id) {
      const row = await runQuery(context, { record: `remittance ${id}` }, () =>
        context.db.selectFrom('remittances').select(['file_name', 'content_type', 'content_base64']).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst(),
      );
      return row ? { fileName: row.file_name, contentType: row.content_type, content: new Uint8Array(Buffer.from(row.content_base64, 'base64')) } : null;
    },

    async listRemittances(workspaceId, query) {
      const rows = await runQuery(context, { record: `remittances of payment ${query.paymentId}` }, () =>
        context.db.selectFrom('remittances').select(summaryColumns).where('workspace_id', '=', workspaceId).where('payment_id', '=', query.paymentId).orderBy('id', 'desc').execute(),
      );
      return rows.map(toRemittance);
    },

    async markRemittanceAccepted(workspaceId, id, input) {
      const acceptance = validateOne(input, acceptanceSchema, `acceptance of remittance ${id}`);
      const result = await runQuery(context, { record: `remittance ${id}` }, () =>
        context.db
          .updateTable('remittances')
          .set({ status: 'accepted', accepted_by: acceptance.by, accepted_at: acceptance.at, acceptance: JSON.stringify(acceptance.detail) })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where('status', '=', 'proposed')
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
