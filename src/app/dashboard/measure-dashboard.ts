import { parseAmount } from '../../core/money/money.ts';
import { formatCalendarDay, parseCalendarDay, type EpochDay } from '../../core/time/calendar-day.ts';
import { localDay, startOfLocalDay } from '../../core/time/time-zone.ts';
import { AppError } from '../app-error.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { agingBuckets, type AgingBucket, type MoneyEventFact, type ReceivablesCheckpoint } from '../ports/reporting-store.ts';
import type { Store } from '../ports/store.ts';

// The dashboard: A/R per currency with its aging, the DSO of each month, cadence coverage and
// promise adherence. The store sums the invoices (one scan each for aging and for every month's
// A/R); only invoices with a payment, credit or promise recorded in Plixo are counted here one by
// one, as the engine counts them (app/open-balance.ts): the stored balance less those payments.
//
// DSO of a month = A/R open at the month's end ÷ what was invoiced in the three months up to it ×
// the days of those three months. The month so far ends now. Per currency, never summed across.

export interface CurrencyReceivables {
  currency: string;
  totalMinor: number;
  openInvoices: number;
  buckets: { bucket: AgingBucket; invoices: number; balanceMinor: number }[];
}

export interface DsoPoint {
  /** 'YYYY-MM'. */
  month: string;
  /** The date A/R was measured on: the month's last day, or today for the month so far. */
  on: string;
  partial: boolean;
  values: { currency: string; receivableMinor: number; invoicedMinor: number; periodDays: number; dsoDays: number | null }[];
}

export interface Dashboard {
  asOfOn: string;
  timeZone: string;
  receivables: CurrencyReceivables[];
  dso: DsoPoint[];
  coverage: { openInvoices: number; coveredInvoices: number; share: number | null; scoredAt: number | null };
  promises: { kept: number; missed: number; open: number; adherence: number | null };
}

export const dsoPeriodMonths = 3;

export function agingBucketOf(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}

export async function measureDashboard({ store, workspaceId, now, months = 12 }: { store: Store; workspaceId: string; now: number; months?: number }): Promise<Dashboard> {
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`);
  const { timeZone } = workspace;
  const today = localDay(timeZone, now);
  const todayOn = formatCalendarDay(today);
  const checkpoints = monthCheckpoints({ timeZone, today, now, months });
  const graceDays = await loadLivePolicy(store, workspaceId).then(
    (live) => live.policy.workspace.guardrails.promiseGraceDays,
    () => 1,
  );
  const [aging, atCheckpoints, events, coverage] = await Promise.all([
    store.measureAging(workspaceId, todayOn),
    store.measureReceivablesAt(workspaceId, checkpoints),
    store.listMoneyEvents(workspaceId),
    store.measureCadenceCoverage(workspaceId, now),
  ]);
  const byInvoice = groupByInvoice(events);
  return {
    asOfOn: todayOn,
    timeZone,
    receivables: sumReceivables(aging, byInvoice, { today, now }),
    dso: sumDso(checkpoints, atCheckpoints, byInvoice, todayOn),
    coverage: { ...coverage, share: coverage.openInvoices === 0 ? null : coverage.coveredInvoices / coverage.openInvoices },
    promises: countPromises(byInvoice, { timeZone, today, now, graceDays }),
  };
}

function monthCheckpoints({ timeZone, today, now, months }: { timeZone: string; today: EpochDay; now: number; months: number }): ReceivablesCheckpoint[] {
  const [year, month] = formatCalendarDay(today).split('-').map(Number) as [number, number];
  const firstOf = (offset: number) => {
    const date = new Date(Date.UTC(year, month - 1 + offset, 1));
    return parseCalendarDay(date.toISOString().slice(0, 10))!;
  };
  const checkpoints: ReceivablesCheckpoint[] = [];
  for (let offset = -(months - 1); offset <= 0; offset += 1) {
    const current = offset === 0;
    const lastDay = current ? today : firstOf(offset + 1) - 1;
    const at = current ? now : startOfLocalDay(timeZone, lastDay + 1) - 1;
    checkpoints.push({ at, on: formatCalendarDay(lastDay), invoicedFromOn: formatCalendarDay(firstOf(offset - (dsoPeriodMonths - 1))) });
  }
  return checkpoints;
}

interface InvoiceMoney {
  invoice: MoneyEventFact['invoice'];
  /** Payments and credits, as minor units at their instant. */
  paid: { at: number; minor: number; credit: boolean }[];
  promises: { at: number; payload: Record<string, unknown> }[];
}

function groupByInvoice(events: readonly MoneyEventFact[]): Map<string, InvoiceMoney> {
  const byInvoice = new Map<string, InvoiceMoney>();
  for (const event of events) {
    let entry = byInvoice.get(event.invoice.id);
    if (!entry) byInvoice.set(event.invoice.id, (entry = { invoice: event.invoice, paid: [], promises: [] }));
    if (event.type === 'promise') {
      entry.promises.push({ at: event.at, payload: event.payload });
      continue;
    }
    const amount = parseAmount(String(event.payload.amount ?? ''), event.invoice.currency);
    // A reversal takes back what a payment brought in: counted as a negative payment at its instant.
    if (amount.ok) entry.paid.push({ at: event.at, minor: event.type === 'payment_reversed' ? -amount.minor : amount.minor, credit: event.type === 'credit' });
  }
  return byInvoice;
}

const paidBy = (money: InvoiceMoney, at: number) => money.paid.reduce((sum, payment) => (payment.at <= at ? sum + payment.minor : sum), 0);

function sumReceivables(aging: Awaited<ReturnType<Store['measureAging']>>, byInvoice: ReadonlyMap<string, InvoiceMoney>, { today, now }: { today: EpochDay; now: number }): CurrencyReceivables[] {
  const totals = new Map<string, Map<AgingBucket, { invoices: number; balanceMinor: number }>>();
  const cell = (currency: string, bucket: AgingBucket) => {
    let buckets = totals.get(currency);
    if (!buckets) totals.set(currency, (buckets = new Map(agingBuckets.map((name) => [name, { invoices: 0, balanceMinor: 0 }]))));
    return buckets.get(bucket)!;
  };
  for (const row of aging) {
    const target = cell(row.currency, row.bucket);
    target.invoices += row.invoices;
    target.balanceMinor += row.balanceMinor;
  }
  // The store summed stored balances of open invoices with one; payments and credits lower them.
  for (const money of byInvoice.values()) {
    const { invoice } = money;
    if (invoice.status !== 'open' || invoice.balanceMinor <= 0 || money.paid.length === 0) continue;
    const open = Math.max(0, invoice.balanceMinor - paidBy(money, now));
    const target = cell(invoice.currency, agingBucketOf(today - parseCalendarDay(invoice.dueOn)!));
    target.balanceMinor += open - invoice.balanceMinor;
    if (open === 0) target.invoices -= 1;
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, buckets]) => {
      const list = agingBuckets.map((bucket) => ({ bucket, ...buckets.get(bucket)! }));
      return { currency, totalMinor: list.reduce((sum, entry) => sum + entry.balanceMinor, 0), openInvoices: list.reduce((sum, entry) => sum + entry.invoices, 0), buckets: list };
    });
}

function sumDso(checkpoints: readonly ReceivablesCheckpoint[], rows: Awaited<ReturnType<Store['measureReceivablesAt']>>, byInvoice: ReadonlyMap<string, InvoiceMoney>, todayOn: string): DsoPoint[] {
  const key = (index: number, currency: string) => `${index}|${currency}`;
  const figures = new Map(rows.map((row) => [key(row.checkpoint, row.currency), { receivableMinor: row.receivableMinor, invoicedMinor: row.invoicedMinor }]));
  for (const money of byInvoice.values()) {
    if (money.paid.length === 0) continue;
    const { invoice } = money;
    checkpoints.forEach((checkpoint, index) => {
      const counted = invoice.issuedOn <= checkpoint.on && !(invoice.status === 'closed' && invoice.updatedAt <= checkpoint.at);
      const figure = figures.get(key(index, invoice.currency));
      if (!counted || !figure) return;
      const base = invoice.knownAt <= checkpoint.at ? invoice.balanceMinor : invoice.amountMinor;
      figure.receivableMinor += Math.max(0, base - paidBy(money, checkpoint.at)) - base;
    });
  }
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  return checkpoints.map((checkpoint, index) => {
    const periodDays = parseCalendarDay(checkpoint.on)! - parseCalendarDay(checkpoint.invoicedFromOn)! + 1;
    return {
      month: checkpoint.on.slice(0, 7),
      on: checkpoint.on,
      partial: checkpoint.on === todayOn,
      values: currencies.map((currency) => {
        const { receivableMinor, invoicedMinor } = figures.get(key(index, currency)) ?? { receivableMinor: 0, invoicedMinor: 0 };
        const dsoDays = invoicedMinor > 0 ? Math.round((receivableMinor / invoicedMinor) * periodDays * 10) / 10 : null;
        return { currency, receivableMinor, invoicedMinor, periodDays, dsoDays };
      }),
    };
  });
}

/**
 * A promise is kept when payments of at least its amount arrive from its making to its date plus
 * the grace days (in the organisation's time zone), missed once that day has passed without them;
 * the rule of app/collections/record-promise.ts's listPromises.
 */
function countPromises(byInvoice: ReadonlyMap<string, InvoiceMoney>, { timeZone, today, graceDays }: { timeZone: string; today: EpochDay; now: number; graceDays: number }) {
  let kept = 0;
  let missed = 0;
  let open = 0;
  for (const money of byInvoice.values()) {
    for (const promise of money.promises) {
      const wanted = parseAmount(String(promise.payload.amount), money.invoice.currency);
      const deadlineDay = (parseCalendarDay(String(promise.payload.on)) ?? today) + graceDays;
      const paid = money.paid.filter((payment) => !payment.credit && payment.at >= promise.at && localDay(timeZone, payment.at) <= deadlineDay).reduce((sum, payment) => sum + payment.minor, 0);
      if (wanted.ok && paid >= wanted.minor) kept += 1;
      else if (today > deadlineDay) missed += 1;
      else open += 1;
    }
  }
  return { kept, missed, open, adherence: kept + missed === 0 ? null : kept / (kept + missed) };
}
