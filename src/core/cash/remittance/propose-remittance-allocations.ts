import { formatAmount } from '../../money/money.ts';
import type { InvoiceIndex } from '../build-invoice-index.ts';
import type { IncomingPayment, OpenInvoice } from '../cash-types.ts';
import { MatchContext } from '../match-context.ts';
import { points } from '../score-hypothesis.ts';
import { describePlace, type AdviceLine, type RemittanceAdvice } from './remittance-advice.ts';
import { blockingLineProblems, type LineProblem, type ProposedLine, type RemittanceProposal } from './remittance-proposal.ts';
import { buildSettledIndex, exactHits, resolveAdviceLine, type LineResolution, type SettledInvoice } from './resolve-advice-line.ts';

// A remittance advice against the open invoices: each line resolved to an invoice, the amount
// to apply (what it pays, at most what is open and what the payment has left, lines in the
// advice's order), a confidence built from the matcher's points (the number, the amount, the
// customer), and every problem a reviewer must see. Pure: the caller reads the invoices.

export interface RemittancePayment {
  id: string;
  currency: string;
  unappliedMinor: number;
  receivedAt: number;
  /** The customer, when the source says who paid. */
  customerId: string | null;
  payerName: string;
}

export interface ProposeRemittanceInput {
  advice: RemittanceAdvice;
  payment: RemittancePayment;
  /** The organisation's open invoices (buildInvoiceIndex). */
  index: InvoiceIndex;
  /** Invoices named by the advice that have nothing open (for "already paid"). */
  settled: readonly SettledInvoice[];
}

/** Caps on a line a person must look at before it is applied. */
const otherCustomerCap = 60;
const unconfirmedTypoCap = 60;
const editWords = { substituted: 'one character differs', missing: 'one character missing', extra: 'one character too many', transposed: 'two characters swapped' } as const;

export function proposeRemittanceAllocations(input: ProposeRemittanceInput): RemittanceProposal {
  const { advice, payment, index } = input;
  const money = (minor: number) => `${formatAmount(minor, payment.currency)} ${payment.currency}`;
  const consumed = new Map<string, number>();
  const incoming: IncomingPayment = { id: payment.id, amountMinor: Math.max(1, payment.unappliedMinor), currency: payment.currency, receivedAt: payment.receivedAt, customerId: payment.customerId, payerName: payment.payerName, memo: '', remittance: [] };
  const context = new MatchContext(incoming, index, consumed);
  const settled = buildSettledIndex(input.settled);
  const named = context.namedCustomers.length === 1 ? context.namedCustomers[0]!.customerId : null;
  const customerId = payment.customerId ?? adviceCustomer(context, advice.lines) ?? named;
  let remaining = payment.unappliedMinor;
  const lines: ProposedLine[] = [];
  const takenBy = new Map<string, number>();
  for (const line of advice.lines) {
    const resolution = resolveAdviceLine({ context, line, customerId, settled });
    const proposed = proposeLine({ context, line, resolution, customerId, remaining, money, takenBy });
    if (proposed.selected) {
      remaining -= proposed.proposedMinor;
      consumed.set(proposed.invoice!.id, (consumed.get(proposed.invoice!.id) ?? 0) + proposed.proposedMinor);
      takenBy.set(proposed.invoice!.id, line.number);
    }
    lines.push(proposed);
  }
  const linesTotalMinor = advice.lines.reduce((sum, line) => sum + line.paidMinor, 0);
  const proposedMinor = lines.reduce((sum, line) => sum + (line.selected ? line.proposedMinor : 0), 0);
  const problems: RemittanceProposal['problems'] = [];
  if (advice.statedTotal && advice.statedTotal.amountMinor !== linesTotalMinor) {
    problems.push({ code: 'total_mismatch', text: `the advice states a total of ${money(advice.statedTotal.amountMinor)} (${describePlace(advice.statedTotal.at)}); its lines add up to ${money(linesTotalMinor)}` });
  }
  if (linesTotalMinor !== payment.unappliedMinor) {
    problems.push({ code: 'payment_mismatch', text: `the lines add up to ${money(linesTotalMinor)}; the payment has ${money(payment.unappliedMinor)} unapplied` });
  }
  if (proposedMinor === 0) problems.push({ code: 'nothing_to_apply', text: 'no line can be applied as it stands: see each line’s problems' });
  return { paymentId: payment.id, currency: payment.currency, lines, linesTotalMinor, statedTotalMinor: advice.statedTotal?.amountMinor ?? null, proposedMinor, unappliedMinor: payment.unappliedMinor, problems };
}

/** The customer most of the advice's lines name exactly: a payer's advice pays one customer's invoices. */
function adviceCustomer(context: MatchContext, lines: readonly AdviceLine[]): string | null {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const hits = exactHits(context, line);
    if (hits.length === 1) counts.set(hits[0]!.customerId, (counts.get(hits[0]!.customerId) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]![1] === ranked[1]![1])) return null;
  return ranked[0]![0];
}

interface ProposeLineInput {
  context: MatchContext;
  line: AdviceLine;
  resolution: LineResolution;
  customerId: string | null;
  remaining: number;
  money: (minor: number) => string;
  /** Which line took each invoice so far. */
  takenBy: ReadonlyMap<string, number>;
}

function proposeLine(input: ProposeLineInput): ProposedLine {
  const { context, line, resolution, money } = input;
  const currency = context.payment.currency;
  const problems: LineProblem[] = [];
  const reasons: string[] = [];
  const blank = { ...line, invoice: null, match: null, confidence: 0, reasons, proposedMinor: 0, selected: false, problems, candidates: [] as ProposedLine['candidates'] };
  if (line.paidMinor < 0) {
    problems.push({ code: 'credit_line', text: `a credit of ${money(-line.paidMinor)} the payer takes against the payment: not applied to an invoice (record the credit note in the ERP)` });
    return blank;
  }
  if (line.paidMinor === 0) {
    problems.push({ code: 'nothing_paid', text: 'the line pays nothing: nothing to apply' });
    return blank;
  }
  if (line.currency !== null && line.currency !== currency) problems.push({ code: 'currency_mismatch', text: `the line is in ${line.currency}; the payment is in ${currency}` });
  if (resolution.kind === 'ambiguous') {
    problems.push({ code: 'ambiguous', text: `"${line.reference}" fits ${resolution.candidates.map((invoice) => invoice.number).join(', ')} equally: choose one on the payment` });
    return { ...blank, candidates: resolution.candidates.map(candidate) };
  }
  if (resolution.kind === 'other_currency') {
    problems.push({ code: 'currency_mismatch', text: `${resolution.invoice.number} is in ${resolution.invoice.currency}; the payment is in ${currency}` });
    return { ...blank, invoice: invoiceView(resolution.invoice, resolution.invoice.balanceMinor) };
  }
  if (resolution.kind === 'settled') {
    problems.push({ code: 'already_paid', text: `${resolution.invoice.number} has nothing open: it is paid already or closed` });
    return blank;
  }
  if (resolution.kind === 'unknown') {
    problems.push({ code: 'unknown_invoice', text: `no invoice of this organisation is numbered "${line.reference}", nor one a typo away` });
    return blank;
  }
  const { invoice } = resolution;
  const open = context.openBalance(invoice);
  const view = invoiceView(invoice, open);
  if (open === 0) {
    const earlier = input.takenBy.get(invoice.id);
    problems.push({ code: 'repeated_invoice', text: `line ${earlier ?? '?'} of the advice already pays ${invoice.number} in full` });
    return { ...blank, invoice: view, match: resolution.match };
  }
  let score = identify(line, resolution, reasons);
  score += scoreAmount(line, open, money, problems, reasons, invoice.number);
  score += scoreCustomer(context, invoice, input.customerId, problems, reasons);
  let cap = 100;
  if (resolution.match === 'typo' && !resolution.confirmed) {
    problems.push({ code: 'unconfirmed_typo', text: `read as ${invoice.number} with a typo corrected; neither the amount nor the customer confirms it` });
    cap = Math.min(cap, unconfirmedTypoCap);
  }
  if (problems.some((problem) => problem.code === 'other_customer')) cap = Math.min(cap, otherCustomerCap);
  const blocked = problems.some((problem) => blockingLineProblems.has(problem.code));
  const asked = Math.max(0, Math.min(line.paidMinor, open));
  const needsPerson = problems.some((problem) => problem.code === 'other_customer' || problem.code === 'unconfirmed_typo');
  let proposedMinor = asked;
  let selected = !blocked && !needsPerson && asked > 0;
  if (selected && asked > input.remaining) {
    proposedMinor = input.remaining;
    problems.push({ code: 'exceeds_payment', text: input.remaining === 0 ? 'nothing of the payment is left for this line' : `only ${money(input.remaining)} of the payment is left for this line` });
    selected = proposedMinor > 0;
  }
  return {
    ...line,
    invoice: view,
    match: resolution.match,
    confidence: blocked ? 0 : Math.max(0, Math.min(score, cap)) / 100,
    reasons,
    proposedMinor: blocked ? 0 : proposedMinor,
    selected,
    problems,
    candidates: resolution.others.map(candidate),
  };
}

function identify(line: AdviceLine, resolution: Extract<LineResolution, { kind: 'found' }>, reasons: string[]): number {
  const { invoice } = resolution;
  if (resolution.match === 'typo') {
    reasons.push(`"${line.reference}" is read as ${invoice.number} (${resolution.edit ? editWords[resolution.edit] : 'letters read as digits'})`);
    return points.referenceTypo;
  }
  reasons.push(resolution.match === 'exact' ? `the advice names ${invoice.number}` : `the advice's "${line.reference}" is ${invoice.number}`);
  return points.remittanceExact;
}

function scoreAmount(line: AdviceLine, open: number, money: (minor: number) => string, problems: LineProblem[], reasons: string[], number: string): number {
  if (line.paidMinor === open) {
    reasons.push(`it pays the open balance, ${money(open)}`);
    return points.amountExact;
  }
  if (line.paidMinor > open) {
    problems.push({ code: 'above_open_balance', text: `the line pays ${money(line.paidMinor)}; ${number} has ${money(open)} open, so ${money(line.paidMinor - open)} stays unapplied` });
    return 0;
  }
  // Listing the invoice's amount beside a lower payment does not say why it is lower.
  if (line.paidMinor + line.discountMinor + line.deductionMinor === open) {
    reasons.push(`it pays ${money(line.paidMinor)} of ${money(open)}, less the ${money(open - line.paidMinor)} the advice deducts${line.reason ? ` (${line.reason})` : ''}`);
    return points.amountRemittanceDeductions;
  }
  reasons.push(`it pays ${money(line.paidMinor)} of ${money(open)}: a short-pay, ${money(open - line.paidMinor)} stays open`);
  return points.amountShort;
}

function scoreCustomer(context: MatchContext, invoice: OpenInvoice, customerId: string | null, problems: LineProblem[], reasons: string[]): number {
  const name = invoice.customerName || invoice.customerId;
  const fit = context.customerFit(invoice.customerId);
  if (fit.kind === 'known') {
    reasons.push(`the payment is ${name}'s`);
    return points.customerKnown;
  }
  if (fit.kind === 'contradicts') {
    problems.push({ code: 'other_customer', text: `${invoice.number} belongs to ${name}; the payment is ${fit.knownName}'s` });
    return points.customerContradicts;
  }
  if (customerId !== null && invoice.customerId !== customerId) {
    const other = context.index.customerName(customerId) ?? customerId;
    problems.push({ code: 'other_customer', text: `${invoice.number} belongs to ${name}; the advice's other lines are ${other}'s` });
    return points.customerContradicts;
  }
  if (fit.kind === 'name' && fit.similarity >= 0.6) {
    const earned = fit.similarity === 1 ? points.payerNameExact : fit.similarity >= 0.85 ? points.payerNameClose : points.payerNameSimilar;
    reasons.push(`the payer "${context.payment.payerName}" ${fit.similarity === 1 ? 'is' : 'resembles'} ${name}`);
    return earned;
  }
  return 0;
}

function invoiceView(invoice: OpenInvoice, openMinor: number): ProposedLine['invoice'] {
  return { id: invoice.id, number: invoice.number, customerId: invoice.customerId, customerName: invoice.customerName, openMinor, currency: invoice.currency };
}

function candidate(invoice: OpenInvoice): { invoiceId: string; number: string } {
  return { invoiceId: invoice.id, number: invoice.number };
}
