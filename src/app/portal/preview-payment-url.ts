import { formatAmount } from '../../core/money/money.ts';
import { AppError } from '../app-error.ts';
import { readOpenBalances } from '../open-balance.ts';
import type { Store } from '../ports/store.ts';
import { checkPaymentUrlTemplate, fillPaymentUrl } from './payment-url-template.ts';

// The payment address a payer would be sent to, for a template not saved yet: filled with one of
// the organisation's open invoices (the first by id, at what it owes now), or with a made-up
// invoice in the organisation's currency when none is open. Refused as saving would refuse it.

export interface PaymentUrlPreview {
  url: string;
  invoice: { number: string; amount: string; currency: string; sample: boolean };
}

export async function previewPaymentUrl(input: { store: Store; now: number; workspaceId: string; paymentUrlTemplate: string }): Promise<PaymentUrlPreview> {
  const { store, now, workspaceId } = input;
  const record = `organisation ${workspaceId}`;
  const template = input.paymentUrlTemplate.trim();
  const problem = template === '' ? 'is empty' : checkPaymentUrlTemplate(template);
  if (problem) throw new AppError('invalid_input', `paymentUrlTemplate: ${problem}`, { record, field: 'paymentUrlTemplate' });
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `${record} does not exist`, { record });
  const [first] = await store.pageInvoices(workspaceId, { limit: 1, status: 'open' });
  const open = first ? (await readOpenBalances(store, workspaceId, [first.id], now)).get(first.id) : undefined;
  const invoice = open
    ? { number: open.invoice.number, amount: formatAmount(Math.max(open.openMinor, 0), open.invoice.currency), currency: open.invoice.currency, sample: false }
    : { number: 'INV-1001', amount: formatAmount(123_450, workspace.currency), currency: workspace.currency, sample: true };
  return { url: fillPaymentUrl(template, { invoiceNumber: invoice.number, amount: invoice.amount, currency: invoice.currency }), invoice };
}
