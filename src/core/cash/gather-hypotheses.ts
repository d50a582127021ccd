import { compareText, type EditKind } from './build-invoice-index.ts';
import type { OpenInvoice } from './cash-types.ts';
import { extractReferences, type ReferenceMention } from './extract-references.ts';
import { isIndicatedCustomer, isPlausibleCustomer, type MatchContext } from './match-context.ts';

// The readings of one payment worth scoring: the remittance advice's lines, the memo's
// references (each mention may name a few invoices: the exact number, numbers one typo away),
// and the amount alone within the payer's customer. Found by lookups in the batch's index.

export type Via =
  | { kind: 'remittance'; mention: ReferenceMention; edit: EditKind | null; line: number; lineAmountMinor: number }
  | { kind: 'reference'; mention: ReferenceMention; edit: EditKind | null; exactIsPlausible: boolean }
  | { kind: 'amount_unique' }
  | { kind: 'amount_oldest'; count: number }
  | { kind: 'amount_across'; among: number };

export interface Pick {
  invoice: OpenInvoice;
  via: Via;
}

export interface Hypothesis {
  picks: Pick[];
}

export interface ResolvedMention {
  mention: ReferenceMention;
  /** Invoices with exactly this number, open to this payment. */
  exact: OpenInvoice[];
  near: { invoice: OpenInvoice; edit: EditKind }[];
  /** Exact hits in another currency than the payment's. */
  otherCurrency: OpenInvoice[];
  /** Exact hits an earlier payment of the batch has paid. */
  paidInBatch: OpenInvoice[];
  /** An exact hit (in any currency) belongs to a customer consistent with the payer, so a near number is a weaker reading. */
  exactIsPlausible: boolean;
}

const picksPerSlot = 3;
const maxCombinations = 81;
/** Readings by amount alone across customers: at most this many, the first in the index's order. */
export const maxAcrossCustomers = 5;
// A customer billed the same amount every month has many invoices that fit; a few show the ambiguity.
const maxSameAmount = 10;

export function resolveMention(context: MatchContext, mention: ReferenceMention): ResolvedMention {
  const { index } = context;
  const seen = new Set<string>();
  const exact: OpenInvoice[] = [];
  const otherCurrency: OpenInvoice[] = [];
  const paidInBatch: OpenInvoice[] = [];
  for (const key of mention.keys) {
    for (const invoice of index.withKey(key)) {
      if (seen.has(invoice.id)) continue;
      seen.add(invoice.id);
      if (invoice.currency !== context.payment.currency) otherCurrency.push(invoice);
      else if (context.openBalance(invoice) === 0) paidInBatch.push(invoice);
      else exact.push(invoice);
    }
  }
  const near: ResolvedMention['near'] = [];
  // An OCR-corrected number is already one correction away from what was written.
  if (!mention.ocrCorrected) {
    for (const hit of index.nearKey(mention.keys[0]!)) {
      if (seen.has(hit.invoice.id) || context.openBalance(hit.invoice) === 0) continue;
      seen.add(hit.invoice.id);
      near.push({ invoice: hit.invoice, edit: hit.edit });
    }
  }
  // The number as written is a real invoice that could be the one meant: of a customer that fits
  // the payer, or for exactly the payment, in any currency, or paid earlier in this batch. A
  // number one typo away is then a weaker reading.
  const exactIsPlausible = [...exact, ...otherCurrency, ...paidInBatch].some(
    (invoice) => invoice.balanceMinor === context.payment.amountMinor || isPlausibleCustomer(context.customerFit(invoice.customerId)),
  );
  return { mention, exact, near, otherCurrency, paidInBatch, exactIsPlausible };
}

/** A number of several groups counts whole when the whole is an invoice number, otherwise group by group. */
export function keepReadableMentions(resolved: readonly ResolvedMention[]): ResolvedMention[] {
  const wholeFound = new Set<number>();
  for (const each of resolved) if (each.mention.role === 'whole' && each.exact.length > 0) wholeFound.add(each.mention.group!);
  return resolved.filter((each) => {
    if (each.mention.role === 'single') return true;
    return each.mention.role === 'whole' ? wholeFound.has(each.mention.group!) : !wholeFound.has(each.mention.group!);
  });
}

export function gatherHypotheses(context: MatchContext, mentions: readonly ResolvedMention[]): Hypothesis[] {
  const hypotheses: Hypothesis[] = [];
  const remittanceSlots = context.payment.remittance.map((line, number) => remittanceSlot(context, line.reference, number, line.amountMinor)).filter((slot) => slot.length > 0);
  hypotheses.push(...combine(remittanceSlots));
  const single = mentions.length === 1;
  const memoSlots = mentions.map((each) => referenceSlot(context, each, single)).filter((slot) => slot.length > 0);
  if (memoSlots.length === 1) {
    for (const pick of memoSlots[0]!) hypotheses.push({ picks: [pick] });
  } else if (memoSlots.length > 1) {
    const ranked = rankSlots(context, memoSlots);
    hypotheses.push(...combine(ranked));
    // The reading that only one of the listed invoices is paid competes with the whole list, when the amount is that one's.
    for (const slot of ranked) if (context.openBalance(slot[0]!.invoice) === context.payment.amountMinor) hypotheses.push({ picks: [slot[0]!] });
  }
  hypotheses.push(...amountHypotheses(context));
  return hypotheses;
}

/**
 * A number one typo from the memo's is worth a reading only if the amount or the customer points
 * at it: the others, scored, could reach 60 points at most (a typo and a short-pay), so they
 * could neither be proposed at any allowed threshold nor make a proposal ambiguous.
 */
function worthATypo(context: MatchContext, invoice: OpenInvoice, amountMinor: number): boolean {
  return context.openBalance(invoice) === amountMinor || isIndicatedCustomer(context.customerFit(invoice.customerId));
}

function referenceSlot(context: MatchContext, resolved: ResolvedMention, single: boolean): Pick[] {
  const exact = resolved.exact.map((invoice): Pick => ({
    invoice,
    via: { kind: 'reference', mention: resolved.mention, edit: resolved.mention.ocrCorrected ? 'substituted' : null, exactIsPlausible: false },
  }));
  // In a list the amount belongs to the whole list, so no single number can be checked against it.
  const worth = single ? resolved.near.filter((hit) => worthATypo(context, hit.invoice, context.payment.amountMinor)) : resolved.near;
  const near = worth.map((hit): Pick => ({
    invoice: hit.invoice,
    via: { kind: 'reference', mention: resolved.mention, edit: hit.edit, exactIsPlausible: resolved.exactIsPlausible },
  }));
  return sortPicks(context, [...exact, ...near]);
}

function remittanceSlot(context: MatchContext, reference: string, line: number, lineAmountMinor: number): Pick[] {
  // The remittance field holds an invoice reference by definition, with or without "INV".
  const mentions = keepReadableMentions(extractReferences(`INV ${reference}`).map((mention) => resolveMention(context, mention)));
  const first = mentions.find((each) => each.exact.length > 0) ?? mentions.find((each) => each.near.length > 0);
  if (!first) return [];
  const picks = [
    ...first.exact.map((invoice) => ({ invoice, edit: first.mention.ocrCorrected ? ('substituted' as const) : null })),
    ...first.near.filter((hit) => worthATypo(context, hit.invoice, lineAmountMinor)).map((hit) => ({ invoice: hit.invoice, edit: hit.edit })),
  ].map(({ invoice, edit }): Pick => ({ invoice, via: { kind: 'remittance', mention: first.mention, edit, line, lineAmountMinor } }));
  return sortPicks(context, picks).sort((a, b) => lineFits(context, b) - lineFits(context, a)).slice(0, picksPerSlot);
}

function lineFits(context: MatchContext, pick: Pick): number {
  return pick.via.kind === 'remittance' && context.openBalance(pick.invoice) === pick.via.lineAmountMinor ? 1 : 0;
}

/** Exact numbers first, then customers consistent with the payer, then the oldest. */
function sortPicks(context: MatchContext, picks: Pick[]): Pick[] {
  const ranked = picks.map((pick) => ({ pick, rank: pickRank(context, pick) }));
  ranked.sort((a, b) => b.rank - a.rank || a.pick.invoice.dueOn - b.pick.invoice.dueOn || compareText(a.pick.invoice.id, b.pick.invoice.id));
  return ranked.map((each) => each.pick);
}

function pickRank(context: MatchContext, pick: Pick): number {
  const edit = pick.via.kind === 'reference' || pick.via.kind === 'remittance' ? pick.via.edit : null;
  return (edit === null ? 2 : 0) + (isPlausibleCustomer(context.customerFit(pick.invoice.customerId)) ? 1 : 0);
}

/** For a list, invoices of the customers the list's exact numbers belong to come first in every slot. */
function rankSlots(context: MatchContext, slots: Pick[][]): Pick[][] {
  const anchors = new Set(slots.flatMap((slot) => slot.filter((pick) => pick.via.kind === 'reference' && pick.via.edit === null).map((pick) => pick.invoice.customerId)));
  return slots.map((slot) =>
    [...slot]
      .sort((a, b) => Number(anchors.has(b.invoice.customerId)) - Number(anchors.has(a.invoice.customerId)))
      .slice(0, picksPerSlot),
  );
}

/** One pick per slot, distinct invoices, at most maxCombinations of them. */
function combine(slots: readonly Pick[][]): Hypothesis[] {
  if (slots.length === 0) return [];
  let combinations: Pick[][] = [[]];
  for (const [position, slot] of slots.entries()) {
    // Past the first four slots only each slot's best pick is tried, so the count stays bounded.
    const choices = position < 4 ? slot.slice(0, picksPerSlot) : slot.slice(0, 1);
    const next: Pick[][] = [];
    for (const combination of combinations) {
      for (const pick of choices) {
        if (combination.some((chosen) => chosen.invoice.id === pick.invoice.id)) continue;
        if (next.length < maxCombinations) next.push([...combination, pick]);
      }
    }
    combinations = next;
  }
  return combinations.filter((picks) => picks.length === slots.length).map((picks) => ({ picks }));
}

function amountHypotheses(context: MatchContext): Hypothesis[] {
  const { payment, index } = context;
  const inScope = payment.customerId !== null ? [payment.customerId] : context.namedCustomers.map((customer) => customer.customerId);
  const hypotheses: Hypothesis[] = [];
  if (inScope.length === 0) {
    const listed = index.withBalance(payment.currency, payment.amountMinor);
    const matching = listed.filter((invoice) => context.openBalance(invoice) === payment.amountMinor);
    // An index of candidates lists the first few invoices owing the amount and knows how many do.
    const among = index.countWithBalance(payment.currency, payment.amountMinor) - (listed.length - matching.length);
    for (const invoice of matching.slice(0, maxAcrossCustomers)) hypotheses.push({ picks: [{ invoice, via: { kind: 'amount_across', among } }] });
    return hypotheses;
  }
  const scope = new Set(inScope);
  let sameAmount = 0;
  for (const invoice of index.withBalance(payment.currency, payment.amountMinor)) {
    if (sameAmount < maxSameAmount && scope.has(invoice.customerId) && context.openBalance(invoice) === payment.amountMinor) {
      hypotheses.push({ picks: [{ invoice, via: { kind: 'amount_unique' } }] });
      sameAmount += 1;
    }
  }
  // Paying the oldest few invoices at once (or the whole account) without naming them.
  for (const customerId of inScope) {
    let total = 0;
    const oldest: OpenInvoice[] = [];
    for (const invoice of index.ofCustomer(customerId)) {
      const open = context.openBalance(invoice);
      if (open === 0) continue;
      total += open;
      oldest.push(invoice);
      if (total >= payment.amountMinor) break;
    }
    if (total === payment.amountMinor && oldest.length > 1) {
      hypotheses.push({ picks: oldest.map((invoice) => ({ invoice, via: { kind: 'amount_oldest', count: oldest.length } })) });
    }
  }
  return hypotheses;
}
