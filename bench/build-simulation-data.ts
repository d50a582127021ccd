import { createSeededRandom } from '../src/core/random/create-seeded-random.ts';
import { generatePortfolio, type GeneratedCustomer, type GeneratedInvoice } from '../src/app/demo/generate-portfolio.ts';
import { formatAmount, parseAmount } from '../src/core/money/money.ts';
import { formatCalendarDay, type EpochDay } from '../src/core/time/calendar-day.ts';
import { formatInstant } from '../src/core/time/parse-instant.ts';
import type { Instant } from '../src/core/time/time-zone.ts';

// A DATA.json for `plixo simulate` (spec section 5): a generated portfolio plus what happens to
// it during the simulated range, so the benchmark exercises payments, promises, disputes,
// replies and maintenance, not only the happy path of the cadences.

const msPerDay = 86_400_000;
const msPerHour = 3_600_000;

/** Shares of invoices (each invoice gets at most one of these) and of customers. */
export const eventShares = {
  payment: 0.2,
  partialPayment: 0.3,
  promise: 0.02,
  dispute: 0.01,
  reply: 0.03,
} as const;

export interface SimulationDataInput {
  customers: number;
  invoices: number;
  timeZones: number;
  from: Instant;
  to: Instant;
  seed: number;
}

export interface RawEvent {
  at: string;
  type: string;
  [field: string]: string;
}

export interface SimulationData {
  customers: GeneratedCustomer[];
  invoices: GeneratedInvoice[];
  events: RawEvent[];
}

export interface SimulationDataSummary {
  customers: number;
  invoices: number;
  /** Events by type; `payment` includes the payments that keep a promise. */
  events: Record<string, number>;
  partialPayments: number;
  promisesKept: number;
  promisesPartlyKept: number;
  promisesBroken: number;
  maintenance: { from: string; to: string };
}

export function buildSimulationData(input: SimulationDataInput): { data: SimulationData; summary: SimulationDataSummary } {
  const today: EpochDay = Math.floor(input.from / msPerDay);
  const customers: GeneratedCustomer[] = [];
  const invoices: GeneratedInvoice[] = [];
  for (const entry of generatePortfolio({ ...input, today })) {
    customers.push(entry.customer);
    invoices.push(...entry.invoices);
  }
  const random = createSeededRandom(input.seed + 1);
  const between = (from: Instant, to: Instant) => from + Math.floor(random() * Math.max(1, to - from));
  const events: RawEvent[] = [];
  const summary: SimulationDataSummary = {
    customers: customers.length,
    invoices: invoices.length,
    events: {},
    partialPayments: 0,
    promisesKept: 0,
    promisesPartlyKept: 0,
    promisesBroken: 0,
    maintenance: { from: '', to: '' },
  };
  const add = (event: RawEvent) => {
    events.push(event);
    summary.events[event.type] = (summary.events[event.type] ?? 0) + 1;
  };
  const payment = (invoice: GeneratedInvoice, at: Instant, minor: number) =>
    add({ at: formatInstant(at), type: 'payment', invoice: invoice.id, amount: formatAmount(minor, invoice.currency) });

  for (const invoice of invoices) {
    const balance = parseAmount(invoice.balance, invoice.currency);
    if (!balance.ok || balance.minor <= 1) continue;
    const half = Math.floor(balance.minor / 2);
    const fate = random();
    if (fate < eventShares.payment) {
      const partial = random() < eventShares.partialPayment;
      if (partial) summary.partialPayments += 1;
      payment(invoice, between(input.from, input.to), partial ? half : balance.minor);
    } else if (fate < eventShares.payment + eventShares.promise) {
      const at = between(input.from, input.to - 12 * msPerDay);
      const onDay = Math.floor(at / msPerDay) + 3 + Math.floor(random() * 7);
      add({ at: formatInstant(at), type: 'promise', invoice: invoice.id, amount: invoice.balance, on: formatCalendarDay(onDay) });
      // Kept, partly kept (a payment short of the promise) or broken, a third each.
      const outcome = random();
      const paidAt = at + Math.floor(random() * (onDay * msPerDay - at));
      if (outcome < 1 / 3) {
        summary.promisesKept += 1;
        payment(invoice, paidAt, balance.minor);
      } else if (outcome < 2 / 3) {
        summary.promisesPartlyKept += 1;
        payment(invoice, paidAt, half);
      } else {
        summary.promisesBroken += 1;
      }
    } else if (fate < eventShares.payment + eventShares.promise + eventShares.dispute) {
      const at = between(input.from, input.to - 5 * msPerDay);
      add({ at: formatInstant(at), type: 'dispute', invoice: invoice.id });
      const resolvedAt = Math.min(at + (2 + Math.floor(random() * 19)) * msPerDay, input.to - msPerHour);
      add({ at: formatInstant(resolvedAt), type: 'dispute_resolved', invoice: invoice.id });
    }
  }
  for (const customer of customers) {
    if (random() < eventShares.reply) add({ at: formatInstant(between(input.from, input.to)), type: 'reply', customer: customer.id });
  }
  // One 2-hour maintenance window a month into the range, announced the day before.
  const windowFrom = input.from + 30 * msPerDay + 14 * msPerHour;
  const windowTo = windowFrom + 2 * msPerHour;
  summary.maintenance = { from: formatInstant(windowFrom), to: formatInstant(windowTo) };
  add({ at: formatInstant(windowFrom - msPerDay), type: 'maintenance', from: formatInstant(windowFrom), to: formatInstant(windowTo) });
  return { data: { customers, invoices, events }, summary };
}
