import type { IncomingPayment, OpenInvoice } from '../../core/cash/cash-types.ts';
import { nameSimilarity, nameWordKeys, normaliseName } from '../../core/cash/compare-names.ts';
import { extractReferences } from '../../core/cash/extract-references.ts';
import { maxAcrossCustomers } from '../../core/cash/gather-hypotheses.ts';
import { keysOneEditAway } from '../../core/cash/keys-one-edit-away.ts';
import { similarNameSimilarity } from '../../core/cash/match-context.ts';
import { invoiceNumberKeys } from '../../core/cash/normalise-invoice-number.ts';
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
// - by amount (`withBalance` is only ever asked for the payment's own amount): the first five
//   open invoices owing it in the index's order and how many do (the readings by amount alone
//   across customers take those), and every invoice owing it of the customers the payment's
//   numbers point at (a short-pay or a typo is doubted when another invoice of the same customer
//   is open for exactly the payment); the store finds them by a running balance it keeps;
// then only those invoices' payments, credits and reversals, to work out what each owes now.

/** What of a payment decides which invoices it could be matched to. */
export type CandidatePayment = Pick<IncomingPayment, 'currency' | 'amountMinor' | 'customerId' | 'payerName' | 'memo' | 'remittance'>;

export interface CashCandidates {
  /** What the index is built over, in the order the store streams every open invoice. */
  invoices: OpenInvoice[];
  /** How many open invoices owe each payment's amount (the index holds only the first few of them). */
  balanceCounts: { currency: string; balanceMinor: number; invoices: number }[];
}

export async function readCashCandidates(input: {
  store: Store;
  workspaceId: string;
  now: number;
  payments: readonly CandidatePayment[];
  /** Name word keys too common to find a customer by (read-invoice-index.ts). */
  commonNameWords: ReadonlySet<string>;
  /**
   * A batch applies its payments one after another, and what earlier ones take no longer owes
   * anything to later ones; so every invoice owing a payment's amount is read, not only the first.
   */
  batch?: boolean;
}): Promise<CashCandidates> {
  const { store, workspaceId, now, payments } = input;
  const customerIds = new Set(payments.flatMap((payment) => (payment.customerId === null ? [] : [payment.customerId])));
  for (const customerId of await findNamedCustomers(store, workspaceId, payments, input.commonNameWords)) customerIds.add(customerId);
  const keysOfPayments = payments.map(numberKeys);
  const [byNumber, byCustomer] = await Promise.all([
    store.findInvoicesByNumberKeys(workspaceId, { keys: [...new Set(keysOfPayments.flatMap((keys) => [...keys]))], status: 'open' }),
    customerIds.size === 0 ? [] : store.listInvoices(workspaceId, { customerIds: [...customerIds], status: 'open' }),
  ]);
  const byAmount = await store.findOpenInvoicesByOpenBalance(workspaceId, { at: now, amounts: amountQueries(payments, keysOfPayments, byNumber, input.batch ?? false) });
  const candidates = new Map<string, StoredInvoice>();
  for (const invoice of [...byNumber, ...byCustomer, ...byAmount.invoices, ...byAmount.unsettled]) candidates.set(invoice.id, invoice);
  if (candidates.size === 0) return { invoices: [], balanceCounts: [] };
  const ids = [...candidates.keys()];
  const owners = [...new Set([...candidates.values()].map((invoice) => invoice.customerId))];
  const [events, customers] = await Promise.all([store.listEvents(workspaceId, { invoiceIds: ids, types: [...balanceEventTypes] }), store.listCustomers(workspaceId, { ids: owners })]);
  const byInvoice = groupEventsByInvoice(events);
  const names = new Map(customers.map((customer) => [customer.id, customer.name]));
  const owed = new Map<string, number>();
  const invoices: OpenInvoice[] = [];
  // In the order the store streams every open invoice (customer, then invoice, by code point), so
  // the index lists the invoices of a key, a balance or a customer in the order it would have.
  for (const invoice of [...candidates.values()].sort((a, b) => compareCodePoints(a.customerId, b.customerId) || compareCodePoints(a.id, b.id))) {
    const balanceMinor = openBalance(invoice, byInvoice.get(invoice.id) ?? [], now);
    owed.set(invoice.id, balanceMinor);
    if (balanceMinor > 0) invoices.push(toOpenInvoice(invoice, names.get(invoice.customerId) ?? '', balanceMinor));
  }
  // The store counted those its running balances vouch for; the unsettled ones owe what their events say.
  const balanceCounts = byAmount.counts.map(({ currency, amountMinor, invoices: settled }) => ({
    currency,
    balanceMinor: amountMinor,
    invoices: settled + byAmount.unsettled.filter((invoice) => invoice.currency === currency && owed.get(invoice.id) === amountMinor).length,
  }));
  return { invoices, balanceCounts };
}

/** Every key a mention of the memo or of a remittance line is looked up by, and the keys one edit from it. */
function numberKeys(payment: CandidatePayment): Set<string> {
  const keys = new Set<string>();
  // The matcher reads a remittance line's reference as an invoice mention, with or without "INV".
  for (const text of [payment.memo, ...payment.remittance.map((line) => `INV ${line.reference}`)]) {
    for (const mention of extractReferences(text)) {
      for (const key of mention.keys) keys.add(key);
      for (const key of keysOneEditAway(mention.keys[0]!)) keys.add(key);
    }
  }
  return keys;
}

/**
 * Each payment's amount: the first invoices owing it (the readings "by amount alone" take the
 * first few of the index's order, and count the rest), and every invoice owing it of the
 * customers its numbers point at (a short-pay is doubted when another invoice of that customer is
 * open for exactly the payment, a typo when several are).
 */
function amountQueries(payments: readonly CandidatePayment[], keysOfPayments: readonly Set<string>[], byNumber: readonly StoredInvoice[], batch: boolean): OpenBalanceQuery[] {
  const paymentsOfKey = new Map<string, number[]>();
  keysOfPayments.forEach((keys, position) => {
    for (const key of keys) paymentsOfKey.set(key, [...(paymentsOfKey.get(key) ?? []), position]);
  });
  const customersOf = payments.map(() => new Set<string>());
  for (const invoice of byNumber) {
    for (const key of invoiceNumberKeys(invoice.number)) for (const position of paymentsOfKey.get(key) ?? []) customersOf[position]!.add(invoice.customerId);
  }
  const queries = new Map<string, { currency: string; amountMinor: number; customerIds: Set<string> }>();
  payments.forEach((payment, position) => {
    const key = `${payment.currency}:${payment.amountMinor}`;
    const query = queries.get(key) ?? { currency: payment.currency, amountMinor: payment.amountMinor, customerIds: new Set<string>() };
    for (const customerId of customersOf[position]!) query.customerIds.add(customerId);
    queries.set(key, query);
  });
  return [...queries.values()].map(({ customerIds, ...query }) => ({ ...query, ...(batch ? {} : { first: maxAcrossCustomers }), customerIds: [...customerIds] }));
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
