import { importFields, type ImportKind } from '../../core/imports/import-fields.ts';
import { resolveImportMapping, type ImportMapping, type ResolvedMapping } from '../../core/imports/import-mapping.ts';
import { readImportRow, type ImportRow } from '../../core/imports/read-import-row.ts';
import { auditActor, type ActorInput } from '../access/actor.ts';
import { requireWithinPlan } from '../access/organisation-plan.ts';
import { AppError } from '../app-error.ts';
import type { Store } from '../ports/store.ts';
import { applyContactRows } from './apply-contact-rows.ts';
import { applyCustomerRows } from './apply-customer-rows.ts';
import { applyInvoiceRows } from './apply-invoice-rows.ts';
import { applyPaymentRows } from './apply-payment-rows.ts';
import { autoMatchPayments } from '../payments/auto-match-payments.ts';
import type { BatchContext, BatchOutcome, ImportIssue, LinedRow } from './import-outcome.ts';

// A CSV import of customers, contacts, invoices or payments: every row read and checked, the valid ones
// upserted by their id in one transaction (all of them or, when anything fails, none), the
// others reported one problem at a time as they are found, so a reject log is written while a
// million-row file streams through. Importing the same file again changes nothing.

export interface ImportSummary {
  kind: ImportKind;
  dryRun: boolean;
  /** Rows after the header, blank ones not counted. */
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that repeat an earlier row of the file exactly: taken once. */
  duplicates: number;
  /** Rows not imported; each has at least one issue. */
  rejected: number;
  /** Rows imported with a warning. */
  warnings: number;
  /** Payments only: of the new payments, how many Cash-App Assist applied and how many wait in Unapplied Cash. */
  payments?: { autoApplied: number; forReview: number };
}

export interface ImportCsvRowsInput {
  store: Store;
  workspaceId: string;
  kind: ImportKind;
  headings: readonly string[];
  mapping: ImportMapping;
  rows: AsyncIterable<{ line: number; cells: readonly string[] }>;
  now: number;
  by: ActorInput;
  /** Check and count, write nothing. */
  dryRun?: boolean;
  /** The file's name, for the audit trail. */
  fileName?: string;
  onIssue(issue: ImportIssue): void | Promise<void>;
  onProgress?(rowsRead: number): void;
  batchSize?: number;
}

export async function importCsvRows(input: ImportCsvRowsInput): Promise<ImportSummary> {
  const { store, workspaceId, kind } = input;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `workspace ${workspaceId} does not exist`);
  const resolved = resolveImportMapping({ kind, headings: input.headings, mapping: input.mapping, workspaceCurrency: workspace.currency });
  if (!resolved.ok) throw new AppError('invalid_input', `the column mapping: ${resolved.problems.join('; ')}`, { record: 'mapping', field: 'columns' });
  const mapping = resolved.mapping;
  const dryRun = input.dryRun ?? false;
  const summary: ImportSummary = { kind, dryRun, rowsRead: 0, created: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, warnings: 0 };
  const batchSize = input.batchSize ?? 1000;
  const run = async (tx: Store): Promise<ImportSummary> => {
    const context: BatchContext = {
      store: tx,
      workspaceId,
      now: input.now,
      workspace,
      dryRun,
      column: (field) => headingOf(mapping, field),
      createdCustomers: new Set(),
      by: input.by,
      recordedPaymentIds: [],
    };
    const seen = new Map<string, { line: number; fingerprint: string }>();
    let batch: LinedRow[] = [];
    // Issues found while reading wait for their batch, so the log lists every issue in line order.
    let pending: ImportIssue[] = [];
    const flush = async (): Promise<void> => {
      const outcome = batch.length > 0 ? await applyBatch(context, kind, batch) : { created: 0, updated: 0, unchanged: 0, issues: [] };
      await report(summary, outcome, pending, input.onIssue);
      batch = [];
      pending = [];
    };
    for await (const { line, cells } of input.rows) {
      summary.rowsRead += 1;
      if (summary.rowsRead % 10_000 === 0) input.onProgress?.(summary.rowsRead);
      const read = readImportRow(cells, mapping);
      if (!read.ok) {
        summary.rejected += 1;
        for (const problem of read.problems) pending.push({ line, ...problem, outcome: 'rejected' });
        continue;
      }
      const repeat = checkRepeat(seen, { line, row: read.row }, mapping);
      if (repeat === 'same') {
        summary.duplicates += 1;
        continue;
      }
      if (repeat) {
        summary.rejected += 1;
        pending.push(repeat);
        continue;
      }
      batch.push({ line, row: read.row });
      if (batch.length >= batchSize || pending.length >= batchSize) await flush();
    }
    await flush();
    input.onProgress?.(summary.rowsRead);
    if (kind === 'payments' && context.recordedPaymentIds.length > 0) summary.payments = await autoMatchPayments({ store: tx, now: input.now, workspaceId, paymentIds: context.recordedPaymentIds });
    // An import that changed nothing leaves no trace, not even in the audit trail.
    if (!dryRun && summary.created + summary.updated > 0) {
      // Over the plan's limits the whole import is refused: the transaction writes nothing.
      await requireWithinPlan(tx, workspaceId, workspace.plan, 'this import');
      const { kind: _kind, dryRun: _dryRun, payments, ...counts } = summary;
      await tx.appendAudit({ workspaceId, at: input.now, ...auditActor(input.by), action: `import.${kind}`, subject: input.fileName ? `file ${input.fileName}` : `${kind} import`, after: { ...counts, ...(payments ? { autoApplied: payments.autoApplied, forReview: payments.forReview } : {}) } });
    }
    return summary;
  };
  return dryRun ? run(store) : store.transaction(run);
}

function applyBatch(context: BatchContext, kind: ImportKind, batch: LinedRow[]): Promise<BatchOutcome> {
  switch (kind) {
    case 'customers':
      return applyCustomerRows(context, batch as LinedRow<Extract<ImportRow, { kind: 'customers' }>>[]);
    case 'contacts':
      return applyContactRows(context, batch as LinedRow<Extract<ImportRow, { kind: 'contacts' }>>[]);
    case 'invoices':
      return applyInvoiceRows(context, batch as LinedRow<Extract<ImportRow, { kind: 'invoices' }>>[]);
    case 'payments':
      return applyPaymentRows(context, batch as LinedRow<Extract<ImportRow, { kind: 'payments' }>>[]);
  }
}

async function report(summary: ImportSummary, outcome: BatchOutcome, pending: readonly ImportIssue[], onIssue: ImportCsvRowsInput['onIssue']): Promise<void> {
  summary.created += outcome.created;
  summary.updated += outcome.updated;
  summary.unchanged += outcome.unchanged;
  const rejectedLines = new Set<number>();
  const warnedLines = new Set<number>();
  for (const issue of outcome.issues) (issue.outcome === 'rejected' ? rejectedLines : warnedLines).add(issue.line);
  // A stable sort: a row's problems stay in column order.
  for (const issue of [...pending, ...outcome.issues].sort((a, b) => a.line - b.line)) await onIssue(issue);
  summary.rejected += rejectedLines.size;
  summary.warnings += warnedLines.size;
}

// A row whose key (the record's id; for contacts, customer and email) an earlier row had: the
// same values again is a harmless repeat, other values a contradiction the file must settle.
function checkRepeat(seen: Map<string, { line: number; fingerprint: string }>, { line, row }: LinedRow, mapping: ResolvedMapping): 'same' | ImportIssue | null {
  const key = row.kind === 'contacts' ? `${row.customerId}\u0000${row.email}` : row.id;
  const fingerprint = hashText(JSON.stringify(row));
  const earlier = seen.get(key);
  if (!earlier) {
    seen.set(key, { line, fingerprint });
    return null;
  }
  if (earlier.fingerprint === fingerprint) return 'same';
  // An invoice file without an id column keys its invoices by number.
  const field = row.kind === 'contacts' ? 'email' : row.kind === 'invoices' && !mapping.indexes.has('id') ? 'number' : 'id';
  const heading = importFields[row.kind].find((each) => each.name === field)!.heading;
  const value = row.kind === 'contacts' ? row.email : row.id;
  return { line, column: headingOf(mapping, field), value, reason: `repeats the ${heading} of line ${earlier.line} with other values: line ${earlier.line} was taken; correct the file and import it again`, outcome: 'rejected' };
}

/** The file's heading of a field; the field's own name when no column holds it. */
function headingOf(mapping: ResolvedMapping, field: string): string {
  return mapping.headings[mapping.indexes.get(field) ?? -1] ?? field;
}

// 53 bits of FNV-1a over UTF-16 units: a million keys keep their fingerprints in a few dozen MB.
function hashText(text: string): string {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
    low = Math.imul(low ^ code, 0x5bd1e995) >>> 0;
  }
  return (high * 2 ** 21 + (low >>> 11)).toString(36);
}
