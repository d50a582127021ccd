import { parseAmount } from '../../core/money/money.ts';
import type { CustomerInput, InvoiceInput } from '../ports/store.ts';
import type { GeneratedCustomer, GeneratedInvoice } from './generate-portfolio.ts';

// A generated customer and its invoices as the store takes them: for the demo workspace and the
// soak's organisations alike.

/** `contacts`: the customer's own generated contacts unless others are given. */
export function toGeneratedCustomerInput(customer: GeneratedCustomer, contacts: CustomerInput['contacts'] = customer.contacts.map((contact) => ({ email: contact.email, name: contact.name, isPrimary: true }))): CustomerInput {
  return {
    id: customer.id,
    name: customer.name,
    timeZone: customer.timezone,
    locale: customer.locale,
    tags: customer.tags,
    region: customer.region,
    industry: customer.industry,
    score: customer.score,
    tier: customer.tier,
    contacts,
  };
}

/** An open invoice known from `knownAt`. The generator writes amounts that parse; one that does not is a bug there. */
export function toGeneratedInvoiceInput(invoice: GeneratedInvoice, knownAt: number): InvoiceInput {
  const amount = parseAmount(invoice.amount, invoice.currency);
  const balance = parseAmount(invoice.balance, invoice.currency);
  if (!amount.ok || !balance.ok) throw new Error(`generated invoice ${invoice.id} has an amount that does not parse`);
  return {
    id: invoice.id,
    customerId: invoice.customer,
    number: invoice.number,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    amountMinor: amount.minor,
    balanceMinor: balance.minor,
    currency: invoice.currency,
    knownAt,
    status: 'open',
  };
}
