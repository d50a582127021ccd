import { formatAmount } from '../money/money.ts';
import { allocatePayment, type Split } from './allocate-payment.ts';
import type { MatchBlocker, MatchReason, MatchReasonCode, OpenInvoice } from './cash-types.ts';
import type { Hypothesis, Pick, ResolvedMention } from './gather-hypotheses.ts';
import { closeNameSimilarity, similarNameSimilarity, type MatchContext } from './match-context.ts';

// Confidence is built from three components, each a reason with its points (out of 100):
// how the invoices were identified (the weakest link of a set counts), whether the amount fits,
// and whether the customer fits the payer; minus a little for each mentioned invoice left out.
// Hard rules come back as blockers; match-payment.ts caps the confidence by them.

export const points = {
  remittanceExact: 60,
  referenceExplicit: 60,
  referenceBare: 55,
  referenceTypo: 45,
  /** Taken off a typo reading when the number as written is itself an open invoice that fits the payer. */
  typoOfPlausibleNumber: 20,
  amountUniqueForCustomer: 40,
  amountOldest: 35,
  amountAcross: 20,
  amountExact: 35,
  amountRemittanceDeductions: 30,
  amountShort: 15,
  amountOver: 15,
  customerKnown: 15,
  customerContradicts: -30,
  payerNameExact: 15,
  payerNameClose: 10,
  payerNameSimilar: 5,
  referenceUnused: -10,
  referenceUnusedFloor: -20,
} as const;

export interface ScoredHypothesis {
  hypothesis: Hypothesis;
  /** The set of invoices, as one string: two readings of the same invoices are one. */
  key: string;
  points: number;
  reasons: MatchReason[];
  blockers: MatchBlocker[];
  split: Split;
}

const editWords = { substituted: 'one character differs', missing: 'one character missing', extra: 'one character too many', transposed: 'two characters swapped' } as const;

/**
 * `words`: write the reasons' and blockers' texts. Most readings are scored only to be dropped,
 * so they are scored without, and the ones shown are scored again with them.
 */
export function scoreHypothesis(context: MatchContext, hypothesis: Hypothesis, mentions: readonly ResolvedMention[], words = true): ScoredHypothesis {
  const split = allocatePayment(context, hypothesis.picks);
  const reasons: MatchReason[] = [];
  const blockers: MatchBlocker[] = [];
  const identification = identify(context, hypothesis.picks, words);
  reasons.push(identification.reason);
  const amount = scoreAmount(context, hypothesis.picks, split, identification.weakest === 'reference_typo', words);
  if (amount.reason) reasons.push(amount.reason);
  if (amount.blocker) blockers.push(amount.blocker);
  const customer = scoreCustomer(context, hypothesis.picks, words);
  if (customer.reason) reasons.push(customer.reason);
  if (customer.blocker) blockers.push(customer.blocker);
  const unused = unusedMentions(hypothesis.picks, mentions);
  if (unused.length > 0) {
    reasons.push({
      code: 'reference_unused',
      points: Math.max(points.referenceUnusedFloor, points.referenceUnused * unused.length),
      text: words ? `the memo also names ${listNumbers(unused)}, which this leaves out` : '',
    });
  }
  if (identification.weakest === 'reference_typo' && amount.points < points.amountRemittanceDeductions) {
    blockers.push({ code: 'typo_without_amount', text: words ? 'the reference is read with a typo corrected and the amount does not confirm it' : '' });
  }
  if (identification.weakest === 'amount_across_customers') {
    blockers.push({ code: 'amount_only_across_customers', text: words ? 'no reference and no customer: only the amount links the payment to this invoice' : '' });
  }
  const confirmed = partialConfirmed(hypothesis.picks, identification.weakest, customer.identified, amount.points);
  if (split.shortPay && !confirmed) {
    blockers.push({ code: 'short_pay_unconfirmed', text: words ? 'a short-pay is applied only to invoices named exactly, for a customer identified by the processor or by name' : '' });
  }
  if (split.unappliedMinor > 0 && !confirmed) {
    blockers.push({ code: 'overpay_unconfirmed', text: words ? 'an overpayment is applied only to invoices named exactly, for a customer identified by the processor or by name' : '' });
  }
  const total = reasons.reduce((sum, reason) => sum + reason.points, 0);
  const key = hypothesis.picks.map((pick) => pick.invoice.id).sort().join('\u0000');
  return { hypothesis, key, points: total, reasons, blockers, split };
}

interface Identification {
  weakest: MatchReasonCode;
  reason: MatchReason;
}

function identify(context: MatchContext, picks: readonly Pick[], words: boolean): Identification {
  const scored = picks.map((pick) => ({ pick, ...identifyPick(pick) }));
  scored.sort((a, b) => a.points - b.points);
  const weakest = scored[0]!;
  let text = '';
  if (words) {
    const byCode = new Map<MatchReasonCode, Pick[]>();
    for (const each of scored) byCode.set(each.code, [...(byCode.get(each.code) ?? []), each.pick]);
    text = [...byCode.entries()].map(([code, group]) => describeIdentification(context, code, group)).join('; ');
  }
  return { weakest: weakest.code, reason: { code: weakest.code, points: weakest.points, text } };
}

function identifyPick(pick: Pick): { code: MatchReasonCode; points: number } {
  const via = pick.via;
  if (via.kind === 'remittance') return via.edit === null ? { code: 'remittance_reference', points: points.remittanceExact } : { code: 'reference_typo', points: points.referenceTypo };
  if (via.kind === 'reference') {
    if (via.edit !== null) return { code: 'reference_typo', points: points.referenceTypo - (via.exactIsPlausible ? points.typoOfPlausibleNumber : 0) };
    return via.mention.explicit ? { code: 'reference_explicit', points: points.referenceExplicit } : { code: 'reference_bare', points: points.referenceBare };
  }
  if (via.kind === 'amount_unique') return { code: 'amount_unique_for_customer', points: points.amountUniqueForCustomer };
  if (via.kind === 'amount_oldest') return { code: 'amount_oldest_invoices', points: points.amountOldest };
  return { code: 'amount_across_customers', points: points.amountAcross };
}

function describeIdentification(context: MatchContext, code: MatchReasonCode, picks: readonly Pick[]): string {
  const numbers = listNumbers(picks.map((pick) => pick.invoice));
  const money = moneyText(context, context.payment.amountMinor);
  const first = picks[0]!;
  if (code === 'remittance_reference') return `the remittance advice names ${numbers}`;
  if (code === 'reference_explicit') return `the memo names ${picks.length > 1 ? 'invoices' : 'invoice'} ${numbers}`;
  if (code === 'reference_bare') return `the memo's ${picks.map((pick) => mentionText(pick)).join(', ')} ${picks.length > 1 ? 'are the numbers of' : 'is the number of'} ${numbers}`;
  if (code === 'reference_typo') {
    return picks
      .map((pick) => {
        const via = pick.via as Extract<Pick['via'], { kind: 'reference' | 'remittance' }>;
        const what = via.mention.ocrCorrected ? 'letters read as digits' : editWords[via.edit!];
        const plausible = via.kind === 'reference' && via.exactIsPlausible ? '; but the number as written is itself an open invoice of the payer' : '';
        return `the ${via.kind === 'remittance' ? 'remittance advice' : 'memo'}'s "${via.mention.text}" is read as ${pick.invoice.number} (${what})${plausible}`;
      })
      .join('; ');
  }
  const customer = context.index.customerName(first.invoice.customerId) ?? first.invoice.customerId;
  if (code === 'amount_unique_for_customer') return `no usable reference; ${numbers} of ${customer} is open for exactly ${money}`;
  if (code === 'amount_oldest_invoices') return `no usable reference; the ${picks.length} oldest open invoices of ${customer} (${numbers}) add up to ${money}`;
  const among = first.via.kind === 'amount_across' ? first.via.among : 1;
  return `no usable reference and no customer; ${numbers} is open for exactly ${money} (${among} open ${among === 1 ? 'invoice has' : 'invoices have'} that balance)`;
}

function mentionText(pick: Pick): string {
  return pick.via.kind === 'reference' || pick.via.kind === 'remittance' ? `"${pick.via.mention.text}"` : '';
}

function scoreAmount(context: MatchContext, picks: readonly Pick[], split: Split, typo: boolean, words: boolean): { points: number; reason: MatchReason | null; blocker: MatchBlocker | null } {
  const { payment } = context;
  const money = moneyText.bind(null, context);
  if (picks.every((pick) => pick.via.kind === 'remittance')) {
    const lines = picks.reduce((sum, pick) => sum + (pick.via.kind === 'remittance' ? pick.via.lineAmountMinor : 0), 0);
    if (lines !== payment.amountMinor || split.askedMinor !== lines) {
      return {
        points: 0,
        reason: null,
        blocker: { code: 'remittance_mismatch', text: words ? `the remittance lines add up to ${money(lines)} (${money(split.askedMinor)} of it open), the payment is ${money(payment.amountMinor)}` : '' },
      };
    }
    if (!split.shortPay) return { points: points.amountExact, reason: { code: 'amount_exact', points: points.amountExact, text: words ? 'the remittance lines add up to the payment and each pays its invoice in full' : '' }, blocker: null };
    return {
      points: points.amountRemittanceDeductions,
      reason: { code: 'amount_remittance', points: points.amountRemittanceDeductions, text: words ? `the remittance lines add up to the payment, with deductions of ${money(split.shortPay!.shortMinor)}` : '' },
      blocker: null,
    };
  }
  const open = split.askedMinor;
  const whose = !words ? '' : picks.length > 1 ? `the ${picks.length} invoices' open balances together` : `${picks[0]!.invoice.number}'s open balance`;
  if (open === payment.amountMinor) {
    // A typo is confirmed by the amount only when the amount is the invoice's own: a customer
    // billed the same every month has other invoices it fits as well.
    const alike = typo ? sameBalanceElsewhere(context, picks) : 0;
    if (alike > 0) {
      return {
        points: points.amountShort,
        reason: { code: 'amount_exact', points: points.amountShort, text: words ? `the payment equals ${whose} (${money(open)}), but also that of ${alike} other open ${alike === 1 ? 'invoice' : 'invoices'} of the customer` : '' },
        blocker: null,
      };
    }
    return { points: points.amountExact, reason: { code: 'amount_exact', points: points.amountExact, text: words ? `the payment equals ${whose} (${money(open)})` : '' }, blocker: null };
  }
  if (open > payment.amountMinor) {
    // A reading where some named invoice gets nothing at all is not a short-pay of it.
    const everyPaid = split.allocations.length === picks.length;
    const gained = everyPaid ? points.amountShort : 0;
    return { points: gained, reason: { code: 'amount_short', points: gained, text: words ? `the payment is ${money(open - payment.amountMinor)} short of ${whose} (${money(open)}): a short-pay` : '' }, blocker: null };
  }
  return { points: points.amountOver, reason: { code: 'amount_over', points: points.amountOver, text: words ? `the payment exceeds ${whose} (${money(open)}) by ${money(payment.amountMinor - open)}, left unapplied` : '' }, blocker: null };
}

function scoreCustomer(context: MatchContext, picks: readonly Pick[], words: boolean): { reason: MatchReason | null; blocker: MatchBlocker | null; identified: boolean } {
  const customerIds = [...new Set(picks.map((pick) => pick.invoice.customerId))];
  const nameOf = customerNameOf.bind(null, context);
  if (customerIds.length > 1) {
    return { reason: null, blocker: { code: 'several_customers', text: words ? `the invoices belong to several customers (${customerIds.map(nameOf).join(', ')})` : '' }, identified: false };
  }
  const customerId = customerIds[0]!;
  const name = words ? nameOf(customerId) : '';
  const fit = context.customerFit(customerId);
  if (fit.kind === 'known') return { reason: { code: 'customer_known', points: points.customerKnown, text: words ? `the payment processor names the customer, ${name}` : '' }, blocker: null, identified: true };
  if (fit.kind === 'contradicts') {
    return {
      reason: { code: 'customer_contradicts', points: points.customerContradicts, text: words ? `the payment processor names ${fit.knownName}, but the invoice belongs to ${name}` : '' },
      blocker: { code: 'customer_mismatch', text: words ? `the processor's customer (${fit.knownName}) is not the invoice's (${name})` : '' },
      identified: false,
    };
  }
  if (fit.kind === 'no_name') return { reason: null, blocker: null, identified: false };
  const payer = words ? `the payer name "${context.payment.payerName}"` : '';
  const shared = words && fit.sharedWith > 0 ? ` (and ${fit.sharedWith} other ${fit.sharedWith === 1 ? 'customer' : 'customers'} as well)` : '';
  if (fit.similarity >= similarNameSimilarity && fit.sharedWith > 0) {
    return { reason: { code: 'payer_name_similar', points: points.payerNameSimilar, text: words ? `${payer} fits ${name}${shared}` : '' }, blocker: null, identified: false };
  }
  if (fit.similarity === 1) return { reason: { code: 'payer_name_exact', points: points.payerNameExact, text: words ? `${payer} matches ${name}` : '' }, blocker: null, identified: true };
  if (fit.similarity >= closeNameSimilarity) return { reason: { code: 'payer_name_close', points: points.payerNameClose, text: words ? `${payer} is close to ${name}` : '' }, blocker: null, identified: false };
  if (fit.similarity >= similarNameSimilarity) return { reason: { code: 'payer_name_similar', points: points.payerNameSimilar, text: words ? `${payer} resembles ${name}` : '' }, blocker: null, identified: false };
  return { reason: { code: 'payer_name_unlike', points: 0, text: words ? `${payer} does not resemble ${name}` : '' }, blocker: null, identified: false };
}

function partialConfirmed(picks: readonly Pick[], weakest: MatchReasonCode, customerIdentified: boolean, amountPoints: number): boolean {
  if (weakest === 'remittance_reference') return amountPoints > 0;
  return weakest === 'reference_explicit' && customerIdentified && picks.every((pick) => pick.via.kind === 'reference');
}

/** Mentions that name an open invoice exactly, none of whose invoices this reading uses. */
function unusedMentions(picks: readonly Pick[], mentions: readonly ResolvedMention[]): OpenInvoice[] {
  const unused: OpenInvoice[] = [];
  // A reading by amount alone also leaves out a number one typo from an open invoice.
  const byAmount = picks[0]!.via.kind.startsWith('amount');
  for (const each of mentions) {
    if (each.exact.length === 0 && !(byAmount && each.near.length > 0)) continue;
    let usedHere = false;
    for (const pick of picks) {
      if ((pick.via.kind === 'reference' && pick.via.mention === each.mention) || each.exact.includes(pick.invoice)) {
        usedHere = true;
        break;
      }
    }
    if (!usedHere) unused.push(each.exact[0] ?? each.near[0]!.invoice);
  }
  return unused;
}

/** Other open invoices of the reading's customer with exactly the payment's amount. */
function sameBalanceElsewhere(context: MatchContext, picks: readonly Pick[]): number {
  if (picks.length !== 1) return 0;
  const { invoice } = picks[0]!;
  let count = 0;
  for (const other of context.index.withBalance(context.payment.currency, context.payment.amountMinor)) {
    if (other !== invoice && other.customerId === invoice.customerId && context.openBalance(other) === context.payment.amountMinor) count += 1;
  }
  return count;
}

function moneyText(context: MatchContext, minor: number): string {
  return `${formatAmount(minor, context.payment.currency)} ${context.payment.currency}`;
}

function customerNameOf(context: MatchContext, customerId: string): string {
  return context.index.customerName(customerId) ?? customerId;
}

export function listNumbers(invoices: readonly OpenInvoice[]): string {
  const numbers = invoices.map((invoice) => invoice.number);
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]!}`;
}
