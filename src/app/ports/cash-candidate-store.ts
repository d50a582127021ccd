// What Cash-App Assist asks for when it matches a few payments (a page of Unapplied Cash, one
// remittance advice, a small batch): the customers a payer's name may be, found through the
// words of their names (app/payments/read-cash-candidates.ts); the invoices by number key and by
// what they owe are the Store's (store.ts).

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
  /** How many customers the organisation has, and how many of them each name word key (compare-names.ts `nameWordKeys`) files; keys no customer has are left out. */
  countNameWords(workspaceId: string, query: { wordKeys: readonly string[] }): Promise<{ customers: number; words: NameWordCount[] }>;
  /** Customers filed under one of these name word keys that have an open invoice, by id. */
  findCustomersByNameWords(workspaceId: string, query: { wordKeys: readonly string[] }): Promise<CustomerName[]>;
}
