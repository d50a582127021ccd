import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { PayerPortalStore, StoredPayerLink } from '../../app/ports/payer-portal-store.ts';
import type { PayerLinkTable } from './database-schema.ts';
import { idSchema, instantSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

const linkSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'must be 16 to 64 base64url characters'),
  invoiceId: idSchema,
  customerId: idSchema,
  createdAt: instantSchema,
});


const toLink = (row: Selectable<PayerLinkTable>): StoredPayerLink => ({
  id: row.id,
  workspaceId: row.workspace_id,
  invoiceId: row.invoice_id,
  customerId: row.customer_id,
  createdAt: Number(row.created_at),
  lastUsedAt: Number(row.last_used_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  revokedReason: row.revoked_reason,
  revokedBy: row.revoked_by,
  spentAt: row.spent_at === null ? null : Number(row.spent_at),
  checkoutId: row.checkout_id,
});



export function createPayerPortalRepository(context: RepositoryContext): PayerPortalStore {
  return {
    async getPayerLink(id) {
      const row = await runQuery(context, { record: 'payer link' }, () => context.db.selectFrom('payer_links').selectAll().where('id', '=', id).executeTakeFirst());
      return row ? toLink(row) : null;
    },

    async getCurrentPayerLink(workspaceId, invoiceId) {
      const row = await runQuery(context, { record: `payer link of invoice ${invoiceId}` }, () =>
        context.db.selectFrom('payer_links').selectAll().where('workspace_id', '=', workspaceId).where('invoice_id', '=', invoiceId).where('revoked_at', 'is', null).executeTakeFirst(),
      );
      return row ? toLink(row) : null;
    },

    async createPayerLink(workspaceId, input) {
      const link = validateOne(input, linkSchema, `payer link of invoice ${String((input as { invoiceId?: unknown }).invoiceId)}`);
      return runAtomically(context, { record: `payer link of invoice ${link.invoiceId}`, field: 'invoiceId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const row = await db
          .insertInto('payer_links')
          .values({ id: link.id, workspace_id: workspaceId, invoice_id: link.invoiceId, customer_id: link.customerId, created_at: link.createdAt, last_used_at: link.createdAt })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toLink(row);
      });
    },

    async revokePayerLink(workspaceId, id, revoke) {
      const result = await runQuery(context, { record: 'payer link' }, () =>
        context.db
          .updateTable('payer_links')
          .set({ revoked_at: revoke.at, revoked_reason: revoke.reason, revoked_by: revoke.by })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async touchPayerLink(workspaceId, id, at) {
      await runQuery(context, { record: 'payer link' }, () =>
        context.db.updateTable('payer_links').set({ last_used_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('last_used_at', '<', at).execute(),
      );
    },

    async recordPayerLinkCheckout(workspaceId, id, checkoutId) {
      await runQuery(context, { record: 'payer link' }, () => context.db.updateTable('payer_links').set({ checkout_id: checkoutId }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute());
    },

    async markPayerLinkSpent(workspaceId, id, at) {
      const result = await runQuery(context, { record: 'payer link' }, () =>
        context.db.updateTable('payer_links').set({ spent_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).where('spent_at', 'is', null).executeTakeFirst(),
      );
      return Number(result.numUpdatedRows) === 1;
    },

    async getPortalSettings(workspaceId) {
      const row = await runQuery(context, { record: `portal settings of ${workspaceId}` }, () =>
        context.db.selectFrom('portal_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst(),
      );
      return row ? { paymentUrlTemplate: row.payment_url_template, updatedBy: row.updated_by, updatedAt: Number(row.updated_at) } : { paymentUrlTemplate: null, updatedBy: null, updatedAt: null };
    },

    async savePortalSettings(workspaceId, settings) {
      await runAtomically(context, { record: `portal settings of ${workspaceId}` }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const row = { payment_url_template: settings.paymentUrlTemplate, updated_by: settings.updatedBy, updated_at: settings.updatedAt };
        await db
          .insertInto('portal_settings')
          .values({ workspace_id: workspaceId, ...row })
          .onConflict((conflict) => conflict.column('workspace_id').doUpdateSet(row))
          .execute();
      });
      return { paymentUrlTemplate: settings.paymentUrlTemplate, updatedBy: settings.updatedBy, updatedAt: settings.updatedAt };
    },
  };
}
