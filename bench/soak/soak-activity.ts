import { recordPromise } from '../../src/app/collections/record-promise.ts';
import { readOpenBalances } from '../../src/app/open-balance.ts';
import { recordIncomingPayment } from '../../src/app/payments/record-payment.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { formatAmount } from '../../src/core/money/money.ts';
import { formatCalendarDay } from '../../src/core/time/calendar-day.ts';
import { localDay } from '../../src/core/time/time-zone.ts';
import type { SeededOrganisation } from './seed-soak-workspaces.ts';
import type { SoakOrganisation } from './soak-organisations.ts';

// What happens in the organisations while the workers run, written through the same use cases
// the API uses: invoices arrive, customers pay (some while a reminder waits in the outbox, which
// must then be withdrawn), promise to pay, and reply. Each is remembered with the wall time it
// was committed, for the checks that nothing went out after it.

export interface SoakEventRecord {
  kind: 'payment' | 'promise' | 'reply';
  workspaceId: string;
  customerId: string;
  invoiceId: string | null;
  /** The simulated instant of the event. */
  at: number;
  /** Wall clock when its transaction had committed. */
  committedWallAt: number;
  /** A promise's date (the customer pays by then). */
  on?: string;
}

export interface SoakActivityCounts {
  invoicesAdded: number;
  payments: number;
  paymentsWhileQueued: number;
  promises: number;
  replies: number;
}

/** Per simulated hour, per organisation (invoices: per 100 customers). */
const rates = { invoicesPer100Customers: 1.5, payments: 2, promises: 0.7, replies: 0.7 };
const hourMs = 3_600_000;

export interface SoakActivity {
  readonly events: SoakEventRecord[];
  readonly counts: SoakActivityCounts;
  /** Writes what happened between the last step and `now` (simulated). */
  step(now: number): Promise<void>;
}

export function createSoakActivity(input: {
  store: Store;
  organisations: readonly SoakOrganisation[];
  seeded: readonly SeededOrganisation[];
  random: () => number;
  startAt: number;
}): SoakActivity {
  const { store, random } = input;
  const events: SoakEventRecord[] = [];
  const counts: SoakActivityCounts = { invoicesAdded: 0, payments: 0, paymentsWhileQueued: 0, promises: 0, replies: 0 };
  const state = input.organisations.map((organisation) => {
    const seeded = input.seeded.find((entry) => entry.id === organisation.id);
    if (!seeded) throw new Error(`organisation ${organisation.id} was not seeded`);
    return { organisation, customers: seeded.customers, open: [...seeded.invoices], nextInvoice: 1 };
  });
  let lastAt = input.startAt;
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  // A count for this stretch whose mean is rate × hours: whole part plus a chance for the rest.
  const draws = (rate: number, hours: number) => {
    const mean = rate * hours;
    return Math.floor(mean) + (random() < mean - Math.floor(mean) ? 1 : 0);
  };

  type OrgState = (typeof state)[number];

  const addInvoice = async (org: OrgState, now: number) => {
    const customer = pick(org.customers);
    if (!customer) return;
    const sample = org.open.find((invoice) => invoice.customerId === customer.id);
    const currency = sample?.currency ?? org.organisation.currency;
    const today = localDay(org.organisation.timeZone, now);
    const dueOn = today - 30 + Math.floor(random() * 40);
    const id = `SOAK-${String(org.nextInvoice++).padStart(5, '0')}`;
    const amountMinor = (200 + Math.floor(random() * 8_000)) * (currency === 'JPY' ? 1 : 100);
    await store.upsertInvoices(org.organisation.id, [
      { id, customerId: customer.id, number: id, issuedOn: formatCalendarDay(dueOn - 30), dueOn: formatCalendarDay(dueOn), amountMinor, balanceMinor: amountMinor, currency, knownAt: now, status: 'open' },
    ]);
    org.open.push({ id, customerId: customer.id, currency });
    counts.invoicesAdded += 1;
  };

  // Half the payments go to an invoice whose reminder is queued right now: the last look must withdraw it.
  const pay = async (org: OrgState, now: number) => {
    const queued = random() < 0.5 ? await store.listOutboxMessages(org.organisation.id, { statuses: ['queued'], limit: 50 }) : [];
    const target = pick(queued)?.invoiceIds[0] ?? pick(org.open)?.id;
    if (!target) return;
    const balance = (await readOpenBalances(store, org.organisation.id, [target], now)).get(target);
    if (!balance || balance.openMinor <= 0) return;
    const paid = await recordIncomingPayment({
      store,
      now,
      workspaceId: org.organisation.id,
      by: 'soak',
      payment: {
        source: 'api',
        sourceId: `soak-${org.organisation.id}-${counts.payments + 1}`,
        amountMinor: balance.openMinor,
        currency: balance.invoice.currency,
        receivedAt: now,
        customerId: balance.invoice.customerId,
        invoices: [{ invoiceId: target, amountMinor: null }],
      },
    });
    if (paid.allocations.length === 0) return;
    org.open = org.open.filter((invoice) => invoice.id !== target);
    counts.payments += 1;
    if (queued.length > 0) counts.paymentsWhileQueued += 1;
    events.push({ kind: 'payment', workspaceId: org.organisation.id, customerId: balance.invoice.customerId, invoiceId: target, at: now, committedWallAt: Date.now() });
  };

  const promise = async (org: OrgState, now: number) => {
    const target = pick(org.open);
    if (!target) return;
    const balance = (await readOpenBalances(store, org.organisation.id, [target.id], now)).get(target.id);
    if (!balance || balance.openMinor <= 0) return;
    const on = formatCalendarDay(localDay(org.organisation.timeZone, now) + 3);
    await recordPromise({
      store,
      now,
      workspaceId: org.organisation.id,
      by: { kind: 'cli', id: 'soak', label: 'cli:soak', role: null },
      invoiceId: target.id,
      amount: formatAmount(balance.openMinor, balance.invoice.currency),
      on,
    });
    counts.promises += 1;
    events.push({ kind: 'promise', workspaceId: org.organisation.id, customerId: target.customerId, invoiceId: target.id, at: now, committedWallAt: Date.now(), on });
  };

  const reply = async (org: OrgState, now: number) => {
    const customer = pick(org.customers);
    if (!customer) return;
    await store.appendEvents(org.organisation.id, [{ at: now, type: 'reply', customerId: customer.id }]);
    counts.replies += 1;
    events.push({ kind: 'reply', workspaceId: org.organisation.id, customerId: customer.id, invoiceId: null, at: now, committedWallAt: Date.now() });
  };

  return {
    events,
    counts,
    async step(now) {
      const hours = (now - lastAt) / hourMs;
      lastAt = now;
      if (hours <= 0) return;
      for (const org of state) {
        const invoices = draws((rates.invoicesPer100Customers * org.customers.length) / 100, hours);
        for (let n = 0; n < invoices; n += 1) await addInvoice(org, now);
        for (let n = draws(rates.payments, hours); n > 0; n -= 1) await pay(org, now);
        for (let n = draws(rates.promises, hours); n > 0; n -= 1) await promise(org, now);
        for (let n = draws(rates.replies, hours); n > 0; n -= 1) await reply(org, now);
      }
    },
  };
}
