import { localDay, startOfLocalDay, type Instant } from '../time/time-zone.ts';
import type { CapLedger } from './cap-ledger.ts';
import type { EngineAction, StepRef } from './engine-action.ts';
import { stepKey, type CustomerState, type InvoiceState } from './engine-state.ts';
import { sendAtOn } from './place-message.ts';
import { planBrokenTask } from './apply-event.ts';
import { settlePlan } from './payment-plan.ts';
import type { PlannedAction } from './plan-customer.ts';

// Recording what the engine did: the action it yields and what it changes in the state.

function ref(invoice: InvoiceState, cadence: string, step: string): StepRef {
  return { invoice: invoice.invoice.id, cadence, step };
}

function noteLateSent(invoice: InvoiceState, stepId: string, at: Instant): void {
  const epoch = invoice.epoch;
  if (epoch && epoch.mode === 'sequential' && epoch.lateToSend.includes(stepId)) {
    epoch.lastLateDay = localDay(invoice.customer.timeZone, at);
  }
}

/** Spec 3.5: at the end of the promise's grace, it was kept or broken. */
export function settlePromises(customer: CustomerState, at: Instant): EngineAction[] {
  const actions: EngineAction[] = [];
  for (const invoice of customer.invoices) {
    const promise = invoice.promise;
    if (!promise || promise.deadline > at) continue;
    invoice.promise = null;
    // Paying the whole balance keeps a promise even when it was for more than the balance.
    const kept = promise.paidMinor >= promise.amountMinor || invoice.balanceMinor <= 0;
    if (!kept) {
      actions.push({
        // A promise whose date had already passed when it was made is broken at once, not before it.
        at: Math.max(promise.deadline, promise.at),
        type: 'task',
        customer: customer.customer.id,
        invoices: [invoice.invoice.id],
        assignTo: 'operator',
        reason: 'promise_broken',
      });
    }
  }
  return actions;
}

/** Payment plans (docs/engine-behaviour.md): the instalment checks due by `at`; a short one breaks the plan. */
export function settlePlans(customer: CustomerState, at: Instant): EngineAction[] {
  const actions: EngineAction[] = [];
  for (const invoice of customer.invoices) {
    if (!invoice.plan) continue;
    const outcome = settlePlan(invoice.plan, invoice.balanceMinor, at);
    if (outcome.kind === 'held') continue;
    invoice.plan = null;
    if (outcome.kind === 'broken') actions.push(planBrokenTask(invoice, outcome.at));
  }
  return actions;
}

/**
 * History (events before the engine's start) is applied without running the clock: the checks of
 * a plan that fell before an event are settled first, so a payment after a missed check does not
 * count as on time. What they yield is history too, and is dropped.
 */
export function settlePlanBefore(invoice: InvoiceState, at: Instant): void {
  if (invoice.plan && settlePlan(invoice.plan, invoice.balanceMinor, at - 1).kind !== 'held') invoice.plan = null;
}

type InvoiceAction = Extract<PlannedAction, { kind: 'escalate' | 'skip' | 'task' }>;

/** The record of an action about one invoice (an escalation, a skip, a task). */
function invoiceRecord(action: InvoiceAction, type: EngineAction['type'], fields: Pick<EngineAction, 'steps' | 'assignTo' | 'reason'>): EngineAction {
  return {
    at: action.at,
    type,
    customer: action.invoice.customer.customer.id,
    invoices: [action.invoice.invoice.id],
    ...fields,
    segment: action.segment.name,
  };
}

export function executeAction(action: PlannedAction, customer: CustomerState, ledger: CapLedger): EngineAction[] {
  const customerId = customer.customer.id;
  switch (action.kind) {
    case 'escalate': {
      const { invoice, escalation, cadence } = action;
      // An earlier escalation of the same instant may have stopped the invoice (3.7).
      if (invoice.stopped) return [];
      invoice.done.add(stepKey(cadence.name, escalation.id));
      if (escalation.unlessResponse) {
        const since = startOfLocalDay(customer.timeZone, invoice.invoice.dueOn);
        if (invoice.responses.some((response) => response >= since && response <= action.at)) return [];
      }
      if (escalation.stop) invoice.stopped = true;
      return [invoiceRecord(action, 'escalate', { steps: [ref(invoice, cadence.name, escalation.id)], assignTo: escalation.assignTo, reason: escalation.id })];
    }
    case 'skip': {
      const { invoice, cadence, steps } = action;
      for (const step of steps) invoice.done.add(stepKey(cadence.name, step.id));
      return [invoiceRecord(action, 'skip', { steps: steps.map((step) => ref(invoice, cadence.name, step.id)), reason: action.reason })];
    }
    case 'task': {
      const { invoice, cadence, step } = action;
      invoice.done.add(stepKey(cadence.name, step.id));
      noteLateSent(invoice, step.id, action.at);
      return [invoiceRecord(action, 'task', { steps: [ref(invoice, cadence.name, step.id)], assignTo: step.assignTo, reason: step.id })];
    }
    case 'message': {
      const message = action.message;
      const held = ledger.check(message);
      if (held) {
        for (const part of message.parts) {
          const next = sendAtOn(part.guardrails, customer.timeZone, localDay(customer.timeZone, message.at) + 1);
          part.invoice.notBefore.set(stepKey(part.cadence.name, part.step.id), { at: next, reason: held });
        }
        return [];
      }
      ledger.recordSent(message);
      const day = localDay(customer.timeZone, message.at);
      customer.sentByDay.set(day, (customer.sentByDay.get(day) ?? 0) + 1);
      for (const part of message.parts) {
        part.invoice.done.add(stepKey(part.cadence.name, part.step.id));
        noteLateSent(part.invoice, part.step.id, message.at);
      }
      const lead = message.lead;
      const invoices = [...new Set(message.parts.map((part) => part.invoice.invoice.id))];
      return [
        {
          at: message.at,
          type: message.mode === 'shadow' ? 'draft' : 'send',
          customer: customerId,
          to: [...customer.emails],
          invoices,
          steps: message.parts.map((part) => ref(part.invoice, part.cadence.name, part.step.id)),
          template: lead.step.template ?? '',
          tone: lead.step.tone,
          segment: lead.segment.name,
          plannedAt: Math.min(...message.parts.map((part) => part.plannedAt)),
          moves: message.moves,
          attach: [...lead.step.attach],
          ...(lead.segment.sender ? { sender: lead.segment.sender.domain } : {}),
          leadInvoice: lead.invoice.invoice.id,
          // Every invoice of the customer Plixo knows by now: the message's own, and the rest for a statement.
          snapshots: customer.invoices.filter((invoice) => invoice.knownFrom <= message.at).map((invoice) => ({
            invoice: invoice.invoice.id,
            balanceMinor: invoice.balanceMinor,
            currency: invoice.invoice.currency,
            promise: invoice.promise ? { amountMinor: invoice.promise.amountMinor, onDay: invoice.promise.onDay } : null,
          })),
        },
      ];
    }
  }
}
