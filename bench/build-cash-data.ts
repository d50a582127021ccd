import type { Allocation, IncomingPayment, OpenInvoice, RemittanceLine } from '../src/core/cash/cash-types.ts';
import { createSeededRandom } from '../src/core/random/create-seeded-random.ts';
import { mistype, pickFrom, significantDigits, writeJunkMemo, writeListMemo, writeNoReferenceMemo, writePayerName, writeSingleMemo, type Random } from './write-cash-memos.ts';

// The cash benchmark's data: a portfolio of open invoices (customers in EUR, USD and GBP, some
// billed the same amount every month, numbers from one sequence with the paid ones missing) and
// payments against it, each with the truth: which invoices it pays and how much of each (none:
// a person must look at it). Every invoice is paid by at most one payment, so truths never
// compete; a customer paying "its oldest invoices" without naming them gets no other payment.

export type CashPaymentKind =
  | 'clean_reference'
  | 'typo_reference'
  | 'several_references'
  | 'short_pay'
  | 'overpay'
  | 'no_reference'
  | 'remittance_file'
  | 'oldest_invoices'
  | 'junk_memo'
  | 'closed_invoice'
  | 'other_currency';

export const cashPaymentKinds: Record<CashPaymentKind, { weight: number; label: string }> = {
  clean_reference: { weight: 42, label: 'one invoice number, amount equal to its balance' },
  typo_reference: { weight: 8, label: 'one invoice number with a typo (wrong, missing, extra, swapped character, or O for 0), amount equal' },
  several_references: { weight: 10, label: 'two to four invoice numbers of one customer, amount equal to their sum' },
  short_pay: { weight: 7, label: 'one invoice number, less than its balance (a bank fee or a partial payment)' },
  overpay: { weight: 2, label: 'one invoice number, a little more than its balance' },
  no_reference: { weight: 13, label: 'no reference, amount equal to one invoice\'s balance' },
  remittance_file: { weight: 6, label: 'a remittance file with one to four lines, sometimes a deduction on one' },
  oldest_invoices: { weight: 2, label: 'no reference, amount equal to the customer\'s two or three oldest invoices' },
  junk_memo: { weight: 6, label: 'a memo that names nothing; half of them for an amount no invoice has' },
  closed_invoice: { weight: 2, label: 'names an invoice that is no longer open (paid twice), for its amount' },
  other_currency: { weight: 2, label: 'names an invoice in another currency than the payment\'s' },
};

export interface CashTruth {
  kind: CashPaymentKind;
  /** What a correct application does; empty when the payment must wait for a person. */
  allocations: Pick<Allocation, 'invoiceId' | 'amountMinor'>[];
  payerNameKind: ReturnType<typeof writePayerName>['kind'] | 'none';
  customerKnown: boolean;
}

export interface CashBenchData {
  invoices: OpenInvoice[];
  payments: IncomingPayment[];
  truths: CashTruth[];
  customers: number;
}

const brandsA = ['Kor', 'Vel', 'Nord', 'Blu', 'Sil', 'Mar', 'Tel', 'Bri', 'Hel', 'Sta', 'Arc', 'Ven', 'Lum', 'Gra', 'Oro', 'Pax', 'Ryn', 'Sol', 'Tor', 'Zen', 'Ald', 'Bel', 'Cor', 'Dra', 'Eld', 'Fer', 'Gal', 'Hal', 'Ist', 'Jor'];
const brandsB = ['vex', 'ton', 'wind', 'fin', 'ora', 'lux', 'dex', 'mar', 'tek', 'gard', 'io', 'stad', 'berg', 'ford', 'well', 'ara', 'ium', 'dale', 'crest', 'pont', 'ridge', 'holm', 'ven', 'zor', 'nova', 'lith', 'mont', 'quist', 'wick', 'sen'];
const sectors = ['Logistics', 'Foods', 'Systems', 'Labs', 'Health', 'Retail', 'Energy', 'Media', 'Freight', 'Robotics', 'Textiles', 'Software', 'Bau', 'Consulting', 'Trading'];
const legalForms: Record<string, readonly string[]> = { EUR: ['GmbH', 'GmbH & Co. KG', 'AG', 'SAS', 'B.V.', 'S.p.A.'], USD: ['Inc.', 'LLC', 'Corp.'], GBP: ['Ltd', 'PLC', 'Limited'] };
const msPerDay = 86_400_000;

export function buildCashData({ invoices: invoiceCount, customers: customerCount, payments: paymentCount, seed, today }: { invoices: number; customers: number; payments: number; seed: number; today: number }): CashBenchData {
  const random = createSeededRandom(seed);
  const customers = Array.from({ length: customerCount }, (_, index) => {
    const currency = random() < 0.75 ? 'EUR' : random() < 0.6 ? 'USD' : 'GBP';
    const name = `${pickFrom(random, brandsA)}${pickFrom(random, brandsB)} ${pickFrom(random, sectors)} ${pickFrom(random, legalForms[currency]!)}`;
    return { id: `cus_${String(index + 1).padStart(5, '0')}`, name, currency, subscription: random() < 0.2 ? amount(random) : null };
  });
  const invoices: OpenInvoice[] = [];
  const closed: OpenInvoice[] = [];
  let sequence = 104_000;
  while (invoices.length < invoiceCount) {
    sequence += 1;
    // Skewed: a few customers have many open invoices, most a handful.
    const customer = customers[Math.floor(customerCount * random() ** 1.6)]!;
    const issuedOn = today - Math.floor(random() * 150);
    const invoice: OpenInvoice = {
      id: `inv_${sequence}`,
      number: `INV-0${sequence}`,
      customerId: customer.id,
      customerName: customer.name,
      balanceMinor: customer.subscription ?? amount(random),
      currency: customer.currency,
      issuedOn,
      dueOn: issuedOn + 30,
    };
    // A third of the numbers were paid before the batch: the open ones have gaps between them.
    (random() < 1 / 3 ? closed : invoices).push(invoice);
  }
  const generator = createPaymentWriter(random, invoices, closed);
  const payments: IncomingPayment[] = [];
  const truths: CashTruth[] = [];
  const kinds = Object.entries(cashPaymentKinds) as [CashPaymentKind, { weight: number }][];
  const totalWeight = kinds.reduce((sum, [, { weight }]) => sum + weight, 0);
  for (let attempt = 0; payments.length < paymentCount && attempt < paymentCount * 20; attempt += 1) {
    let roll = random() * totalWeight;
    const kind = kinds.find(([, { weight }]) => (roll -= weight) < 0)?.[0] ?? 'clean_reference';
    const written = generator.write(kind, payments.length);
    if (!written) continue;
    payments.push({ ...written.payment, receivedAt: today * msPerDay + payments.length * 1_000 });
    truths.push(written.truth);
  }
  return { invoices, payments, truths, customers: customerCount };
}

/** Amounts as invoices have them: mostly a few hundred to a few thousand, a third of them round. */
function amount(random: Random): number {
  const major = Math.exp(Math.log(50) + random() * (Math.log(40_000) - Math.log(50)));
  if (random() < 1 / 3) return Math.max(1, Math.round(major / 50)) * 5_000;
  return Math.round(major * 100);
}

function createPaymentWriter(random: Random, invoices: readonly OpenInvoice[], closed: readonly OpenInvoice[]) {
  const taken = new Set<string>();
  const reserved = new Set<string>();
  const byCustomer = new Map<string, OpenInvoice[]>();
  for (const invoice of invoices) byCustomer.set(invoice.customerId, [...(byCustomer.get(invoice.customerId) ?? []), invoice]);
  for (const list of byCustomer.values()) list.sort((a, b) => a.dueOn - b.dueOn || (a.number < b.number ? -1 : 1));
  const freeInvoice = (): OpenInvoice | null => {
    for (let tries = 0; tries < 50; tries += 1) {
      const invoice = pickFrom(random, invoices);
      if (!taken.has(invoice.id) && !reserved.has(invoice.customerId)) return invoice;
    }
    return null;
  };
  const take = (list: readonly OpenInvoice[]) => {
    for (const invoice of list) taken.add(invoice.id);
  };

  return {
    write(kind: CashPaymentKind, serial: number): { payment: Omit<IncomingPayment, 'receivedAt'>; truth: CashTruth } | null {
      const id = `pay_${String(serial + 1).padStart(5, '0')}`;
      const anchor = freeInvoice();
      if (!anchor) return null;
      const customerKnown = random() < 0.4;
      const payer = customerKnown && random() < 0.5 ? { payerName: '', kind: 'none' as const } : writePayerName(random, anchor.customerName);
      const base = { id, currency: anchor.currency, customerId: customerKnown ? anchor.customerId : null, payerName: payer.payerName, remittance: [] as RemittanceLine[] };
      const truth = (allocations: CashTruth['allocations']): CashTruth => ({ kind, allocations, payerNameKind: payer.kind, customerKnown });
      const full = (list: readonly OpenInvoice[]) => list.map((invoice) => ({ invoiceId: invoice.id, amountMinor: invoice.balanceMinor }));
      const sameCustomer = (byCustomer.get(anchor.customerId) ?? []).filter((invoice) => !taken.has(invoice.id));

      if (kind === 'clean_reference' || kind === 'no_reference') {
        take([anchor]);
        const memo = kind === 'clean_reference' ? writeSingleMemo(random, anchor.number) : writeNoReferenceMemo(random);
        return { payment: { ...base, amountMinor: anchor.balanceMinor, memo }, truth: truth(full([anchor])) };
      }
      if (kind === 'typo_reference') {
        take([anchor]);
        return { payment: { ...base, amountMinor: anchor.balanceMinor, memo: writeSingleMemo(random, anchor.number, mistype(random, significantDigits(anchor.number))) }, truth: truth(full([anchor])) };
      }
      if (kind === 'several_references') {
        if (sameCustomer.length < 2) return null;
        const chosen = sameCustomer.slice(0, 2 + Math.floor(random() * Math.min(3, sameCustomer.length - 1)));
        take(chosen);
        const total = chosen.reduce((sum, invoice) => sum + invoice.balanceMinor, 0);
        return { payment: { ...base, amountMinor: total, memo: writeListMemo(random, chosen.map((invoice) => invoice.number)) }, truth: truth(full(chosen)) };
      }
      if (kind === 'short_pay' || kind === 'overpay') {
        take([anchor]);
        const fee = random() < 0.5 ? 1_500 + Math.floor(random() * 3) * 500 : Math.round(anchor.balanceMinor * (0.1 + random() * 0.4));
        if (kind === 'short_pay' && fee >= anchor.balanceMinor) return null;
        const paid = kind === 'short_pay' ? anchor.balanceMinor - fee : anchor.balanceMinor + Math.max(100, Math.round(anchor.balanceMinor * random() * 0.05));
        return { payment: { ...base, amountMinor: paid, memo: writeSingleMemo(random, anchor.number) }, truth: truth([{ invoiceId: anchor.id, amountMinor: Math.min(paid, anchor.balanceMinor) }]) };
      }
      if (kind === 'remittance_file') {
        const chosen = sameCustomer.slice(0, 1 + Math.floor(random() * Math.min(4, sameCustomer.length)));
        take(chosen);
        const deductOn = random() < 0.3 ? Math.floor(random() * chosen.length) : -1;
        const lines = chosen.map((invoice, line) => ({
          invoiceId: invoice.id,
          amountMinor: line === deductOn ? invoice.balanceMinor - Math.min(invoice.balanceMinor - 1, 2_500) : invoice.balanceMinor,
          reference: random() < 0.5 ? invoice.number : significantDigits(invoice.number),
        }));
        const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
        return {
          payment: { ...base, amountMinor: total, memo: random() < 0.5 ? '' : `REMITTANCE ADVICE ${serial + 7_000}`, remittance: lines.map(({ reference, amountMinor }) => ({ reference, amountMinor })) },
          truth: truth(lines.map(({ invoiceId, amountMinor }) => ({ invoiceId, amountMinor }))),
        };
      }
      if (kind === 'oldest_invoices') {
        const all = byCustomer.get(anchor.customerId) ?? [];
        // Only a customer no other payment touches: "its oldest open invoices" must mean the same ones to the matcher.
        if (all.length < 3 || all.some((invoice) => taken.has(invoice.id))) return null;
        const chosen = all.slice(0, 2 + Math.floor(random() * 2));
        take(all);
        reserved.add(anchor.customerId);
        return { payment: { ...base, amountMinor: chosen.reduce((sum, invoice) => sum + invoice.balanceMinor, 0), memo: writeNoReferenceMemo(random) }, truth: truth(full(chosen)) };
      }
      if (kind === 'junk_memo') {
        if (random() < 0.5) {
          take([anchor]);
          return { payment: { ...base, amountMinor: anchor.balanceMinor, memo: writeJunkMemo(random) }, truth: truth(full([anchor])) };
        }
        // An odd amount no invoice of the customer has: a deposit, a payment on account.
        return { payment: { ...base, amountMinor: 1_234 + Math.floor(random() * 100_000) * 7 + 3, memo: writeJunkMemo(random) }, truth: truth([]) };
      }
      if (kind === 'closed_invoice') {
        const paidBefore = closed.find((invoice) => invoice.customerId === anchor.customerId) ?? pickFrom(random, closed);
        return { payment: { ...base, currency: paidBefore.currency, amountMinor: paidBefore.balanceMinor, memo: writeSingleMemo(random, paidBefore.number) }, truth: truth([]) };
      }
      // other_currency: the invoice's number, the amount converted into another currency.
      take([anchor]);
      const currency = anchor.currency === 'EUR' ? 'USD' : 'EUR';
      return { payment: { ...base, currency, amountMinor: Math.round(anchor.balanceMinor * 1.08), memo: writeSingleMemo(random, anchor.number) }, truth: truth([]) };
    },
  };
}
