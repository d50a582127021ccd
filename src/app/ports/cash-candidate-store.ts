import type { InvoiceStatus, StoredInvoice } from './store.ts';

// What Cash-App Assist asks for when it matches a few payments (a page of Unapplied Cash, one
// remittance advice, a small batch): only the invoices they could be matched to, each found
// through an index, never a read of every open invoice (app/payments/read-cash-candidates.ts).

/** Amounts in one currency, in minor units. */
export interface OpenBalanceQuery {
  currency: string;
  amountsMinor: readonly number[];
}

export interface NameWordCount {
  wordKey: string;
  /** Customers of the organisation whose name is filed under it. */
  customers: number;
}

export interface CustomerName {
  id: string;
  name: string;
}

export interface CashCandidateStore {
  /**
   * Invoices one of whose number keys (normalise-invoice-number.ts `invoiceNumberKeys`, kept on
   * every upsert) is one of `keys`: open ones, or closed ones too with `status: 'any'`. By id.
   */
  findInvoicesByNumberKeys(workspaceId: string, query: { keys: readonly string[]; status: InvoiceStatus | 'any' }): Promise<StoredInvoice[]>;
  /**
   * Open invoices that may owe exactly one of the amounts of their currency at `at`: every open
   * invoice whose stored balance less the payments and credits, plus the reversals, recorded up to
   * `at` (app/open-balance.ts) is one of them is in the answer. A few others may be too (one with
   * a balance event after `at`, or whose currency changed after one), so the caller works out what
   * each owes from its events. By id.
   */
  findOpenInvoicesByOpenBalance(workspaceId: string, query: { at: number; amounts: readonly OpenBalanceQuery[] }): Promise<StoredInvoice[]>;
  /** How many customers the organisation has, and how many of them each name word key (compare-names.ts `nameWordKeys`) files; keys no customer has are left out. */
  countNameWords(workspaceId: string, query: { wordKeys: readonly string[] }): Promise<{ customers: number; words: NameWordCount[] }>;
  /** Customers filed under one of these name word keys that have an open invoice, by id. */
  findCustomersByNameWords(workspaceId: string, query: { wordKeys: readonly string[] }): Promise<CustomerName[]>;
}
