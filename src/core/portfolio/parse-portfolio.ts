import { formatAmount, isKnownCurrency, parseAmount } from '../money/money.ts';
import { parseCalendarDay } from '../time/calendar-day.ts';
import { parseInstant } from '../time/parse-instant.ts';
import { isValidTimeZone } from '../time/time-zone.ts';
import { maxPlanInstallments, reversalReasons, type Contact, type Customer, type Invoice, type PlanInstallment, type Portfolio, type PortfolioEvent, type ReversalReason } from './portfolio.ts';

// Reads portfolio data (the DATA.json of `plixo simulate`, section 5 of the spec) and reports
// every problem with the record and field it concerns, so a bad file is refused whole.

export interface DataIssue {
  /** e.g. `invoices[2] (INV-3)` */
  record: string;
  field: string;
  message: string;
}

export type ParsePortfolioResult = { ok: true; portfolio: Portfolio } | { ok: false; issues: DataIssue[] };

type Raw = Record<string, unknown>;

const eventTypes = ['payment', 'payment_reversed', 'credit', 'reply', 'promise', 'plan', 'plan_cancelled', 'dispute', 'dispute_resolved', 'pause', 'maintenance'] as const;

/** Where a reader reports a problem with one field of the record it reads. */
interface IssueSink {
  add(field: string, message: string): void;
}

class IssueCollector implements IssueSink {
  readonly issues: DataIssue[] = [];
  constructor(private record: string) {}
  at(record: string): this {
    this.record = record;
    return this;
  }
  add(field: string, message: string): void {
    this.issues.push({ record: this.record, field, message });
  }
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

export interface ParsePortfolioOptions {
  /**
   * Refuse a plan whose instalments add up to more than the invoice owes when it is agreed
   * (default). Stored history turns it off: what happened is read as it happened, and a payment
   * imported later with an earlier date must not make a workspace's data unreadable.
   */
  checkPlanBalances?: boolean;
}

export function parsePortfolio(raw: unknown, options: ParsePortfolioOptions = {}): ParsePortfolioResult {
  const issues = new IssueCollector('data');
  if (!isObject(raw)) {
    issues.add('(file)', 'must be a JSON object with customers, invoices and events');
    return { ok: false, issues: issues.issues };
  }
  for (const key of Object.keys(raw)) {
    if (!['customers', 'invoices', 'events'].includes(key)) issues.add(key, `unknown key "${key}"`);
  }
  const customers = readList(raw, 'customers', issues).map((item, index) => readCustomer(item, index, issues));
  const customerIds = new Set<string>();
  for (const [index, customer] of customers.entries()) {
    if (!customer) continue;
    if (customerIds.has(customer.id)) issues.at(`customers[${index}] (${customer.id})`).add('id', 'another customer has the same id');
    customerIds.add(customer.id);
  }
  const invoices = readList(raw, 'invoices', issues).map((item, index) => readInvoice(item, index, customerIds, issues));
  const invoiceById = new Map<string, Invoice>();
  for (const [index, invoice] of invoices.entries()) {
    if (!invoice) continue;
    if (invoiceById.has(invoice.id)) issues.at(`invoices[${index}] (${invoice.id})`).add('id', 'another invoice has the same id');
    invoiceById.set(invoice.id, invoice);
  }
  const events = readList(raw, 'events', issues).map((item, index) => readEvent(item, index, customerIds, invoiceById, issues));
  if (issues.issues.length > 0) return { ok: false, issues: issues.issues };
  const ordered = (events as PortfolioEvent[]).map((event, index) => ({ event, index })).sort((a, b) => a.event.at - b.event.at || a.index - b.index);
  if (options.checkPlanBalances ?? true) checkPlanBalances(ordered, invoiceById, issues);
  if (issues.issues.length > 0) return { ok: false, issues: issues.issues };
  return { ok: true, portfolio: { customers: customers as Customer[], invoices: invoices as Invoice[], events: ordered.map(({ event }) => event) } };
}

function readList(raw: Raw, key: string, issues: IssueCollector): unknown[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.at('data').add(key, 'must be a list');
    return [];
  }
  return value;
}

function readString(item: Raw, field: string, issues: IssueSink, required = true): string | null {
  const value = item[field];
  if (value === undefined || value === null) {
    if (required) issues.add(field, 'is required');
    return null;
  }
  if (typeof value !== 'string' || value.length === 0) {
    issues.add(field, `must be a non-empty text, got ${describe(value)}`);
    return null;
  }
  return value;
}

function readDay(item: Raw, field: string, issues: IssueSink, required = true): number | null {
  const text = readString(item, field, issues, required);
  if (text === null) return null;
  const day = parseCalendarDay(text);
  if (day === null) issues.add(field, `"${text}" is not a real date written YYYY-MM-DD`);
  return day;
}

function readInstantField(item: Raw, field: string, issues: IssueCollector, required = true): number | null {
  const text = readString(item, field, issues, required);
  if (text === null) return null;
  const instant = parseInstant(text);
  if (instant === null) issues.add(field, `"${text}" is not an ISO-8601 instant such as 2024-04-08T07:00:00Z`);
  return instant;
}

function checkKeys(item: Raw, allowed: readonly string[], issues: IssueSink): void {
  for (const key of Object.keys(item)) if (!allowed.includes(key)) issues.add(key, `unknown field "${key}"`);
}

function readCustomer(item: unknown, index: number, issues: IssueCollector): Customer | null {
  issues.at(`customers[${index}]`);
  if (!isObject(item)) {
    issues.add('(record)', 'must be an object');
    return null;
  }
  const before = issues.issues.length;
  const id = readString(item, 'id', issues);
  if (id) issues.at(`customers[${index}] (${id})`);
  checkKeys(item, ['id', 'name', 'timezone', 'locale', 'tags', 'region', 'industry', 'score', 'tier', 'contacts'], issues);
  const name = readString(item, 'name', issues, false) ?? id ?? '';
  const timeZone = readString(item, 'timezone', issues, false);
  if (timeZone && !isValidTimeZone(timeZone)) issues.add('timezone', `"${timeZone}" is not a known IANA time zone`);
  const locale = readString(item, 'locale', issues, false);
  if (locale) {
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      issues.add('locale', `"${locale}" is not a BCP 47 locale such as de-DE`);
    }
  }
  const tags = item.tags ?? [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) issues.add('tags', 'must be a list of texts');
  const score = item.score ?? null;
  if (score !== null && typeof score !== 'number') issues.add('score', `must be a number, got ${describe(score)}`);
  const contacts: Contact[] = [];
  const rawContacts = item.contacts ?? [];
  if (!Array.isArray(rawContacts)) issues.add('contacts', 'must be a list');
  else
    for (const [contactIndex, contact] of rawContacts.entries()) {
      if (!isObject(contact)) {
        issues.add(`contacts[${contactIndex}]`, 'must be an object');
        continue;
      }
      const email = contact.email;
      if (email !== undefined && (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email))) {
        issues.add(`contacts[${contactIndex}].email`, `${describe(email)} is not an email address`);
      }
      contacts.push({
        name: typeof contact.name === 'string' ? contact.name : null,
        email: typeof email === 'string' ? email : null,
      });
    }
  if (issues.issues.length > before || !id) return null;
  return {
    id,
    name,
    timeZone,
    locale,
    tags: tags as string[],
    region: optionalText(item.region),
    industry: optionalText(item.industry),
    score: score as number | null,
    tier: optionalText(item.tier),
    contacts,
  };
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' ? value : value === undefined || value === null ? null : String(value);
}

function readInvoice(item: unknown, index: number, customerIds: ReadonlySet<string>, issues: IssueCollector): Invoice | null {
  issues.at(`invoices[${index}]`);
  if (!isObject(item)) {
    issues.add('(record)', 'must be an object');
    return null;
  }
  const before = issues.issues.length;
  const id = readString(item, 'id', issues);
  if (id) issues.at(`invoices[${index}] (${id})`);
  checkKeys(item, ['id', 'customer', 'number', 'issuedOn', 'dueOn', 'amount', 'balance', 'currency', 'knownAt'], issues);
  const customerId = readString(item, 'customer', issues);
  if (customerId && !customerIds.has(customerId)) issues.add('customer', `no customer has the id "${customerId}"`);
  const currency = readString(item, 'currency', issues);
  if (currency && !isKnownCurrency(currency)) issues.add('currency', `"${currency}" is not an ISO 4217 currency code`);
  const dueOn = readDay(item, 'dueOn', issues);
  const issuedOn = readDay(item, 'issuedOn', issues, false);
  const knownAt = readInstantField(item, 'knownAt', issues, false);
  const amountMinor = readMoney(item, 'amount', currency, issues, true);
  const balanceMinor = readMoney(item, 'balance', currency, issues, false) ?? amountMinor;
  if (issues.issues.length > before || !id || !customerId || !currency || dueOn === null || amountMinor === null) return null;
  return {
    id,
    customerId,
    number: readString(item, 'number', issues, false) ?? id,
    issuedOn,
    dueOn,
    amountMinor,
    balanceMinor: balanceMinor ?? amountMinor,
    currency,
    knownAt,
  };
}

function readMoney(item: Raw, field: string, currency: string | null, issues: IssueSink, required: boolean): number | null {
  const value = item[field];
  if (value === undefined || value === null) {
    if (required) issues.add(field, 'is required');
    return null;
  }
  if (typeof value !== 'string') {
    issues.add(field, `must be a decimal string such as "1200.00", got ${describe(value)} (amounts are never floats)`);
    return null;
  }
  if (!currency || !isKnownCurrency(currency)) return null;
  const parsed = parseAmount(value, currency);
  if (!parsed.ok) {
    issues.add(field, parsed.problem);
    return null;
  }
  return parsed.minor;
}

function readEvent(
  item: unknown,
  index: number,
  customerIds: ReadonlySet<string>,
  invoices: ReadonlyMap<string, Invoice>,
  issues: IssueCollector,
): PortfolioEvent | null {
  issues.at(`events[${index}]`);
  if (!isObject(item)) {
    issues.add('(record)', 'must be an object');
    return null;
  }
  const before = issues.issues.length;
  const type = item.type;
  if (typeof type !== 'string' || !(eventTypes as readonly string[]).includes(type)) {
    issues.add('type', `${describe(type)} is not an event type (${eventTypes.join(', ')})`);
    return null;
  }
  issues.at(`events[${index}] (${type})`);
  const at = readInstantField(item, 'at', issues);
  const invoiceOf = (required: boolean): Invoice | null => {
    const id = readString(item, 'invoice', issues, required);
    if (id === null) return null;
    const invoice = invoices.get(id);
    if (!invoice) issues.add('invoice', `no invoice has the id "${id}"`);
    return invoice ?? null;
  };
  const customerOf = (required: boolean): string | null => {
    const id = readString(item, 'customer', issues, required);
    if (id !== null && !customerIds.has(id)) issues.add('customer', `no customer has the id "${id}"`);
    return id;
  };
  let event: PortfolioEvent | null = null;
  switch (type) {
    case 'payment':
    case 'credit':
    case 'promise': {
      checkKeys(item, type === 'promise' ? ['at', 'type', 'invoice', 'amount', 'on'] : ['at', 'type', 'invoice', 'amount'], issues);
      const invoice = invoiceOf(true);
      const amountMinor = readMoney(item, 'amount', invoice?.currency ?? null, issues, true);
      if (type === 'payment' || type === 'credit') {
        if (invoice && amountMinor !== null && at !== null) event = { type, at, invoiceId: invoice.id, amountMinor };
      } else {
        const onDay = readDay(item, 'on', issues);
        if (invoice && amountMinor !== null && at !== null && onDay !== null) event = { type, at, invoiceId: invoice.id, amountMinor, onDay };
      }
      break;
    }
    case 'payment_reversed': {
      checkKeys(item, ['at', 'type', 'invoice', 'amount', 'reason'], issues);
      const invoice = invoiceOf(true);
      const amountMinor = readMoney(item, 'amount', invoice?.currency ?? null, issues, true);
      if (amountMinor === 0) issues.add('amount', 'must be more than zero');
      const reason = item.reason;
      const knownReason = typeof reason === 'string' && (reversalReasons as readonly string[]).includes(reason);
      if (!knownReason) issues.add('reason', `${describe(reason)} is not a reversal reason (${reversalReasons.join(', ')})`);
      if (invoice && amountMinor !== null && at !== null && knownReason) event = { type, at, invoiceId: invoice.id, amountMinor, reason: reason as ReversalReason };
      break;
    }
    case 'reply': {
      checkKeys(item, ['at', 'type', 'customer'], issues);
      const customerId = customerOf(true);
      if (customerId && at !== null) event = { type, at, customerId };
      break;
    }
    case 'plan': {
      checkKeys(item, ['at', 'type', 'invoice', 'installments'], issues);
      const invoice = invoiceOf(true);
      const installments = readInstallments(item, invoice?.currency ?? null, issues);
      if (invoice && installments && at !== null) event = { type, at, invoiceId: invoice.id, installments };
      break;
    }
    case 'plan_cancelled':
    case 'dispute':
    case 'dispute_resolved': {
      checkKeys(item, ['at', 'type', 'invoice'], issues);
      const invoice = invoiceOf(true);
      if (invoice && at !== null) event = { type, at, invoiceId: invoice.id };
      break;
    }
    case 'pause': {
      checkKeys(item, ['at', 'type', 'customer', 'invoice', 'until'], issues);
      const hasInvoice = item.invoice !== undefined;
      const customerId = hasInvoice ? null : customerOf(true);
      const invoice = hasInvoice ? invoiceOf(true) : null;
      if (hasInvoice && item.customer !== undefined) issues.add('customer', 'a pause names a customer or an invoice, not both');
      const untilDay = readDay(item, 'until', issues);
      if (at !== null && untilDay !== null && (customerId || invoice)) {
        event = { type, at, customerId, invoiceId: invoice?.id ?? null, untilDay };
      }
      break;
    }
    case 'maintenance': {
      checkKeys(item, ['at', 'type', 'from', 'to'], issues);
      const from = readInstantField(item, 'from', issues);
      const to = readInstantField(item, 'to', issues);
      if (from !== null && to !== null && to <= from) issues.add('to', 'must be after from');
      if (at !== null && from !== null && to !== null && to > from) event = { type, at, from, to };
      break;
    }
  }
  return issues.issues.length > before ? null : event;
}

/** A plan's instalments: one to `maxPlanInstallments`, each `{on, amount}` above zero, one per date, in date order. */
function readInstallments(item: Raw, currency: string | null, issues: IssueCollector): PlanInstallment[] | null {
  const raw = item.installments;
  if (raw === undefined || raw === null) {
    issues.add('installments', 'is required');
    return null;
  }
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > maxPlanInstallments) {
    issues.add('installments', `must be a list of 1 to ${maxPlanInstallments} instalments such as {"on": "2024-05-01", "amount": "250.00"}`);
    return null;
  }
  const before = issues.issues.length;
  const installments: PlanInstallment[] = [];
  for (const [index, entry] of raw.entries()) {
    const field = `installments[${index}]`;
    const sink: IssueSink = { add: (name, message) => issues.add(`${field}.${name}`, message) };
    if (!isObject(entry)) {
      issues.add(field, 'must be an object with on and amount');
      continue;
    }
    checkKeys(entry, ['on', 'amount'], sink);
    const onDay = readDay(entry, 'on', sink);
    const amountMinor = readMoney(entry, 'amount', currency, sink, true);
    if (amountMinor !== null && amountMinor <= 0) sink.add('amount', 'must be more than zero');
    const previous = installments.at(-1);
    if (onDay !== null && previous && onDay <= previous.onDay) sink.add('on', 'must be after the date of the instalment before it (one instalment per date, in date order)');
    if (onDay !== null && amountMinor !== null) installments.push({ onDay, amountMinor });
  }
  return issues.issues.length > before ? null : installments;
}

/**
 * A plan may not ask for more than is owed when it is agreed: the invoice's balance less the
 * payments and credits before it, plus the reversals before it (events of one instant in order).
 */
function checkPlanBalances(ordered: readonly { event: PortfolioEvent; index: number }[], invoices: ReadonlyMap<string, Invoice>, issues: IssueCollector): void {
  const balances = new Map<string, number>();
  for (const { event, index } of ordered) {
    if (!('invoiceId' in event) || event.invoiceId === null) continue;
    const invoice = invoices.get(event.invoiceId)!;
    const balance = balances.get(invoice.id) ?? invoice.balanceMinor;
    switch (event.type) {
      case 'payment':
      case 'credit':
        balances.set(invoice.id, balance - event.amountMinor);
        break;
      case 'payment_reversed':
        balances.set(invoice.id, balance + event.amountMinor);
        break;
      case 'plan': {
        const total = event.installments.reduce((sum, installment) => sum + installment.amountMinor, 0);
        if (total > balance) {
          const owed = formatAmount(Math.max(0, balance), invoice.currency);
          issues.at(`events[${index}] (plan)`).add('installments', `add up to ${formatAmount(total, invoice.currency)} ${invoice.currency}, more than the ${owed} ${invoice.currency} open on invoice ${invoice.id} at that moment`);
        }
        break;
      }
      default:
        break;
    }
  }
}
