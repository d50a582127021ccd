import type { PortfolioEvent } from '../portfolio/portfolio.ts';
import { localDay, startOfLocalDay } from '../time/time-zone.ts';
import type { EngineAction } from './engine-action.ts';
import type { CustomerState, EngineContext, InvoiceState } from './engine-state.ts';
import { governingSegment } from './invoice-eligibility.ts';

// How each kind of event changes the engine's state (spec sections 3.1, 3.4-3.6; reversals:
// docs/engine-behaviour.md, "Payments").

export interface EventTargets {
  customers: ReadonlyMap<string, CustomerState>;
  invoices: ReadonlyMap<string, InvoiceState>;
}

export interface AppliedEvent {
  /** The customer whose plan must be made again; null when every customer's must (maintenance). */
  customer: CustomerState | null;
  actions: EngineAction[];
}

export function applyEvent(event: PortfolioEvent, targets: EventTargets, context: EngineContext): AppliedEvent {
  switch (event.type) {
    case 'payment': {
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.balanceMinor -= event.amountMinor;
      invoice.responses.push(event.at);
      if (invoice.promise) invoice.promise.paidMinor += event.amountMinor;
      return { customer: invoice.customer, actions: [] };
    }
    case 'credit': {
      // The balance is lower; nobody answered, so escalations `unless: response` still fire, and
      // a promise still needs its payments.
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.balanceMinor -= event.amountMinor;
      return { customer: invoice.customer, actions: [] };
    }
    case 'payment_reversed': {
      // The money went back: the balance rises again, so an invoice closed by balance is eligible
      // from this instant and its cadence resumes with catch-up (3.3). A promise counts payments
      // since it was made less the reversals since then. Not a response: the payer's bank or the
      // processor acted, not the customer answering.
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.balanceMinor += event.amountMinor;
      if (invoice.promise) invoice.promise.paidMinor -= event.amountMinor;
      return { customer: invoice.customer, actions: [] };
    }
    case 'promise': {
      const invoice = targets.invoices.get(event.invoiceId)!;
      const governed = governingSegment(invoice, event.at, context);
      const graceDays = governed?.guardrails.promiseGraceDays ?? context.policy.workspace.guardrails.promiseGraceDays;
      // Covered until the end of the local date `on + grace`, i.e. the start of the day after.
      const deadline = startOfLocalDay(invoice.customer.timeZone, event.onDay + graceDays + 1);
      invoice.promise = { at: event.at, amountMinor: event.amountMinor, onDay: event.onDay, paidMinor: 0, deadline };
      invoice.responses.push(event.at);
      return { customer: invoice.customer, actions: [] };
    }
    case 'dispute': {
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.disputed = true;
      invoice.responses.push(event.at);
      return { customer: invoice.customer, actions: [] };
    }
    case 'dispute_resolved': {
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.disputed = false;
      return { customer: invoice.customer, actions: [] };
    }
    case 'pause': {
      const customer = event.customerId ? targets.customers.get(event.customerId)! : targets.invoices.get(event.invoiceId!)!.customer;
      const until = startOfLocalDay(customer.timeZone, event.untilDay);
      // Pauses add up: each holds until its own date, so a shorter pause does not end a longer one.
      const pauses = event.invoiceId ? targets.invoices.get(event.invoiceId)!.pauses : customer.pauses;
      if (until > event.at) pauses.push({ from: event.at, until });
      return { customer, actions: [] };
    }
    case 'reply': {
      const customer = targets.customers.get(event.customerId)!;
      customer.replyAt = event.at;
      customer.replyDay = localDay(customer.timeZone, event.at);
      const open = customer.invoices.filter((invoice) => invoice.knownFrom <= event.at && invoice.balanceMinor > 0);
      for (const invoice of customer.invoices) invoice.responses.push(event.at);
      const task: EngineAction = {
        at: event.at,
        type: 'task',
        customer: customer.customer.id,
        invoices: open.map((invoice) => invoice.invoice.id).sort(),
        assignTo: 'operator',
        reason: 'reply',
      };
      return { customer, actions: [task] };
    }
    case 'maintenance': {
      context.maintenance.push({ from: Math.max(event.from, event.at), to: event.to });
      return { customer: null, actions: [] };
    }
  }
}
