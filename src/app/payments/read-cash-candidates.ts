import type { IncomingPayment, OpenInvoice } from '../../core/cash/cash-types.ts';
import { nameSimilarity, nameWordKeys, normaliseName } from '../../core/cash/compare-names.ts';
import { extractReferences } from '../../core/cash/extract-references.ts';
import { keysOneEditAway } from '../../core/cash/keys-one-edit-away.ts';
import { similarNameSimilarity } from '../../core/cash/match-context.ts';
import { compareCodePoints } from '../../core/portfolio/compare-code-points.ts';
import { balanceEventTypes, groupEventsByInvoice, openBalance } from '../open-balance.ts';
import type { OpenBalanceQuery, Store, StoredInvoice } from '../ports/store.ts';
import { toOpenInvoice } from './read-open-invoices.ts';

// The open invoices a few payments could be matched to, read by index instead of every open
// invoice of the workspace, so that an index built over them (buildInvoiceIndex, given the
// organisation's common name words) proposes exactly what the index of every open invoice does
// for these payments (read-cash-candidates.test.ts checks it on generated portfolios):
// - by number: the keys of every mention in the memo and in each remittance line, and every key
//   one edit from a mention's (the index's `nearKey` finds only those);
// - by customer: every open invoice of the customers the processor names, and of the customers
//   whose names resemble the payer's (`customersNamed`: the customers filed under the payer's
//   words that are not too common, whose similarity reaches 0.6): the readings by amount within a
//   customer and "its oldest invoices" look at all of them;
// - by amount: every open invoice that owes exactly a payment's amount in its currency (the store
//   finds them by their running balance; `withBalance` is only ever asked for the payment's own);
// then only those invoices' payments, credits and reversals, to work out what each owes now.

/** What of a payment decides which invoices it could be matched to. */
export type CandidatePayment = Pick<IncomingPayment, 'currency' | 'amountMinor' | 'customerId' | 'payerName' | 'memo' | 'remittance'>;

export async function readCashCandidates(input: {
  store: Store;
  workspaceId: string;
  now: number;
  payments: readonly CandidatePayment[];
  /** Name word keys too common to find a customer by (read-invoice-index.ts). */
  commonNameWords: ReadonlySet<string>;
}): Promise<OpenInvoice[]> {
  const { store, workspaceId, now, payments } = input;
  const customerIds = new Set(payments.flatMap((payment) => (payment.customerId === null ? [] : [payment.customerId])));
  for (const customerId of await findNamedCustomers(store, workspaceId, payments, input.commonNameWords)) customerIds.add(customerId);
  const [byNumber, byCustomer, byAmount] = await Promise.all([
    store.findInvoicesByNumberKeys(workspaceId, { keys: [...numberKeys(payments)], status: 'open' }),
    customerIds.size === 0 ? [] : store.listInvoices(workspaceId, { customerIds: [...customerIds], status: 'open' }),
    store.findOpenInvoicesByOpenBalance(workspaceId, { at: now, amounts: amountsByCurrency(payments) }),
  ]);
  const candidates = new Map<string, StoredInvoice>();
  for (const invoice of [...byNumber, ...byCustomer, ...byAmount]) candidates.set(invoice.id, invoice);
  if (candidates.size === 0) return [];
  const ids = [...candidates.keys()];
  const owners = [...new Set([...candidates.values()].map((invoice) => invoice.customerId))];
  const [events, customers] = await Promise.all([store.listEvents(workspaceId, { invoiceIds: ids, types: [...balanceEventTypes] }), store.listCustomers(workspaceId, { ids: owners })]);
  const byInvoice = groupEventsByInvoice(events);
  const names = new Map(customers.map((customer) => [customer.id, customer.name]));
  const open: OpenInvoice[] = [];
  // In the order the store streams every open invoice (customer, then invoice, by code point), so
  // the index lists the invoices of a key, a balance or a customer in the order it would have.
  for (const invoice of [...candidates.values()].sort((a, b) => compareCodePoints(a.customerId, b.customerId) || compareCodePoints(a.id, b.id))) {
    const balanceMinor = openBalance(invoice, byInvoice.get(invoice.id) ?? [], now);
    if (balanceMinor > 0) open.push(toOpenInvoice(invoice, names.get(invoice.customerId) ?? '', balanceMinor));
  }
  return open;
}

/** Every key a mention of the memo or of a remittance line is looked up by, and the keys one edit from it. */
function numberKeys(payments: readonly CandidatePayment[]): Set<string> {
  const keys = new Set<string>();
  for (const payment of payments) {
    // The matcher reads a remittance line's reference as an invoice mention, with or without "INV".
    for (const text of [payment.memo, ...payment.remittance.map((line) => `INV ${line.reference}`)]) {
      for (const mention of extractReferences(text)) {
        for (const key of mention.keys) keys.add(key);
        for (const key of keysOneEditAway(mention.keys[0]!)) keys.add(key);
      }
    }
  }
  return keys;
}

function amountsByCurrency(payments: readonly CandidatePayment[]): OpenBalanceQuery[] {
  const byCurrency = new Map<string, Set<number>>();
  for (const payment of payments) byCurrency.set(payment.currency, (byCurrency.get(payment.currency) ?? new Set()).add(payment.amountMinor));
  return [...byCurrency].map(([currency, amounts]) => ({ currency, amountsMinor: [...amounts] }));
}

/**
 * The customers whose names resemble a payer's as `customersNamed` finds them: filed under one of
 * the payer's words that is not too common, with a similarity of 0.6 or more. Only payments the
 * processor names no customer for are looked up by name.
 */
async function findNamedCustomers(store: Store, workspaceId: string, payments: readonly CandidatePayment[], commonNameWords: ReadonlySet<string>): Promise<string[]> {
  const payers = new Map<string, string[]>();
  for (const payment of payments) {
    if (payment.customerId !== null) continue;
    const normalised = normaliseName(payment.payerName);
    if (normalised !== '' && !payers.has(normalised)) payers.set(normalised, nameWordKeys(payment.payerName).filter((word) => !commonNameWords.has(word)));
  }
  const words = new Set([...payers.values()].flat());
  if (words.size === 0) return [];
  const customers = await store.findCustomersByNameWords(workspaceId, { wordKeys: [...words] });
  const found = new Set<string>();
  for (const customer of customers) {
    const filed = new Set(nameWordKeys(customer.name));
    const normalised = normaliseName(customer.name);
    for (const [payer, payerWords] of payers) {
      if (payerWords.some((word) => filed.has(word)) && nameSimilarity(payer, normalised) >= similarNameSimilarity) {
        found.add(customer.id);
        break;
      }
    }
  }
  return [...found];
}
