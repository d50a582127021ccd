import { buildInvoiceIndex, type InvoiceIndex } from '../../core/cash/build-invoice-index.ts';
import { isCommonNameWord, nameWordKeys } from '../../core/cash/compare-names.ts';
import type { Store } from '../ports/store.ts';
import { readCashCandidates, type CandidatePayment } from './read-cash-candidates.ts';
import { readOpenInvoices } from './read-open-invoices.ts';

// The index Cash-App Assist matches payments against, read one of two ways that propose the
// same for those payments: only the candidates of the payments (a page of Unapplied Cash, a
// remittance advice, a small batch: a few thousand rows whatever the workspace's size), or every
// open invoice (a large batch, where one read of everything costs less than thousands of
// lookups). Both take the words too common to find a customer by from the organisation's whole
// customer list, since an index of candidates cannot count customers it does not hold.

/** `candidates`: only what the payments could be matched to; `everything`: every open invoice. */
export type InvoiceReads = 'candidates' | 'everything';

export async function readInvoiceIndex(input: {
  store: Store;
  workspaceId: string;
  now: number;
  payments: readonly CandidatePayment[];
  reads: InvoiceReads;
  /** The payments are matched as a batch, one after another (matchPayments): see readCashCandidates. */
  batch?: boolean;
}): Promise<InvoiceIndex> {
  const { store, workspaceId, now, payments } = input;
  const commonNameWords = await readCommonNameWords(store, workspaceId, payments);
  if (input.reads === 'everything') return buildInvoiceIndex(await readOpenInvoices(store, workspaceId, now), { commonNameWords });
  const candidates = await readCashCandidates({ store, workspaceId, now, payments, commonNameWords, batch: input.batch ?? false });
  return buildInvoiceIndex(candidates.invoices, { commonNameWords, balanceCounts: candidates.balanceCounts });
}

/**
 * The payers' name word keys that more customers of the organisation share than a name lookup
 * allows (compare-names.ts `isCommonNameWord`): only those of these payments, so the index must
 * match no other payment.
 */
export async function readCommonNameWords(store: Store, workspaceId: string, payments: readonly CandidatePayment[]): Promise<Set<string>> {
  const words = new Set(payments.flatMap((payment) => (payment.customerId === null ? nameWordKeys(payment.payerName) : [])));
  if (words.size === 0) return new Set();
  const counted = await store.countNameWords(workspaceId, { wordKeys: [...words] });
  return new Set(counted.words.filter((word) => isCommonNameWord(word.customers, counted.customers)).map((word) => word.wordKey));
}
