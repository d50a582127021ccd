import type { InvoiceIndex } from '../../core/cash/build-invoice-index.ts';
import type { Allocation, MatchBlocker, MatchReason } from '../../core/cash/cash-types.ts';
import { matchPayment } from '../../core/cash/match-payment.ts';
import { formatCalendarDay } from '../../core/time/calendar-day.ts';
import { AppError } from '../app-error.ts';
import type { StoredAllocation, StoredPayment } from '../ports/payment-store.ts';
import type { Store } from '../ports/store.ts';
import { amountRanges, receivedBetween, searchWords } from './cash-search-filters.ts';
import { readInvoiceIndex, type InvoiceReads } from './read-invoice-index.ts';
import { toIncomingPayment } from './read-open-invoices.ts';

// The Unapplied Cash work queue: payments with money left to allocate, searched and paged by the
// database, each with Cash-App Assist's suggestions (its best reading and up to three others,
// with their confidence and reasons). Suggestions are worked out when a page is read, for the
// payments on that page only, against the open invoices as they stand then; nothing is stored, so
// they are never stale and a workspace's other unapplied payments cost nothing. Only the open
// invoices those payments could be matched to are read (read-cash-candidates.ts), so a page costs
// the same at a million open invoices as at a thousand.

export interface UnappliedCashQuery {
  /** Words in the payer's name, the reference or the memo. */
  text?: string;
  /** Exactly this amount (or what is left unapplied of the payment), or a range. */
  amount?: string;
  minAmount?: string;
  maxAmount?: string;
  currency?: string;
  /** Received on or after / on or before these dates, in the organisation's time zone. */
  receivedFrom?: string;
  receivedTo?: string;
  beforeId?: number;
  limit: number;
}

export interface SuggestionLine {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  dueOn: string;
  /** What the invoice still owes now. */
  openMinor: number;
  /** What the reading would apply to it. */
  amountMinor: number;
}

export interface CashSuggestion {
  /** 0 to 1. */
  confidence: number;
  lines: SuggestionLine[];
  /** What of the payment the reading leaves unapplied. */
  unappliedMinor: number;
  /** How much the invoices would be short-paid by, 0 when they are paid in full. */
  shortMinor: number;
  reasons: MatchReason[];
  blockers: MatchBlocker[];
}

export interface UnappliedCashItem {
  payment: StoredPayment;
  allocations: StoredAllocation[];
  /** Best first; empty when nothing fits. */
  suggestions: CashSuggestion[];
  /** Why nothing fits, when nothing does. */
  nothingFound: string | null;
}

export async function listUnappliedCash(input: {
  store: Store;
  now: number;
  workspaceId: string;
  query: UnappliedCashQuery;
  /** How the open invoices are read; the suggestions are the same either way (the benchmark compares them). */
  reads?: InvoiceReads;
}): Promise<{ items: UnappliedCashItem[]; hasMore: boolean; currencies: string[] }> {
  const { store, now, workspaceId, query } = input;
  const record = `unapplied cash of ${workspaceId}`;
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const currencies = await store.listUnappliedCurrencies(workspaceId);
  const currency = query.currency?.trim().toUpperCase() || undefined;
  const amounts = amountRanges({ amount: query.amount, min: query.minAmount, max: query.maxAmount, currencies: currency ? [currency] : currencies, record });
  const payments = await store.searchUnappliedPayments(workspaceId, {
    limit: query.limit + 1,
    words: searchWords(query.text),
    ...(currency ? { currency } : {}),
    ...(amounts ? { amounts } : {}),
    ...receivedBetween({ fromOn: query.receivedFrom, toOn: query.receivedTo, timeZone: workspace.timeZone, record }),
    ...(query.beforeId !== undefined ? { beforeId: query.beforeId } : {}),
  });
  const page = payments.slice(0, query.limit);
  if (page.length === 0) return { items: [], hasMore: false, currencies };
  const incoming = page.map(toIncomingPayment);
  const [allocations, index] = await Promise.all([
    store.listPaymentAllocations(workspaceId, { paymentIds: page.map((payment) => payment.id) }),
    readInvoiceIndex({ store, workspaceId, now, payments: incoming, reads: input.reads ?? 'candidates' }),
  ]);
  const items = page.map((payment, position): UnappliedCashItem => {
    const proposal = matchPayment({ payment: incoming[position]!, index, describeAlternatives: true });
    const readings = [
      { allocations: proposal.allocations, confidence: proposal.confidence, unappliedMinor: proposal.unappliedMinor, shortMinor: proposal.shortPay?.shortMinor ?? 0, reasons: proposal.reasons, blockers: proposal.blockers },
      ...proposal.alternatives.flatMap((alternative) =>
        alternative.detail
          ? [{ allocations: alternative.detail.allocations, confidence: alternative.confidence, unappliedMinor: alternative.detail.unappliedMinor, shortMinor: alternative.detail.shortPay?.shortMinor ?? 0, reasons: alternative.detail.reasons, blockers: alternative.detail.blockers }]
          : [],
      ),
    ];
    const suggestions = readings.filter((reading) => reading.allocations.length > 0).map(({ allocations: lines, ...rest }) => ({ ...rest, lines: lines.map((line) => describeLine(index, line)) }));
    return {
      payment,
      allocations: allocations.filter((allocation) => allocation.paymentId === payment.id),
      suggestions,
      nothingFound: suggestions.length === 0 ? (proposal.reasons[0]?.text ?? 'nothing fits') : null,
    };
  });
  return { items, hasMore: payments.length > query.limit, currencies };
}

function describeLine(index: InvoiceIndex, line: Allocation): SuggestionLine {
  const invoice = index.invoice(line.invoiceId)!;
  return { invoiceId: line.invoiceId, invoiceNumber: line.invoiceNumber, customerId: line.customerId, customerName: invoice.customerName, dueOn: formatCalendarDay(invoice.dueOn), openMinor: invoice.balanceMinor, amountMinor: line.amountMinor };
}
