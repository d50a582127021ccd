import type { CustomerInput, EventInput, InvoiceInput } from '../src/app/ports/store.ts';
import { formatCalendarDay } from '../src/core/time/calendar-day.ts';
import { pickFrom, type Random } from './write-cash-memos.ts';
import type { CashBenchData } from './build-cash-data.ts';

// The cash benchmark's portfolio as a store holds it, with the history that makes what an
// invoice owes differ from its stored balance: part-payments, credits and reversals recorded on
// some invoices (their stored balance is higher by what the events took off), a payment dated
// a few hours after `now` (it does not count yet), invoices of the sequence's gaps that are still open but
// fully paid, or closed, and an invoice whose currency was corrected after a payment. What each
// open invoice owes at `now` is exactly the generated portfolio's balance, so matching against
// the store proposes what matching against the generated invoices does.

export interface CashHistory {
  customers: CustomerInput[];
  invoices: InvoiceInput[];
  events: EventInput[];
  /** Written after the events: the same invoices with their currency corrected. */
  corrections: InvoiceInput[];
}

const msPerDay = 86_400_000;

export function buildCashHistory(data: CashBenchData, { random, now }: { random: Random; now: number }): CashHistory {
  const names = new Map<string, string>();
  for (const invoice of data.invoices) names.set(invoice.customerId, invoice.customerName);
  for (const payment of data.payments) if (payment.customerId !== null && !names.has(payment.customerId)) names.set(payment.customerId, payment.customerId);
  const customers: CustomerInput[] = [...names].map(([id, name]) => ({ id, name }));
  // Customers with nothing open: they count toward how common a name's word is, and are never a match.
  const formerNames = [...names.values()];
  for (let index = 0; index < Math.ceil(names.size / 5); index += 1) customers.push({ id: `former_${String(index).padStart(5, '0')}`, name: pickFrom(random, formerNames) });

  const invoices: InvoiceInput[] = [];
  const events: EventInput[] = [];
  const corrections: InvoiceInput[] = [];
  const past = (days: number) => now - Math.ceil(days * msPerDay) - 3_600_000;
  const amount = (minor: number) => (minor / 100).toFixed(2);
  for (const invoice of data.invoices) {
    const stored: InvoiceInput = {
      id: invoice.id,
      customerId: invoice.customerId,
      number: invoice.number,
      issuedOn: formatCalendarDay(invoice.issuedOn ?? invoice.dueOn - 30),
      dueOn: formatCalendarDay(invoice.dueOn),
      amountMinor: invoice.balanceMinor,
      balanceMinor: invoice.balanceMinor,
      currency: invoice.currency,
      knownAt: past(200),
      status: 'open',
    };
    const roll = random();
    if (roll < 0.12) {
      // Paid in part already: the stored balance is what Plixo learned, the payment took the rest.
      const paid = 1_000 + Math.floor(random() * 50_000);
      invoices.push({ ...stored, amountMinor: invoice.balanceMinor + paid, balanceMinor: invoice.balanceMinor + paid });
      events.push({ at: past(random() * 20), type: 'payment', invoiceId: invoice.id, payload: { amount: amount(paid) } });
    } else if (roll < 0.16) {
      const credited = 500 + Math.floor(random() * 10_000);
      invoices.push({ ...stored, balanceMinor: invoice.balanceMinor + credited });
      events.push({ at: past(random() * 20), type: 'credit', invoiceId: invoice.id, payload: { amount: amount(credited) } });
    } else if (roll < 0.18) {
      // Paid, then refunded: what it owes is back to the stored balance.
      events.push({ at: past(10), type: 'payment', invoiceId: invoice.id, payload: { amount: amount(invoice.balanceMinor) } });
      events.push({ at: past(5), type: 'payment_reversed', invoiceId: invoice.id, payload: { amount: amount(invoice.balanceMinor) } });
      invoices.push(stored);
    } else if (roll < 0.182) {
      // A payment dated a few hours ahead (an import in a zone east of UTC): not part of what it owes now.
      invoices.push(stored);
      events.push({ at: now + 3 * 3_600_000, type: 'payment', invoiceId: invoice.id, payload: { amount: amount(invoice.balanceMinor) } });
    } else if (roll < 0.184 && invoice.currency !== 'USD' && invoice.balanceMinor > 1_000) {
      // Booked in USD by mistake with a payment on it, then corrected to its currency.
      invoices.push({ ...stored, currency: 'USD', balanceMinor: invoice.balanceMinor + 1_000 });
      events.push({ at: past(3), type: 'payment', invoiceId: invoice.id, payload: { amount: amount(1_000) } });
      corrections.push({ ...stored, balanceMinor: invoice.balanceMinor + 1_000 });
    } else {
      invoices.push(stored);
    }
  }
  // The numbers of the sequence not open in the portfolio (paid before the batch): some are still
  // open in the store with nothing left to pay, some are closed.
  const taken = new Set(data.invoices.map((invoice) => invoice.number));
  const sequences = data.invoices.map((invoice) => Number(invoice.number.replace(/\D/g, '')));
  const last = Math.max(...sequences);
  const customerIds = [...names.keys()];
  for (let sequence = Math.min(...sequences); sequence < last; sequence += 1) {
    const number = `INV-0${sequence}`;
    if (taken.has(number) || random() < 0.5) continue;
    const balanceMinor = 5_000 + Math.floor(random() * 200_000);
    const paidInFull = random() < 0.5;
    const invoice: InvoiceInput = {
      id: `gap_${sequence}`,
      customerId: pickFrom(random, customerIds),
      number,
      issuedOn: formatCalendarDay(Math.floor(now / msPerDay) - 90),
      dueOn: formatCalendarDay(Math.floor(now / msPerDay) - 60),
      amountMinor: balanceMinor,
      balanceMinor: paidInFull ? balanceMinor : 0,
      currency: 'EUR',
      knownAt: past(100),
      status: paidInFull ? 'open' : 'closed',
    };
    invoices.push(invoice);
    if (paidInFull) events.push({ at: past(30), type: 'payment', invoiceId: invoice.id, payload: { amount: amount(balanceMinor) } });
  }
  return { customers, invoices, events, corrections };
}
