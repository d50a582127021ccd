import type { Policy, Segment } from '../policy/policy-model.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import { daysPastDueBreakpoints } from '../segments/match-segment.ts';
import type { Instant } from '../time/time-zone.ts';
import { applyEvent } from './apply-event.ts';
import { CapLedger } from './cap-ledger.ts';
import { compareActions, type EngineAction, type InvoiceSnapshot } from './engine-action.ts';
import { createCustomerState, createInvoiceState, type CustomerState, type EngineContext, type InvoiceState } from './engine-state.ts';
import { executeAction, settlePlanBefore, settlePlans, settlePromises } from './execute-action.ts';
import { governingSegment } from './invoice-eligibility.ts';
import { MinHeap } from './min-heap.ts';
import { planCustomer, type PlannedAction } from './plan-customer.ts';
import { comparePriority } from './resolve-messages.ts';

// The engine over a clock: events and planned actions are processed in the order of their
// instants, so the result is the same however the clock is advanced (one jump or many ticks).

export interface EngineInput {
  policy: Policy;
  portfolio: Portfolio;
  /** The simulation start: invoices without `knownAt` are known from here; earlier events are history. */
  start: Instant;
}

export interface Engine {
  /** Processes every instant before `until` and returns the actions taken, in spec order. */
  advanceTo(until: Instant): EngineAction[];
  /** The instant up to which the engine has run. */
  readonly clock: Instant;
  /** An invoice as the engine knows it now: its balance and open promise, and the segment governing it at `at`. */
  inspectInvoice(invoiceId: string, at: Instant): InvoiceInspection | null;
}

export interface InvoiceInspection {
  snapshot: InvoiceSnapshot;
  segment: Segment | null;
  /** The payment plan being kept: its next instalment's date and what is still to pay for it (never below zero). */
  plan: { nextOnDay: number; dueMinor: number } | null;
}

const kindOrder: Record<PlannedAction['kind'], number> = { escalate: 0, skip: 1, task: 2, message: 3 };

export function createEngine({ policy, portfolio, start }: EngineInput): Engine {
  const context: EngineContext = { policy, maintenance: [], breakpoints: daysPastDueBreakpoints(policy.segments) };
  const customers = new Map<string, CustomerState>();
  const invoices = new Map<string, InvoiceState>();
  for (const customer of portfolio.customers) customers.set(customer.id, createCustomerState(customer, policy));
  for (const invoice of portfolio.invoices) {
    const customer = customers.get(invoice.customerId)!;
    const state = createInvoiceState(invoice, customer, start);
    customer.invoices.push(state);
    invoices.set(invoice.id, state);
  }
  for (const customer of customers.values()) customer.invoices.sort((a, b) => (a.invoice.id < b.invoice.id ? -1 : 1));
  const events = portfolio.events;
  const ledger = new CapLedger(policy);
  const wakes = new MinHeap<CustomerState>();
  const wakeAt = new Map<CustomerState, Instant>();
  let eventIndex = 0;
  // The start is a wake for everyone: every customer is planned there first.
  const globalWakes: Instant[] = [start];
  let clock = start - 1;
  let started = false;

  const addMaintenanceWakes = () => {
    for (const window of context.maintenance) {
      for (const instant of [window.from, window.to]) if (instant > clock && !globalWakes.includes(instant)) globalWakes.push(instant);
    }
    globalWakes.sort((a, b) => a - b);
  };

  const schedule = (customer: CustomerState, at: Instant) => {
    wakeAt.set(customer, at);
    if (Number.isFinite(at)) wakes.push(at, customer);
  };

  /** Plans, executes and plans again the given customers at instant `at` until nothing more is due. */
  const runInstant = (at: Instant, batch: Iterable<CustomerState>, output: EngineAction[]) => {
    let queue = new Set(batch);
    for (let round = 0; queue.size > 0 && round < 1000; round += 1) {
      const due: { customer: CustomerState; actions: PlannedAction[] }[] = [];
      for (const customer of queue) {
        output.push(...settlePromises(customer, at), ...settlePlans(customer, at));
        const plan = planCustomer(customer, at, context);
        ledger.register(customer, plan.actions);
        const now = plan.actions.filter((action) => action.at <= at);
        if (now.length > 0) due.push({ customer, actions: now });
        else schedule(customer, plan.wakeAt);
      }
      const messages: PlannedAction[] = [];
      for (const { customer, actions } of due) {
        // Escalations go first and alone: one with `stop` ends what would follow (3.7).
        const firstKind = Math.min(...actions.map((action) => kindOrder[action.kind]));
        const batchKind = firstKind === 0 ? [0] : [1, 2, 3];
        for (const action of actions) {
          if (!batchKind.includes(kindOrder[action.kind])) continue;
          if (action.kind === 'message') messages.push(action);
          else output.push(...executeAction(action, customer, ledger));
        }
      }
      messages.sort((a, b) => (a.kind === 'message' && b.kind === 'message' ? comparePriority(a.message.priority, b.message.priority) : 0));
      for (const action of messages) output.push(...executeAction(action, action.kind === 'message' ? action.message.parts[0]!.invoice.customer : null!, ledger));
      queue = new Set(due.map(({ customer }) => customer));
    }
  };

  const advanceTo = (until: Instant): EngineAction[] => {
    const output: EngineAction[] = [];
    if (!started) {
      started = true;
      // Events before the start are history: they shape the state, their own actions are not replayed.
      while (eventIndex < events.length && events[eventIndex]!.at < start) {
        const event = events[eventIndex]!;
        if ('invoiceId' in event && event.invoiceId !== null) settlePlanBefore(invoices.get(event.invoiceId)!, event.at);
        applyEvent(event, { customers, invoices }, context);
        eventIndex += 1;
      }
      addMaintenanceWakes();
    }
    for (;;) {
      const nextEvent = eventIndex < events.length ? events[eventIndex]!.at : Number.POSITIVE_INFINITY;
      const nextGlobal = globalWakes.find((instant) => instant > clock) ?? Number.POSITIVE_INFINITY;
      const at = Math.min(nextEvent, wakes.peekKey(), nextGlobal);
      if (at >= until || !Number.isFinite(at)) break;
      clock = at;
      const dirty = new Set<CustomerState>();
      let everyone = at === nextGlobal;
      while (eventIndex < events.length && events[eventIndex]!.at === at) {
        const applied = applyEvent(events[eventIndex]!, { customers, invoices }, context);
        output.push(...applied.actions);
        if (applied.customer) dirty.add(applied.customer);
        else {
          everyone = true;
          addMaintenanceWakes();
        }
        eventIndex += 1;
      }
      while (wakes.peekKey() === at) {
        const customer = wakes.pop()!;
        if (wakeAt.get(customer) === at) dirty.add(customer);
      }
      runInstant(at, everyone ? customers.values() : dirty, output);
    }
    // Everything before `until` is done; an instant exactly at `until` belongs to the next call.
    clock = Math.max(clock, until - 1);
    return output.filter((action) => action.at >= start).sort(compareActions);
  };

  const inspectInvoice = (invoiceId: string, at: Instant): InvoiceInspection | null => {
    const invoice = invoices.get(invoiceId);
    if (!invoice) return null;
    const promise = invoice.promise;
    return {
      snapshot: {
        invoice: invoiceId,
        balanceMinor: invoice.balanceMinor,
        currency: invoice.invoice.currency,
        promise: promise ? { amountMinor: promise.amountMinor, onDay: promise.onDay } : null,
      },
      segment: governingSegment(invoice, at, context)?.segment ?? null,
      plan: planOf(invoice),
    };
  };

  const planOf = (invoice: InvoiceState): InvoiceInspection['plan'] => {
    const next = invoice.plan?.installments[invoice.plan.checked];
    return next ? { nextOnDay: next.onDay, dueMinor: Math.max(0, next.cumulativeMinor - invoice.plan!.paidMinor) } : null;
  };

  return {
    advanceTo,
    inspectInvoice,
    get clock() {
      return clock;
    },
  };
}
