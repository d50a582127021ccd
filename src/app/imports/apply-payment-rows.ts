import type { PaymentRow } from '../../core/imports/read-import-row.ts';
import { parseCalendarDay } from '../../core/time/calendar-day.ts';
import { startOfLocalDay } from '../../core/time/time-zone.ts';
import { recordIncomingPayment } from '../payments/record-payment.ts';
import { emptyOutcome, type BatchContext, type BatchOutcome, type LinedRow } from './import-outcome.ts';

// Payments from a bank or ERP file into the ledger, idempotent by the file's payment id (source
// `csv`). They arrive unapplied; the import then hands the new ones to Cash-App Assist
// (autoMatchPayments), which applies those it is sure of. The invoice-number column is read with
// the memo: the matcher weighs it, checks amount and customer, and never trusts it blindly.

export async function applyPaymentRows(context: BatchContext, rows: readonly LinedRow<PaymentRow>[]): Promise<BatchOutcome> {
  const { store, workspaceId, now } = context;
  const outcome = emptyOutcome();
  const customers = new Set((await store.listCustomers(workspaceId, { ids: [...new Set(rows.flatMap(({ row }) => (row.customerId ? [row.customerId] : [])))] })).map((customer) => customer.id));
  for (const { row } of rows) {
    if (context.dryRun) {
      if (await store.findPayment(workspaceId, 'csv', row.id)) outcome.unchanged += 1;
      else outcome.created += 1;
      continue;
    }
    const recorded = await recordIncomingPayment({
      store,
      now,
      workspaceId,
      by: context.by,
      payment: {
        source: 'csv',
        sourceId: row.id,
        amountMinor: row.amountMinor,
        currency: row.currency,
        // The day the bank booked it, from its start in the organisation's zone; never later than now.
        receivedAt: Math.min(startOfLocalDay(context.workspace.timeZone, parseCalendarDay(row.receivedOn)!), now),
        customerId: row.customerId && customers.has(row.customerId) ? row.customerId : null,
        payerName: row.payerName,
        memo: [row.invoiceNumber, row.memo].filter(Boolean).join(' ') || null,
      },
    });
    if (!recorded.created) {
      outcome.unchanged += 1;
      continue;
    }
    outcome.created += 1;
    context.recordedPaymentIds.push(recorded.payment.id);
  }
  return outcome;
}
