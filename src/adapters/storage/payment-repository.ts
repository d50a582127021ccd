import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import { paymentSources, reversalReasons, type PaymentStore, type StoredAllocation, type StoredPayment, type StoredPaymentReversal, type ReversalPart } from '../../app/ports/payment-store.ts';
import { StorageInputError, type JsonObject } from '../../app/ports/store.ts';
import type { Database, PaymentAllocationTable, PaymentReversalTable, PaymentTable } from './database-schema.ts';
import { currencySchema, idSchema, instantSchema, jsonObjectSchema, minorUnitsSchema, textSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// The payments ledger. Every change of a payment's amounts is one guarded UPDATE (`… where
// unapplied_minor >= wanted`), so two allocations racing for the same money cannot both take it,
// on either database; the status is then derived from the amounts in the same transaction.

const positive = minorUnitsSchema.refine((value) => value > 0, 'must be more than zero');
const optionalText = z.string().max(10_000, 'must be at most 10,000 characters').nullish();

const paymentSchema = z.object({
  source: z.enum(paymentSources),
  sourceId: idSchema,
  amountMinor: positive,
  currency: currencySchema,
  receivedAt: instantSchema,
  customerId: idSchema.nullish(),
  payerName: optionalText,
  memo: optionalText,
  detail: jsonObjectSchema.optional(),
  recordedBy: textSchema,
});

const allocationBatchSchema = z.object({
  paymentId: z.int(),
  allocations: z.array(z.object({ invoiceId: idSchema, amountMinor: positive })).min(1, 'must list at least one allocation'),
  by: textSchema,
  confidencePercent: z.int().min(0).max(100).nullable(),
  note: optionalText,
  at: instantSchema,
});

const reversalSchema = z.object({
  paymentId: z.int(),
  reference: idSchema,
  reason: z.enum(reversalReasons),
  amountMinor: positive,
  fromUnappliedMinor: minorUnitsSchema.refine((value) => value >= 0, 'must not be negative'),
  parts: z.array(z.object({ allocationId: z.int(), invoiceId: idSchema, amountMinor: positive })),
  at: instantSchema,
  recordedBy: textSchema,
  note: optionalText,
});

/** The status the amounts imply: all reversed, nothing left to allocate, nothing allocated, or some. */
const derivedStatus = sql<StoredPayment['status']>`case
  when reversed_minor >= amount_minor then 'reversed'
  when unapplied_minor = 0 then 'applied'
  when unapplied_minor + reversed_minor = amount_minor then 'unapplied'
  else 'partially_applied' end`;

export function createPaymentRepository(context: RepositoryContext): Omit<PaymentStore, 'receiveWebhookDelivery' | 'listWebhookDeliveries' | 'claimWebhookDelivery' | 'settleWebhookDelivery' | 'latestWebhookDeliveryAt' | 'getPaymentConnector' | 'listPaymentConnectors' | 'setPaymentConnector' | 'deletePaymentConnector'> {
  const selectPayment = (db: Kysely<Database>, workspaceId: string) => db.selectFrom('payments').selectAll().where('workspace_id', '=', workspaceId);
  return {
    async recordPayment(workspaceId, input) {
      const payment = validateOne(input, paymentSchema, `payment ${String((input as { sourceId?: unknown }).sourceId)}`);
      const record = `payment ${payment.source}:${payment.sourceId}`;
      return runAtomically(context, { record, field: 'customerId' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        const inserted = await db
          .insertInto('payments')
          .values({
            workspace_id: workspaceId,
            source: payment.source,
            source_id: payment.sourceId,
            amount_minor: payment.amountMinor,
            currency: payment.currency,
            received_at: payment.receivedAt,
            customer_id: payment.customerId ?? null,
            payer_name: payment.payerName ?? null,
            memo: payment.memo ?? null,
            detail: JSON.stringify(payment.detail ?? {}),
            recorded_by: payment.recordedBy,
            status: 'unapplied',
            unapplied_minor: payment.amountMinor,
            created_at: context.now(),
          })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'source', 'source_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return { payment: toPayment(inserted), created: true };
        const existing = await selectPayment(db, workspaceId).where('source', '=', payment.source).where('source_id', '=', payment.sourceId).executeTakeFirstOrThrow();
        return { payment: toPayment(existing), created: false };
      });
    },

    async getPayment(workspaceId, id) {
      const row = await runQuery(context, { record: `payment ${id}` }, () => selectPayment(context.db, workspaceId).where('id', '=', id).executeTakeFirst());
      return row ? toPayment(row) : null;
    },

    async findPayment(workspaceId, source, sourceId) {
      const row = await runQuery(context, { record: `payment ${source}:${sourceId}` }, () =>
        selectPayment(context.db, workspaceId).where('source', '=', source).where('source_id', '=', sourceId).executeTakeFirst(),
      );
      return row ? toPayment(row) : null;
    },

    async listPayments(workspaceId, query) {
      const rows = await runQuery(context, { record: `payments of ${workspaceId}` }, () => {
        let select = selectPayment(context.db, workspaceId);
        if (query.unapplied) select = select.where('unapplied_minor', '>', 0);
        if (query.customerId !== undefined) select = select.where('customer_id', '=', query.customerId);
        if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
        return select.orderBy('id', 'desc').limit(query.limit).execute();
      });
      return rows.map(toPayment);
    },

    async addPaymentAllocations(workspaceId, input) {
      const batch = validateOne(input, allocationBatchSchema, `allocations of payment ${String((input as { paymentId?: unknown }).paymentId)}`);
      const record = `allocations of payment ${batch.paymentId}`;
      const total = batch.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0);
      return runAtomically(context, { record, field: 'invoiceId' }, async (db) => {
        const taken = await db
          .updateTable('payments')
          .set({ unapplied_minor: sql`unapplied_minor - ${total}` })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', batch.paymentId)
          .where('unapplied_minor', '>=', total)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) {
          throw new StorageInputError([{ record, field: 'allocations', message: `${record}: allocations add up to more than the payment has unapplied (or the payment does not exist)` }]);
        }
        await refreshStatus(db, workspaceId, batch.paymentId);
        const rows = await db
          .insertInto('payment_allocations')
          .values(
            batch.allocations.map((allocation) => ({
              workspace_id: workspaceId,
              payment_id: batch.paymentId,
              invoice_id: allocation.invoiceId,
              amount_minor: allocation.amountMinor,
              allocated_by: batch.by,
              confidence_percent: batch.confidencePercent,
              note: batch.note ?? null,
              at: batch.at,
            })),
          )
          .returningAll()
          .execute();
        return rows.sort((a, b) => a.id - b.id).map(toAllocation);
      });
    },

    async listPaymentAllocations(workspaceId, query) {
      const rows = await runQuery(context, { record: `payment allocations of ${workspaceId}` }, () => {
        let select = context.db.selectFrom('payment_allocations').selectAll().where('workspace_id', '=', workspaceId);
        if (query.paymentIds !== undefined) select = select.where('payment_id', 'in', query.paymentIds.length > 0 ? [...query.paymentIds] : [-1]);
        if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
        return select.orderBy('id').execute();
      });
      return rows.map(toAllocation);
    },

    async recordPaymentReversal(workspaceId, input) {
      const reversal = validateOne(input, reversalSchema, `reversal of payment ${String((input as { paymentId?: unknown }).paymentId)}`);
      const record = `reversal ${reversal.reference} of payment ${reversal.paymentId}`;
      const fromParts = reversal.parts.reduce((sum, part) => sum + part.amountMinor, 0);
      if (fromParts + reversal.fromUnappliedMinor !== reversal.amountMinor) {
        throw new StorageInputError([{ record, field: 'parts', message: `${record}: the unapplied part and the allocations' parts must add up to amountMinor` }]);
      }
      return runAtomically(context, { record, field: 'reference' }, async (db) => {
        const inserted = await db
          .insertInto('payment_reversals')
          .values({
            workspace_id: workspaceId,
            payment_id: reversal.paymentId,
            reference: reversal.reference,
            reason: reversal.reason,
            amount_minor: reversal.amountMinor,
            from_unapplied_minor: reversal.fromUnappliedMinor,
            parts: JSON.stringify(reversal.parts),
            at: reversal.at,
            recorded_by: reversal.recordedBy,
            note: reversal.note ?? null,
          })
          .onConflict((conflict) => conflict.columns(['workspace_id', 'payment_id', 'reference']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!inserted) {
          const existing = await db
            .selectFrom('payment_reversals')
            .selectAll()
            .where('workspace_id', '=', workspaceId)
            .where('payment_id', '=', reversal.paymentId)
            .where('reference', '=', reversal.reference)
            .executeTakeFirstOrThrow();
          return { reversal: toReversal(existing), created: false };
        }
        const refuse = (field: string, why: string) => new StorageInputError([{ record, field, message: `${record}: ${why}` }]);
        const moved = await db
          .updateTable('payments')
          .set({ reversed_minor: sql`reversed_minor + ${reversal.amountMinor}`, unapplied_minor: sql`unapplied_minor - ${reversal.fromUnappliedMinor}` })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', reversal.paymentId)
          .where('unapplied_minor', '>=', reversal.fromUnappliedMinor)
          .where(sql<boolean>`reversed_minor + ${reversal.amountMinor} <= amount_minor`)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) throw refuse('amountMinor', 'more than is left of the payment to reverse (or the payment does not exist)');
        for (const part of reversal.parts) {
          const taken = await db
            .updateTable('payment_allocations')
            .set({ reversed_minor: sql`reversed_minor + ${part.amountMinor}` })
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', part.allocationId)
            .where('payment_id', '=', reversal.paymentId)
            .where(sql<boolean>`reversed_minor + ${part.amountMinor} <= amount_minor`)
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) !== 1) throw refuse('parts', `allocation ${part.allocationId} has less than ${part.amountMinor} left to reverse`);
        }
        await refreshStatus(db, workspaceId, reversal.paymentId);
        return { reversal: toReversal(inserted), created: true };
      });
    },

    async listPaymentReversals(workspaceId, query) {
      const rows = await runQuery(context, { record: `payment reversals of ${workspaceId}` }, () =>
        context.db
          .selectFrom('payment_reversals')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('payment_id', 'in', query.paymentIds.length > 0 ? [...query.paymentIds] : [-1])
          .orderBy('id')
          .execute(),
      );
      return rows.map(toReversal);
    },

    async reinstatePaymentReversal(workspaceId, reversalId, at) {
      return runAtomically(context, { record: `reversal ${reversalId}` }, async (db) => {
        const row = await db
          .updateTable('payment_reversals')
          .set({ reinstated_at: at })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', reversalId)
          .where('reinstated_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) return false;
        await db
          .updateTable('payments')
          .set({ reversed_minor: sql`reversed_minor - ${row.amount_minor}`, unapplied_minor: sql`unapplied_minor + ${row.amount_minor}` })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', row.payment_id)
          .execute();
        await refreshStatus(db, workspaceId, row.payment_id);
        return true;
      });
    },
  };
}

async function refreshStatus(db: Kysely<Database>, workspaceId: string, paymentId: number): Promise<void> {
  await db.updateTable('payments').set({ status: derivedStatus }).where('workspace_id', '=', workspaceId).where('id', '=', paymentId).execute();
}

export function toPayment(row: Selectable<PaymentTable>): StoredPayment {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    source: row.source,
    sourceId: row.source_id,
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    receivedAt: Number(row.received_at),
    customerId: row.customer_id,
    payerName: row.payer_name,
    memo: row.memo,
    detail: JSON.parse(row.detail) as JsonObject,
    recordedBy: row.recorded_by,
    status: row.status,
    unappliedMinor: Number(row.unapplied_minor),
    reversedMinor: Number(row.reversed_minor),
    createdAt: Number(row.created_at),
  };
}

function toAllocation(row: Selectable<PaymentAllocationTable>): StoredAllocation {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    paymentId: Number(row.payment_id),
    invoiceId: row.invoice_id,
    amountMinor: Number(row.amount_minor),
    reversedMinor: Number(row.reversed_minor),
    by: row.allocated_by,
    confidencePercent: row.confidence_percent === null ? null : Number(row.confidence_percent),
    note: row.note,
    at: Number(row.at),
  };
}

function toReversal(row: Selectable<PaymentReversalTable>): StoredPaymentReversal {
  return {
    id: Number(row.id),
    workspaceId: row.workspace_id,
    paymentId: Number(row.payment_id),
    reference: row.reference,
    reason: row.reason,
    amountMinor: Number(row.amount_minor),
    fromUnappliedMinor: Number(row.from_unapplied_minor),
    parts: JSON.parse(row.parts) as ReversalPart[],
    at: Number(row.at),
    recordedBy: row.recorded_by,
    note: row.note,
    reinstatedAt: row.reinstated_at === null ? null : Number(row.reinstated_at),
  };
}
