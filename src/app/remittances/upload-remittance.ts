import { extractReferences } from '../../core/cash/extract-references.ts';
import { proposeRemittanceAllocations, type RemittancePayment } from '../../core/cash/remittance/propose-remittance-allocations.ts';
import { readRemittanceAdvice } from '../../core/cash/remittance/read-remittance-advice.ts';
import type { AdviceFailure, RemittanceAdvice, RemittanceDocument } from '../../core/cash/remittance/remittance-advice.ts';
import type { SettledInvoice } from '../../core/cash/remittance/resolve-advice-line.ts';
import { writesDecimalComma } from '../../core/imports/locale-conventions.ts';
import { formatAmount } from '../../core/money/money.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { readOpenBalances } from '../open-balance.ts';
import type { CandidatePayment } from '../payments/read-cash-candidates.ts';
import { readInvoiceIndex, type InvoiceReads } from '../payments/read-invoice-index.ts';
import type { RemittanceFileReader } from '../ports/remittance-file-reader.ts';
import type { RemittanceFormat } from '../ports/remittance-store.ts';
import type { Store } from '../ports/store.ts';
import { toJson, toRemittanceView, type RemittanceView } from './remittance-view.ts';

// A person uploads the payer's remittance advice for a payment (a CSV export, a PDF advice, a
// text file): the file is read, each line resolved to an open invoice of the organisation
// (core/cash/remittance), and the file, the advice and the proposal are stored together and
// audited. Nothing is applied until a person accepts the proposal (accept-remittance.ts).

/** Advices are a few pages; a larger file is something else. */
export const maxRemittanceBytes = 10 * 1024 * 1024;

export interface UploadRemittanceInput {
  store: Store;
  now: number;
  workspaceId: string;
  by: ActorInput;
  paymentId: number;
  file: { name: string; content: Uint8Array };
  /** adapters/files/read-remittance-file.ts, passed in by the caller. */
  readFile: RemittanceFileReader;
  /** How the open invoices are read: only the lines' candidates (the default), or all of them; the proposal is the same. */
  reads?: InvoiceReads;
}

export async function uploadRemittance(input: UploadRemittanceInput): Promise<RemittanceView> {
  const { store, now, workspaceId, paymentId, file } = input;
  const name = file.name.trim();
  const record = `remittance ${name || '(no name)'}`;
  if (name === '' || name.length > 255) throw new AppError('invalid_input', 'fileName: give the file’s name, at most 255 characters', { record, field: 'fileName' });
  if (file.content.byteLength === 0) throw new AppError('invalid_input', `file: ${name} is empty`, { record, field: 'file' });
  if (file.content.byteLength > maxRemittanceBytes) {
    throw new AppError('invalid_input', `file: ${name} is ${(file.content.byteLength / 1024 / 1024).toFixed(1)} MB; a remittance file may be up to ${maxRemittanceBytes / 1024 / 1024} MB`, { record, field: 'file' });
  }
  const payment = await store.getPayment(workspaceId, paymentId);
  if (!payment) throw new AppError('not_found', `payment ${paymentId} does not exist in this organisation`, { record: `payment ${paymentId}` });
  if (payment.unappliedMinor === 0) throw new AppError('conflict', `payment ${paymentId} has nothing unapplied: all its money is allocated already`, { record: `payment ${paymentId}` });
  const read = await input.readFile({ name, content: file.content });
  if (!read.ok) throw new AppError('invalid_input', `file: ${name}${read.line === null ? ` ${read.reason}` : `, line ${read.line}: ${read.reason}`}`, { record, field: 'file' });
  const workspace = await store.getWorkspace(workspaceId);
  const readAdvice = readRemittanceAdvice({ document: read.document, currency: payment.currency, decimalComma: writesDecimalComma(workspace?.locale ?? 'en-US') });
  if (!readAdvice.ok) throw new AppError('invalid_input', `file: ${describeFailure(name, readAdvice.failure)}`, { record, field: 'file' });
  const { advice } = readAdvice;
  const proposed = { id: String(payment.id), currency: payment.currency, unappliedMinor: payment.unappliedMinor, receivedAt: payment.receivedAt, customerId: payment.customerId, payerName: payment.payerName ?? '' };
  const index = await readInvoiceIndex({ store, workspaceId, now, payments: [remittanceCandidates(proposed, advice)], reads: input.reads ?? 'candidates' });
  const proposal = proposeRemittanceAllocations({
    advice,
    payment: proposed,
    index,
    settled: await readSettledInvoices(store, workspaceId, advice, now),
  });
  const actor = auditActor(input.by);
  const format = formatOf(read.document);
  return store.transaction(async (tx) => {
    const stored = await tx.saveRemittance(workspaceId, {
      paymentId,
      fileName: name,
      // The type Plixo read the file as, never the browser's word for it: the download is served with it.
      contentType: contentTypes[format],
      content: file.content,
      format,
      advice: toJson(advice),
      proposal: toJson(proposal),
      uploadedBy: actor.actor,
      uploadedAt: now,
    });
    const money = (minor: number) => formatAmount(minor, payment.currency);
    await tx.appendAudit({
      workspaceId,
      at: now,
      ...actor,
      action: 'remittance.upload',
      subject: `payment ${payment.id} (${payment.source} ${payment.sourceId})`,
      detail: { remittance: stored.id, file: name, format, sizeBytes: file.content.byteLength },
      after: {
        lines: proposal.lines.length,
        selected: proposal.lines.filter((line) => line.selected).length,
        linesTotal: money(proposal.linesTotalMinor),
        proposed: money(proposal.proposedMinor),
        currency: payment.currency,
        problems: proposal.problems.map((problem) => problem.code),
      },
    });
    return toRemittanceView(stored);
  });
}

const contentTypes: Record<RemittanceFormat, string> = { csv: 'text/csv', pdf: 'application/pdf', text: 'text/plain' };

function formatOf(document: RemittanceDocument): RemittanceFormat {
  return document.kind === 'csv' ? 'csv' : document.source === 'pdf' ? 'pdf' : 'text';
}

function describeFailure(name: string, failure: AdviceFailure): string {
  const where = [name, failure.page === null ? null : `page ${failure.page}`, failure.line === null ? null : `line ${failure.line}`].filter(Boolean).join(', ');
  return failure.field === 'file' ? `${where} ${failure.reason}` : `${where}, ${failure.field}: ${failure.reason}`;
}

/** What the proposal looks up: each line's reference as an invoice mention, the payer, and (as the matcher takes it) the amount. */
export function remittanceCandidates(payment: RemittancePayment, advice: RemittanceAdvice): CandidatePayment {
  return {
    currency: payment.currency,
    amountMinor: Math.max(1, payment.unappliedMinor),
    customerId: payment.customerId,
    payerName: payment.payerName,
    memo: '',
    remittance: advice.lines.map((line) => ({ reference: line.reference, amountMinor: line.paidMinor })),
  };
}

/**
 * The invoices the lines may name that have nothing open (paid, or closed in the ERP): found by
 * the keys of each line's reference, then checked against what each still owes.
 */
async function readSettledInvoices(store: Store, workspaceId: string, advice: RemittanceAdvice, now: number): Promise<SettledInvoice[]> {
  const keys = [...new Set(advice.lines.flatMap((line) => extractReferences(`INV ${line.reference}`).flatMap((mention) => mention.keys)))];
  if (keys.length === 0) return [];
  const found = await store.findInvoicesByNumberKeys(workspaceId, { keys, status: 'any' });
  const balances = await readOpenBalances(store, workspaceId, found.map((invoice) => invoice.id), now);
  return found
    .filter((invoice) => invoice.status === 'closed' || (balances.get(invoice.id)?.openMinor ?? 0) <= 0)
    .map((invoice) => ({ id: invoice.id, number: invoice.number, customerId: invoice.customerId, currency: invoice.currency }));
}
