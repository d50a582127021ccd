import type { Invoice } from '../portfolio/portfolio.ts';
import type { EpochDay } from '../time/calendar-day.ts';
import type { Instant } from '../time/time-zone.ts';

// Everything a message shows, gathered by the caller at the instant of sending. Rendering reads
// nothing else: no clock, no store, so a preview and the real send agree. Locale, time zone and
// currencies are valid here (they are checked where data enters, as parse-portfolio does): an
// invalid one is a programming error, and Intl throws a RangeError for it. Everything else that
// can be absent is a typed render failure, never an exception.

/** The portfolio's invoice with its balance at the instant of sending (after payments), a pay link and any open promise. */
export interface MessageInvoice extends Pick<Invoice, 'id' | 'number' | 'issuedOn' | 'dueOn' | 'amountMinor' | 'balanceMinor' | 'currency'> {
  payLink: string | null;
  /** The open promise to pay, in the invoice's currency. */
  promise: { amountMinor: number; onDay: EpochDay } | null;
}

export interface MessageBranding {
  companyName: string;
  /** https:// only; anything else is ignored and the company name shows instead. */
  logoUrl: string | null;
  /** '#RRGGBB'; anything else falls back to the default brand colour. */
  color: string;
}

export interface MessageContext {
  /** BCP 47: the customer's locale, else the workspace's. */
  locale: string;
  /** IANA: the customer's zone, else the workspace's; it decides the local date for {days_overdue}. */
  timeZone: string;
  sentAt: Instant;
  customer: { id: string; name: string };
  contact: { name: string | null; email: string };
  /** The sending organisation, for {company_name}. */
  company: { name: string };
  /** The signature may span several lines. */
  sender: { name: string | null; signature: string | null };
  branding: MessageBranding;
  /** Every invoice the message is about: one, or several in a consolidated message. */
  invoices: readonly MessageInvoice[];
  /** The invoice whose step chose the template; single-invoice tags such as {invoice_number} show it. */
  leadInvoiceId: string;
  statementLink: string | null;
}
