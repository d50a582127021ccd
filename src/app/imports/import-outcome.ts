import type { ImportRow, RowProblem } from '../../core/imports/read-import-row.ts';
import type { ActorInput } from '../access/actor.ts';
import type { Store } from '../ports/store.ts';

// What applying a batch of import rows tells the import: counts, and the rows it refused or
// took with a warning, each naming its line, column, value and reason for the reject log.

export interface ImportIssue extends RowProblem {
  line: number;
  /** rejected: nothing of the row was written; warning: the row was written, as the reason says. */
  outcome: 'rejected' | 'warning';
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  issues: ImportIssue[];
}

export interface LinedRow<T extends ImportRow = ImportRow> {
  line: number;
  row: T;
}

export interface BatchContext {
  store: Store;
  workspaceId: string;
  now: number;
  workspace: { timeZone: string; locale: string; currency: string };
  /** Writes nothing when true (a dry run): counts and issues are what a real run would give. */
  dryRun: boolean;
  /** The file's heading of a field, for issues. */
  column(field: string): string;
  /** Customers this import created so far, across batches (a dry run writes none of them). */
  createdCustomers: Set<string>;
  /** Who imports, for the ledger and the audit trail. */
  by: ActorInput;
  /** Payments this import recorded, for Cash-App Assist once every row is in. */
  recordedPaymentIds: number[];
}

export function emptyOutcome(): BatchOutcome {
  return { created: 0, updated: 0, unchanged: 0, issues: [] };
}

export function rejectRow(line: number, column: string, value: string, reason: string): ImportIssue {
  return { line, column, value, reason, outcome: 'rejected' };
}

/** Equal as JSON with keys in order: what an import compares to decide "unchanged". */
export function sameRecord(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
