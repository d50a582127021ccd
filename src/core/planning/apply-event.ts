import type { PortfolioEvent } from '../portfolio/portfolio.ts';
import { localDay, startOfLocalDay, type Instant } from '../time/time-zone.ts';
import type { EngineAction } from './engine-action.ts';
import type { CustomerState, EngineContext, InvoiceState } from './engine-state.ts';
import { governingSegment } from './invoice-eligibility.ts';
import { creditPlan, payIntoPlan, reverseFromPlan, startPlan, type PlanOutcome } from './payment-plan.ts';

// How each kind of event changes the engine's state (spec sections 3.1, 3.4-3.6; reversals and
// payment plans: docs/engine-behaviour.md, "Payments" and "Payment plans").

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
      if (invoice.plan) return endPlanOn(invoice, payIntoPlan(invoice.plan, event.amountMinor, invoice.balanceMinor, event.at));
      return { customer: invoice.customer, actions: [] };
    }
    case 'credit': {
      // The balance is lower; nobody answered, so escalations `unless: response` still fire, and
      // a promise still needs its payments.
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.balanceMinor -= event.amountMinor;
      if (invoice.plan) return endPlanOn(invoice, creditPlan(invoice.balanceMinor, event.at));
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
      // A kept plan is broken at once when an instalment already checked is no longer covered.
      if (invoice.plan) return endPlanOn(invoice, reverseFromPlan(invoice.plan, event.amountMinor, invoice.balanceMinor, event.at));
      return { customer: invoice.customer, actions: [] };
    }
    case 'promise': {
      const invoice = targets.invoices.get(event.invoiceId)!;
      const graceDays = promiseGraceDays(invoice, event.at, context);
      // Covered until the end of the local date `on + grace`, i.e. the start of the day after.
      const deadline = startOfLocalDay(invoice.customer.timeZone, event.onDay + graceDays + 1);
      invoice.promise = { at: event.at, amountMinor: event.amountMinor, onDay: event.onDay, paidMinor: 0, deadline };
      invoice.responses.push(event.at);
      return { customer: invoice.customer, actions: [] };
    }
    case 'plan': {
      // A new plan replaces the one before, which is neither kept nor broken. On an invoice with
      // nothing owed there is nothing to follow.
      const invoice = targets.invoices.get(event.invoiceId)!;
      const graceDays = promiseGraceDays(invoice, event.at, context);
      invoice.plan = invoice.balanceMinor > 0 ? startPlan({ at: event.at, installments: event.installments, timeZone: invoice.customer.timeZone, graceDays }) : null;
      invoice.responses.push(event.at);
      return { customer: invoice.customer, actions: [] };
    }
    case 'plan_cancelled': {
      // Called off by the team: neither kept nor broken; the cadence resumes with catch-up. Not
      // the customer's response.
      const invoice = targets.invoices.get(event.invoiceId)!;
      invoice.plan = null;
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

/** The grace of a promise (spec 3.5) in force for the invoice at `at`; payment plans use it for each instalment. */
function promiseGraceDays(invoice: InvoiceState, at: Instant, context: EngineContext): number {
  const governed = governingSegment(invoice, at, context);
  return governed?.guardrails.promiseGraceDays ?? context.policy.workspace.guardrails.promiseGraceDays;
}

/** What an event did to the invoice's plan: a plan that ended is gone, a broken one opens a task. */
function endPlanOn(invoice: InvoiceState, outcome: PlanOutcome): AppliedEvent {
  if (outcome.kind === 'held') return { customer: invoice.customer, actions: [] };
  invoice.plan = null;
  return { customer: invoice.customer, actions: outcome.kind === 'broken' ? [planBrokenTask(invoice, outcome.at)] : [] };
}

/** The task a broken payment plan opens, as a broken promise does (spec 3.5), with its own reason. */
export function planBrokenTask(invoice: InvoiceState, at: Instant): EngineAction {
  return { at, type: 'task', customer: invoice.customer.customer.id, invoices: [invoice.invoice.id], assignTo: 'operator', reason: 'plan_broken' };
}
