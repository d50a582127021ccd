import type { InvoiceIndex, NamedCustomer } from './build-invoice-index.ts';
import type { IncomingPayment, OpenInvoice } from './cash-types.ts';
import { normaliseName } from './compare-names.ts';
import { foldText } from './normalise-invoice-number.ts';

// What every step of matching one payment asks: how much of an invoice is still open to this
// payment, and how well a customer fits the payer.

/** How a customer fits the payer: the processor's word, or the payer's name. */
export type CustomerFit =
  | { kind: 'known' }
  | { kind: 'contradicts'; knownName: string }
  /** `recognised`: some customer's name resembles the payer's at all (0.6 or more); if none does, the name says nothing. */
  | { kind: 'name'; similarity: number; sharedWith: number; recognised: boolean }
  | { kind: 'no_name' };

export const closeNameSimilarity = 0.85;
export const similarNameSimilarity = 0.6;
// Two customers whose names fit the payer within this much both fit it: the name picks neither.
const nameTie = 0.02;

// A class, not an object of closures: its methods run hundreds of times per payment, and a
// fresh set of closures per payment would keep every call site from settling.
export class MatchContext {
  readonly payment: IncomingPayment;
  readonly index: InvoiceIndex;
  /** Customers the payer's name points at (similarity 0.85 or more), when the processor names none. */
  readonly namedCustomers: readonly NamedCustomer[];
  private readonly consumed: ReadonlyMap<string, number>;
  private readonly payer: string;
  private readonly named: readonly NamedCustomer[];
  private readonly fits = new Map<string, CustomerFit>();

  constructor(payment: IncomingPayment, index: InvoiceIndex, consumed: ReadonlyMap<string, number>) {
    this.payment = payment;
    this.index = index;
    this.consumed = consumed;
    this.payer = normaliseName(payment.payerName);
    this.named = payment.customerId === null && this.payer !== '' ? index.customersNamed(payment.payerName, similarNameSimilarity) : [];
    this.namedCustomers = this.named.filter((customer) => customer.similarity >= closeNameSimilarity);
  }

  /** Open balance left to this payment: 0 for another currency or an invoice paid earlier in the batch. */
  openBalance(invoice: OpenInvoice): number {
    if (invoice.currency !== this.payment.currency) return 0;
    return this.consumed.size === 0 ? invoice.balanceMinor : Math.max(0, invoice.balanceMinor - (this.consumed.get(invoice.id) ?? 0));
  }

  customerFit(customerId: string): CustomerFit {
    let fit = this.fits.get(customerId);
    if (!fit) {
      fit = this.fitOf(customerId);
      this.fits.set(customerId, fit);
    }
    return fit;
  }

  private fitOf(customerId: string): CustomerFit {
    const known = this.payment.customerId;
    if (known !== null) return customerId === known ? { kind: 'known' } : { kind: 'contradicts', knownName: this.index.customerName(known) ?? known };
    if (this.payer === '') return { kind: 'no_name' };
    // The index found every customer whose name resembles the payer's (0.6 or more) through the
    // name's distinctive words; one it did not find does not resemble it.
    const similarity = this.named.find((customer) => customer.customerId === customerId)?.similarity ?? 0;
    let sharedWith = 0;
    for (const other of this.named) if (other.customerId !== customerId && other.similarity >= similarity - nameTie) sharedWith += 1;
    // "VENZOR TRADING GMBH" fits Venzor Trading GmbH and Venzor Trading AG alike once legal forms
    // are set aside; written out in full it is the first one's name.
    if (sharedWith > 0 && similarity === 1 && spelledOut(this.payment.payerName) === spelledOut(this.index.customerName(customerId) ?? '')) sharedWith = 0;
    return { kind: 'name', similarity, sharedWith, recognised: this.named.length > 0 };
  }
}

/** Whether the processor or the payer's name points at this customer (not merely nothing against it). */
export function isIndicatedCustomer(fit: CustomerFit): boolean {
  return fit.kind === 'known' || (fit.kind === 'name' && fit.similarity >= similarNameSimilarity);
}

/** Whether the customer is consistent with what is known of the payer (nothing known counts as consistent). */
export function isPlausibleCustomer(fit: CustomerFit): boolean {
  if (fit.kind === 'known' || fit.kind === 'no_name') return true;
  if (fit.kind === 'contradicts') return false;
  return fit.similarity >= similarNameSimilarity || !fit.recognised;
}

function spelledOut(name: string): string {
  return foldText(name).replace(/[^A-Z0-9]+/g, ' ').trim();
}
