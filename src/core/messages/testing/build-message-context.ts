import { parseCalendarDay, type EpochDay } from '../../time/calendar-day.ts';
import type { MessageContext, MessageInvoice } from '../message-context.ts';

// Contexts for message tests: one overdue EUR invoice for a Berlin customer, sent on
// 2024-04-08 at 09:00 local time, with everything present; a test overrides what it is about.

export function day(text: string): EpochDay {
  const parsed = parseCalendarDay(text);
  if (parsed === null) throw new Error(`not a date: ${text}`);
  return parsed;
}

export function buildMessageInvoice(overrides: Partial<MessageInvoice> = {}): MessageInvoice {
  return {
    id: 'INV-1',
    number: 'INV-1',
    issuedOn: day('2024-03-01'),
    dueOn: day('2024-03-31'),
    amountMinor: 150_000,
    balanceMinor: 120_050,
    currency: 'EUR',
    payLink: 'https://pay.acme.example/i/INV-1',
    promise: { amountMinor: 50_000, onDay: day('2024-04-20') },
    ...overrides,
  };
}

export function buildMessageContext(overrides: Partial<MessageContext> = {}): MessageContext {
  const invoices = overrides.invoices ?? [buildMessageInvoice()];
  return {
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
    sentAt: Date.UTC(2024, 3, 8, 7, 0),
    customer: { id: 'c1', name: 'Globex GmbH' },
    contact: { name: 'Ana', email: 'ap@globex.example' },
    company: { name: 'Acme Inc.' },
    sender: { name: 'Acme Accounts Receivable', signature: 'Jana Novak\nAccounts Receivable' },
    branding: { companyName: 'Acme Inc.', logoUrl: null, color: '#1f6feb' },
    leadInvoiceId: invoices[0]?.id ?? 'INV-1',
    statementLink: 'https://pay.acme.example/s/c1',
    ...overrides,
    invoices,
  };
}

/** Three invoices in two currencies: EUR 1,200.50 (the lead), USD 300.00, EUR 50.00. */
export function buildConsolidatedInvoices(): MessageInvoice[] {
  return [
    buildMessageInvoice(),
    buildMessageInvoice({ id: 'INV-2', number: 'INV-2', dueOn: day('2024-04-04'), amountMinor: 30_000, balanceMinor: 30_000, currency: 'USD', promise: null }),
    buildMessageInvoice({ id: 'INV-3', number: 'INV-3', dueOn: day('2024-04-07'), amountMinor: 5_000, balanceMinor: 5_000, currency: 'EUR', promise: null }),
  ];
}
