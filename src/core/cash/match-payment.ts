import { formatAmount } from '../money/money.ts';
import type { InvoiceIndex } from './build-invoice-index.ts';
import { CashInputError } from './cash-input-error.ts';
import type { IncomingPayment, MatchAlternative, MatchBlocker, MatchBlockerCode, MatchProposal } from './cash-types.ts';
import { extractReferences } from './extract-references.ts';
import { gatherHypotheses, keepReadableMentions, resolveMention, type ResolvedMention } from './gather-hypotheses.ts';
import { MatchContext } from './match-context.ts';
import { listNumbers, scoreHypothesis, type ScoredHypothesis } from './score-hypothesis.ts';

// One payment against the batch's index: every reading scored, the best one proposed, and the
// hard rules checked. Pure: the index, the payment and what earlier payments of the batch took
// are all it sees.

/** A reading this close to the best (in points out of 100) makes the best ambiguous. */
export const ambiguityMargin = 10;

/** The most confidence a proposal can have while a hard rule holds. */
export const blockerCaps: Record<MatchBlockerCode, number> = {
  no_allocation: 0,
  currency_mismatch: 50,
  amount_only_across_customers: 50,
  ambiguous: 60,
  customer_mismatch: 60,
  several_customers: 70,
  typo_without_amount: 70,
  other_invoice_fits_amount: 70,
  reference_not_open: 70,
  remittance_mismatch: 75,
  short_pay_unconfirmed: 85,
  overpay_unconfirmed: 85,
};

const maxAlternatives = 3;

export interface MatchPaymentInput {
  payment: IncomingPayment;
  index: InvoiceIndex;
  /** Minor units of each invoice that earlier payments of the same batch were applied to. */
  consumed?: ReadonlyMap<string, number>;
  /** For a person choosing among the readings (Unapplied Cash): each alternative's split, reasons and blockers too. */
  describeAlternatives?: boolean;
}

export function matchPayment({ payment, index, consumed = new Map(), describeAlternatives = false }: MatchPaymentInput): MatchProposal {
  checkPayment(payment);
  const context = new MatchContext(payment, index, consumed);
  const mentions = keepReadableMentions(extractReferences(payment.memo).map((mention) => resolveMention(context, mention)));
  // Scored without words first: only the reading proposed is worth describing.
  const scored = rank(gatherHypotheses(context, mentions).map((hypothesis) => scoreHypothesis(context, hypothesis, mentions, false)));
  const first = scored[0];
  if (!first) return emptyProposal(context, mentions);
  const best = scoreHypothesis(context, first.hypothesis, mentions, true);
  const blockers = [...best.blockers, ...mentionBlockers(context, best, mentions)];
  const rival = scored.find((other) => other !== first && other.points >= best.points - ambiguityMargin);
  if (rival) {
    blockers.push({
      code: 'ambiguous',
      text: `${listNumbers(best.hypothesis.picks.map((pick) => pick.invoice))} and ${listNumbers(rival.hypothesis.picks.map((pick) => pick.invoice))} are about equally likely`,
    });
  }
  const fitsElsewhere = otherInvoiceFitsAmount(context, best);
  if (fitsElsewhere) blockers.push(fitsElsewhere);
  return {
    paymentId: payment.id,
    currency: payment.currency,
    allocations: best.split.allocations,
    unappliedMinor: best.split.unappliedMinor,
    confidence: confidenceOf(best.points, blockers),
    reasons: best.reasons,
    blockers,
    shortPay: best.split.shortPay,
    alternatives: scored.slice(1, 1 + maxAlternatives).map((other) => ({
      invoiceIds: other.hypothesis.picks.map((pick) => pick.invoice.id),
      confidence: confidenceOf(other.points, other.blockers),
      ...(describeAlternatives ? { detail: describe(scoreHypothesis(context, other.hypothesis, mentions, true)) } : {}),
    })),
  };
}

function describe(scored: ScoredHypothesis): NonNullable<MatchAlternative['detail']> {
  return { allocations: scored.split.allocations, unappliedMinor: scored.split.unappliedMinor, reasons: scored.reasons, blockers: scored.blockers, shortPay: scored.split.shortPay };
}

/** Best first; one entry per set of invoices (its best reading); ties broken by the invoices' ids. */
function rank(scored: ScoredHypothesis[]): ScoredHypothesis[] {
  const bySet = new Map<string, ScoredHypothesis>();
  for (const each of scored) {
    if (each.split.allocations.length === 0) continue;
    const known = bySet.get(each.key);
    if (!known || each.points > known.points) bySet.set(each.key, each);
  }
  return [...bySet.values()].sort((a, b) => b.points - a.points || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function confidenceOf(total: number, blockers: readonly Pick<MatchBlocker, 'code'>[]): number {
  const cap = Math.min(100, ...blockers.map((blocker) => blockerCaps[blocker.code]));
  return Math.max(0, Math.min(total, cap)) / 100;
}

/** What the memo names that the proposal cannot account for: another currency, or an invoice that is not open. */
function mentionBlockers(context: MatchContext, best: ScoredHypothesis, mentions: readonly ResolvedMention[]): MatchBlocker[] {
  const usedMentions = new Set(best.hypothesis.picks.flatMap((pick) => (pick.via.kind === 'reference' ? [pick.via.mention] : [])));
  const blockers: MatchBlocker[] = [];
  for (const each of mentions) {
    if (each.exact.length > 0) continue;
    // The memo names the payer's invoice in another currency: reading a typo into it instead does not settle that.
    if (each.otherCurrency.length > 0 && (!usedMentions.has(each.mention) || each.exactIsPlausible)) {
      const invoice = each.otherCurrency[0]!;
      blockers.push({ code: 'currency_mismatch', text: `the memo names ${invoice.number}, which is in ${invoice.currency}; the payment is in ${context.payment.currency}` });
    } else if (each.paidInBatch.length > 0) {
      blockers.push({ code: 'reference_not_open', text: `the memo names ${each.paidInBatch[0]!.number}, which an earlier payment of this batch has paid` });
    } else if (usedMentions.has(each.mention)) {
      continue;
    } else if (each.mention.explicit) {
      blockers.push({ code: 'reference_not_open', text: `the memo names "${each.mention.text}", which is not an open invoice (paid already, or mistyped)` });
    }
  }
  return blockers;
}

/** A short-pay of one invoice while another of the customer is open for exactly the payment: the payer may have named the wrong one. */
function otherInvoiceFitsAmount(context: MatchContext, best: ScoredHypothesis): MatchBlocker | null {
  if (!best.split.shortPay) return null;
  if (best.hypothesis.picks.every((pick) => pick.via.kind === 'remittance')) return null;
  const { payment, index } = context;
  const customers = new Set(best.hypothesis.picks.map((pick) => pick.invoice.customerId));
  const used = new Set(best.hypothesis.picks.map((pick) => pick.invoice.id));
  const other = index.withBalance(payment.currency, payment.amountMinor).find((invoice) => customers.has(invoice.customerId) && !used.has(invoice.id) && context.openBalance(invoice) === payment.amountMinor);
  if (!other) return null;
  return { code: 'other_invoice_fits_amount', text: `${other.number} of the same customer is open for exactly ${formatAmount(payment.amountMinor, payment.currency)} ${payment.currency}` };
}

function emptyProposal(context: MatchContext, mentions: readonly ResolvedMention[]): MatchProposal {
  const { payment } = context;
  const blockers: MatchBlocker[] = [{ code: 'no_allocation', text: 'nothing to apply the payment to: it waits in unapplied cash' }];
  for (const each of mentions) {
    if (each.exact.length === 0 && each.otherCurrency.length > 0) {
      blockers.push({ code: 'currency_mismatch', text: `the memo names ${each.otherCurrency[0]!.number}, which is in ${each.otherCurrency[0]!.currency}; the payment is in ${payment.currency}` });
    }
  }
  return {
    paymentId: payment.id,
    currency: payment.currency,
    allocations: [],
    unappliedMinor: payment.amountMinor,
    confidence: 0,
    reasons: [{ code: 'nothing_found', points: 0, text: 'no open invoice in this currency fits the memo, the remittance or the amount' }],
    blockers,
    shortPay: null,
    alternatives: [],
  };
}

function checkPayment(payment: IncomingPayment): void {
  const record = `payment ${payment.id === '' ? '(no id)' : payment.id}`;
  if (typeof payment.id !== 'string' || payment.id === '') throw new CashInputError(record, 'id', 'must be a non-empty string');
  if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor <= 0) throw new CashInputError(record, 'amountMinor', `must be a whole number of minor units above zero, got ${String(payment.amountMinor)}`);
  if (typeof payment.currency !== 'string' || !/^[A-Z]{3}$/.test(payment.currency)) throw new CashInputError(record, 'currency', `must be an ISO 4217 code, got "${String(payment.currency)}"`);
  if (!Number.isFinite(payment.receivedAt)) throw new CashInputError(record, 'receivedAt', 'must be an instant (epoch milliseconds)');
  if (payment.customerId !== null && (typeof payment.customerId !== 'string' || payment.customerId === '')) throw new CashInputError(record, 'customerId', 'must be null or a non-empty string');
  if (typeof payment.payerName !== 'string') throw new CashInputError(record, 'payerName', 'must be a string');
  if (typeof payment.memo !== 'string') throw new CashInputError(record, 'memo', 'must be a string');
  for (const [line, each] of payment.remittance.entries()) {
    if (!Number.isSafeInteger(each.amountMinor) || each.amountMinor <= 0) throw new CashInputError(record, `remittance[${line}].amountMinor`, `must be a whole number of minor units above zero, got ${String(each.amountMinor)}`);
    if (typeof each.reference !== 'string' || each.reference.trim() === '') throw new CashInputError(record, `remittance[${line}].reference`, 'must name an invoice');
  }
}
