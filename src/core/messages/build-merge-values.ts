import type { MergeTagName } from '../policy/scan-merge-tags.ts';
import { isKnownMergeTag } from '../policy/scan-merge-tags.ts';
import { localDay } from '../time/time-zone.ts';
import { deriveBrandPalette } from './derive-brand-palette.ts';
import { getLocaleFormats, type LocaleFormats } from './get-locale-formats.ts';
import { getMessageLabels } from './get-message-labels.ts';
import type { MergeLookup, MergeValue } from './merge-value.ts';
import type { MessageContext, MessageInvoice } from './message-context.ts';
import { renderInvoiceTableHtml, renderInvoiceTableText, type InvoiceTable } from './render-invoice-table.ts';

// The value of every merge tag for one message, computed on first use and kept: a template asks
// for a handful of tags, some of them twice (subject and body), and the table is the costly one.
// A value that does not exist (no contact name, no promise) is a typed "missing_value", never an
// empty string, so a message never goes out with a hole in it.

export interface MergeValues {
  lookup(tag: string): MergeLookup;
}

interface Env {
  context: MessageContext;
  formats: LocaleFormats;
  lead: MessageInvoice | undefined;
  /** The customer's local date at the instant of sending. */
  today(): number;
}

type Resolver = (env: Env) => MergeLookup;

function found(value: MergeValue): MergeLookup {
  return { ok: true, value };
}

function missing(tag: MergeTagName, invoiceId?: string): MergeLookup {
  return invoiceId === undefined ? { ok: false, reason: 'missing_value', tag } : { ok: false, reason: 'missing_value', tag, invoiceId };
}

function text(tag: MergeTagName, value: string | null | undefined): MergeLookup {
  return value === null || value === undefined || value.trim() === '' ? missing(tag) : found({ kind: 'text', text: value });
}

function url(tag: MergeTagName, value: string | null | undefined, invoiceId?: string): MergeLookup {
  return value === null || value === undefined || value.trim() === '' ? missing(tag, invoiceId) : found({ kind: 'url', url: value.trim() });
}

/** A tag about the lead invoice: missing (with the lead's id) when the lead is not among the invoices. */
function fromLead(tag: MergeTagName, read: (invoice: MessageInvoice, env: Env) => MergeLookup): Resolver {
  return (env) => (env.lead ? read(env.lead, env) : missing(tag, env.context.leadInvoiceId));
}

function sumPerCurrency(invoices: readonly MessageInvoice[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const invoice of invoices) totals.set(invoice.currency, (totals.get(invoice.currency) ?? 0) + invoice.balanceMinor);
  return totals;
}

function formatTotals(env: Env): string[] {
  return [...sumPerCurrency(env.context.invoices)].map(([currency, minor]) => env.formats.formatMoney(minor, currency));
}

function buildInvoiceTable(env: Env): MergeValue {
  const { formats } = env;
  const today = env.today();
  const table: InvoiceTable = {
    rows: env.context.invoices.map((invoice) => ({
      number: invoice.number,
      dueDate: formats.formatDate(invoice.dueOn),
      // An invoice not yet due shows a dash in the table, not a negative number of days.
      daysOverdue: today - invoice.dueOn > 0 ? formats.formatNumber(today - invoice.dueOn) : '–',
      balance: formats.formatMoney(invoice.balanceMinor, invoice.currency),
    })),
    totals: formatTotals(env),
    labels: getMessageLabels(env.context.locale),
  };
  return { kind: 'block', html: renderInvoiceTableHtml(table, { brandColor: deriveBrandPalette(env.context.branding.color).brand }), text: renderInvoiceTableText(table) };
}

// A Record over every known tag: a tag added to the scanner's list does not compile until it has a value here.
const resolvers: Record<MergeTagName, Resolver> = {
  customer_name: ({ context }) => text('customer_name', context.customer.name),
  contact_name: ({ context }) => text('contact_name', context.contact.name),
  company_name: ({ context }) => text('company_name', context.company.name),
  sender_name: ({ context }) => text('sender_name', context.sender.name),
  sender_signature: ({ context }) => text('sender_signature', context.sender.signature?.trim()),
  statement_link: ({ context }) => url('statement_link', context.statementLink),
  invoice_number: fromLead('invoice_number', (invoice) =>
    invoice.number.trim() === '' ? missing('invoice_number', invoice.id) : found({ kind: 'text', text: invoice.number }),
  ),
  invoice_amount: fromLead('invoice_amount', (invoice, env) => found({ kind: 'text', text: env.formats.formatMoney(invoice.amountMinor, invoice.currency) })),
  invoice_balance: fromLead('invoice_balance', (invoice, env) => found({ kind: 'text', text: env.formats.formatMoney(invoice.balanceMinor, invoice.currency) })),
  due_date: fromLead('due_date', (invoice, env) => found({ kind: 'text', text: env.formats.formatDate(invoice.dueOn) })),
  issued_on: fromLead('issued_on', (invoice, env) =>
    invoice.issuedOn === null ? missing('issued_on', invoice.id) : found({ kind: 'text', text: env.formats.formatDate(invoice.issuedOn) }),
  ),
  days_overdue: fromLead('days_overdue', (invoice, env) => found({ kind: 'text', text: env.formats.formatNumber(env.today() - invoice.dueOn) })),
  pay_link: fromLead('pay_link', (invoice) => url('pay_link', invoice.payLink, invoice.id)),
  promise_date: fromLead('promise_date', (invoice, env) =>
    invoice.promise === null ? missing('promise_date', invoice.id) : found({ kind: 'text', text: env.formats.formatDate(invoice.promise.onDay) }),
  ),
  promise_amount: fromLead('promise_amount', (invoice, env) =>
    invoice.promise === null
      ? missing('promise_amount', invoice.id)
      : found({ kind: 'text', text: env.formats.formatMoney(invoice.promise.amountMinor, invoice.currency) }),
  ),
  total_balance: (env) => (env.context.invoices.length === 0 ? missing('total_balance') : found({ kind: 'text', text: env.formats.formatList(formatTotals(env)) })),
  invoice_table: (env) => (env.context.invoices.length === 0 ? missing('invoice_table') : found(buildInvoiceTable(env))),
};

// A class rather than closures: rendering builds one per message, and methods cost nothing per instance.
class MessageMergeValues implements MergeValues, Env {
  readonly formats: LocaleFormats;
  readonly lead: MessageInvoice | undefined;
  private localToday: number | null = null;
  private readonly memo = new Map<string, MergeLookup>();

  constructor(readonly context: MessageContext) {
    this.formats = getLocaleFormats(context.locale);
    this.lead = context.invoices.find((invoice) => invoice.id === context.leadInvoiceId);
  }

  today(): number {
    return (this.localToday ??= localDay(this.context.timeZone, this.context.sentAt));
  }

  lookup(tag: string): MergeLookup {
    let result = this.memo.get(tag);
    if (result === undefined) {
      result = isKnownMergeTag(tag) ? resolvers[tag](this) : { ok: false, reason: 'unknown_tag', tag };
      this.memo.set(tag, result);
    }
    return result;
  }
}

export function buildMergeValues(context: MessageContext): MergeValues {
  return new MessageMergeValues(context);
}
