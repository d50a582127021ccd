import type { StoredPayment } from './payment-store.ts';

// What the Unapplied Cash work queue reads: payments with money left to allocate, searched and
// paged by the database, and the open invoices a person may allocate to. Searches are short
// pages; nothing here reads a whole workspace.

/** An amount range in one currency (minor units, both ends included). */
export interface AmountRange {
  currency: string;
  minMinor: number;
  maxMinor: number;
}

export interface UnappliedPaymentQuery {
  /**
   * Words that must each appear (any case, anywhere) in the payer's name, the source's reference
   * of the payment or its memo.
   */
  words?: readonly string[];
  currency?: string;
  /** The payment's amount, or what is still unapplied of it, lies in one of these; an empty list matches nothing. */
  amounts?: readonly AmountRange[];
  /** Received at or after this instant. */
  receivedFrom?: number;
  /** Received before this instant. */
  receivedBefore?: number;
  /** The next page: ids below this (newest first). */
  beforeId?: number;
  limit: number;
}

export interface OpenInvoiceQuery {
  /** Words that must each appear (any case) in the invoice's number, its customer's name or its customer's id. */
  words?: readonly string[];
  customerId?: string;
  currency?: string;
  /** The invoice's amount, or its balance as Plixo learned it, lies in one of these; an empty list matches nothing. */
  amounts?: readonly AmountRange[];
  /** The next page: after this (due date, id), oldest due first. */
  after?: { dueOn: string; id: string };
  limit: number;
}

/** An open invoice as the store holds it (the fields of StoredInvoice), with its customer's name. */
export interface OpenInvoiceHit {
  workspaceId: string;
  id: string;
  customerId: string;
  customerName: string;
  number: string;
  issuedOn: string;
  dueOn: string;
  amountMinor: number;
  /** What Plixo learned the invoice owes, before the payments and credits recorded since. */
  balanceMinor: number;
  currency: string;
  knownAt: number;
  status: 'open' | 'closed';
  updatedAt: number;
}

export interface CashApplicationStore {
  /** Newest first (by id): payments with money left to allocate that match every filter given. */
  searchUnappliedPayments(workspaceId: string, query: UnappliedPaymentQuery): Promise<StoredPayment[]>;
  /** The currencies of the payments with money left to allocate, in code order. */
  listUnappliedCurrencies(workspaceId: string): Promise<string[]>;
  /** The currencies of the open invoices, in code order. */
  listOpenInvoiceCurrencies(workspaceId: string): Promise<string[]>;
  /** Open invoices matching every filter, oldest due first (then by id), with their customer's name. */
  searchOpenInvoices(workspaceId: string, query: OpenInvoiceQuery): Promise<OpenInvoiceHit[]>;
}
