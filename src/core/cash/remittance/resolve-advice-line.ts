import type { EditKind } from '../build-invoice-index.ts';
import type { OpenInvoice } from '../cash-types.ts';
import { extractReferences } from '../extract-references.ts';
import { keepReadableMentions, resolveMention } from '../gather-hypotheses.ts';
import { isIndicatedCustomer, type MatchContext } from '../match-context.ts';
import { foldText, invoiceNumberKeys } from '../normalise-invoice-number.ts';
import type { AdviceLine } from './remittance-advice.ts';
import type { LineMatch } from './remittance-proposal.ts';

// Which invoice a remittance line names, with the matcher's own reading of numbers: the line's
// reference as an invoice mention ("INV-0104217", "104217", "Rechnung 1042"), looked up by key
// in the batch's index, then one typo away; several candidates are told apart by the customer
// and the amount. What is not open is looked for among the organisation's settled invoices.

/** An invoice of the organisation with nothing open on it (paid, or closed in the ERP). */
export interface SettledInvoice {
  id: string;
  number: string;
  customerId: string;
  currency: string;
}

export type LineResolution =
  | { kind: 'found'; invoice: OpenInvoice; match: LineMatch; edit: EditKind | null; confirmed: boolean; others: OpenInvoice[] }
  | { kind: 'ambiguous'; candidates: OpenInvoice[] }
  | { kind: 'other_currency'; invoice: OpenInvoice }
  | { kind: 'settled'; invoice: SettledInvoice }
  | { kind: 'unknown' };

export interface SettledIndex {
  withKey(key: string): readonly SettledInvoice[];
}

export function buildSettledIndex(settled: readonly SettledInvoice[]): SettledIndex {
  const byKey = new Map<string, SettledInvoice[]>();
  for (const invoice of settled) {
    for (const key of invoiceNumberKeys(invoice.number)) byKey.set(key, [...(byKey.get(key) ?? []), invoice]);
  }
  return { withKey: (key) => byKey.get(key) ?? [] };
}

/** The line's exact hits (open in the payment's currency) before any line is applied: for finding the advice's customer. */
export function exactHits(context: MatchContext, line: AdviceLine): OpenInvoice[] {
  return readMentions(context, line).flatMap((each) => each.exact);
}

/**
 * `customerId`: the customer the payment or the advice's other lines point at, or null.
 * Reads open balances through the context, so what earlier lines took counts.
 */
export function resolveAdviceLine(input: { context: MatchContext; line: AdviceLine; customerId: string | null; settled: SettledIndex }): LineResolution {
  const { context, line, customerId } = input;
  const mentions = readMentions(context, line);
  const rank = (invoice: OpenInvoice) => (customerFits(context, invoice, customerId) ? 2 : 0) + (amountFits(line, context.openBalance(invoice)) ? 1 : 0);
  const exact = mentions.flatMap((each) => each.exact).concat(mentions.flatMap((each) => each.paidInBatch));
  if (exact.length > 0) {
    const best = bestOf(exact, rank);
    if (best.length > 1) return { kind: 'ambiguous', candidates: best };
    const invoice = best[0]!;
    const mention = mentions.find((each) => each.exact.includes(invoice) || each.paidInBatch.includes(invoice))!.mention;
    return { kind: 'found', invoice, match: mention.ocrCorrected ? 'typo' : sameWriting(line.reference, invoice.number) ? 'exact' : 'normalised', edit: mention.ocrCorrected ? 'substituted' : null, confirmed: true, others: exact.filter((other) => other !== invoice) };
  }
  const otherCurrency = mentions.flatMap((each) => each.otherCurrency);
  if (otherCurrency.length > 0) return { kind: 'other_currency', invoice: otherCurrency[0]! };
  const settled = mentions.flatMap((each) => each.mention.keys.flatMap((key) => input.settled.withKey(key)));
  if (settled.length > 0) return { kind: 'settled', invoice: settled[0]! };
  const near = mentions.flatMap((each) => each.near);
  if (near.length === 0) return { kind: 'unknown' };
  const invoices = near.map((hit) => hit.invoice);
  const confirmedNear = invoices.filter((invoice) => rank(invoice) > 0);
  const pool = confirmedNear.length > 0 ? confirmedNear : invoices;
  const best = bestOf(pool, rank);
  if (best.length > 1) return { kind: 'ambiguous', candidates: best };
  const invoice = best[0]!;
  return { kind: 'found', invoice, match: 'typo', edit: near.find((hit) => hit.invoice === invoice)!.edit, confirmed: confirmedNear.length > 0, others: invoices.filter((other) => other !== invoice) };
}

/** Whether the invoice's open balance is what the line pays, or what it pays with its stated discount and deduction, or the invoice amount it lists. */
export function amountFits(line: AdviceLine, openMinor: number): boolean {
  return openMinor > 0 && (openMinor === line.paidMinor || openMinor === line.paidMinor + line.discountMinor + line.deductionMinor || openMinor === line.invoiceAmountMinor);
}

function customerFits(context: MatchContext, invoice: OpenInvoice, customerId: string | null): boolean {
  return customerId !== null ? invoice.customerId === customerId : isIndicatedCustomer(context.customerFit(invoice.customerId));
}

function readMentions(context: MatchContext, line: AdviceLine) {
  // The field holds an invoice reference by definition, with or without "INV" before it.
  return keepReadableMentions(extractReferences(`INV ${line.reference}`).map((mention) => resolveMention(context, mention)));
}

function bestOf(invoices: readonly OpenInvoice[], rank: (invoice: OpenInvoice) => number): OpenInvoice[] {
  const unique = [...new Set(invoices)];
  const top = Math.max(...unique.map(rank));
  return unique.filter((invoice) => rank(invoice) === top);
}

/** The same characters apart from case, spaces and separators: "inv 0104217" is INV-0104217 as written. */
function sameWriting(reference: string, number: string): boolean {
  const compact = (text: string) => foldText(text).replace(/[^A-Z0-9]/g, '');
  return compact(reference) === compact(number);
}
