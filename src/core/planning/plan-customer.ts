import type { Cadence, CadenceStep, Escalation, Guardrails, Segment } from '../policy/policy-model.ts';
import type { Instant } from '../time/time-zone.ts';
import { localDay } from '../time/time-zone.ts';
import type { CustomerState, EngineContext, Epoch, InvoiceState } from './engine-state.ts';
import { stepKey } from './engine-state.ts';
import { evaluateEligibility, governingSegment, nextSegmentChange } from './invoice-eligibility.ts';
import { nextPlanCheck } from './payment-plan.ts';
import { placeMessage, sendAtOn, type MoveReason } from './place-message.ts';
import { resolveMessages, type MessagePart, type PlannedMessage } from './resolve-messages.ts';

// What comes next for one customer at an instant: the candidate actions of every invoice
// (spec sections 3.2-3.8), customer-facing messages placed by guardrail rules 1-4 with
// consolidation (4.1), and the instant the plan must be made again even if nothing happens.

export type PlannedAction =
  | { kind: 'escalate'; at: Instant; invoice: InvoiceState; cadence: Cadence; escalation: Escalation; segment: Segment }
  | { kind: 'skip'; at: Instant; invoice: InvoiceState; cadence: Cadence; steps: CadenceStep[]; reason: string; segment: Segment }
  | { kind: 'task'; at: Instant; invoice: InvoiceState; cadence: Cadence; step: CadenceStep; segment: Segment; late: boolean }
  | { kind: 'message'; at: Instant; message: PlannedMessage };

export interface CustomerPlan {
  /** Sorted by instant. Messages are those of the first local date that has any. */
  actions: PlannedAction[];
  /** The earliest instant at which this plan may change without any event: an action or a transition. */
  wakeAt: Instant;
}

export function plannedInstant(invoice: InvoiceState, step: { day: number }, guardrails: Guardrails): Instant {
  return sendAtOn(guardrails, invoice.customer.timeZone, invoice.invoice.dueOn + step.day);
}

export function planCustomer(customer: CustomerState, at: Instant, context: EngineContext): CustomerPlan {
  const actions: PlannedAction[] = [];
  const parts: MessagePart[] = [];
  let wakeAt = Number.POSITIVE_INFINITY;
  for (const invoice of customer.invoices) {
    if (invoice.promise) wakeAt = Math.min(wakeAt, invoice.promise.deadline);
    if (invoice.plan) wakeAt = Math.min(wakeAt, nextPlanCheck(invoice.plan));
    const governed = governingSegment(invoice, at, context);
    const eligibility = evaluateEligibility(invoice, at, governed, context);
    if (!eligibility.eligible) {
      invoice.epoch = null;
      if (!eligibility.final) {
        if (eligibility.until !== null) wakeAt = Math.min(wakeAt, eligibility.until);
        wakeAt = Math.min(wakeAt, nextSegmentChange(invoice, at, context));
      }
      continue;
    }
    wakeAt = Math.min(wakeAt, nextSegmentChange(invoice, at, context));
    const { segment, guardrails } = governed!;
    const cadence = segment.cadence;
    if (!invoice.epoch || invoice.epoch.cadence !== cadence.name) {
      invoice.epoch = openEpoch(invoice, cadence, guardrails, at);
    }
    planInvoice({ invoice, epoch: invoice.epoch, cadence, segment, guardrails, actions, parts });
  }
  if (parts.length > 0) {
    if (customer.emails.length === 0) {
      for (const part of parts) {
        actions.push({ kind: 'skip', at: part.at, invoice: part.invoice, cadence: part.cadence, steps: [part.step], reason: 'no_contact', segment: part.segment });
      }
    } else {
      for (const message of resolveMessages(customer, parts)) actions.push({ kind: 'message', at: message.at, message });
    }
  }
  actions.sort((a, b) => a.at - b.at);
  if (actions.length > 0) wakeAt = Math.min(wakeAt, actions[0]!.at);
  return { actions, wakeAt };
}

/** Spec 3.3: the invoice became eligible for `cadence` at `from`; sort out its late steps. */
function openEpoch(invoice: InvoiceState, cadence: Cadence, guardrails: Guardrails, from: Instant): Epoch {
  const keys = keysOf(cadence);
  const late = cadence.steps.filter((step) => !isDoneIn(invoice, keys, step.id) && plannedInstant(invoice, step, guardrails) <= from);
  const epoch: Epoch = { cadence: cadence.name, from, mode: guardrails.catchUp, lateToSend: [], skips: [], lastLateDay: null };
  if (late.length === 0) return epoch;
  switch (guardrails.catchUp) {
    case 'latest':
      epoch.lateToSend = [late[late.length - 1]!.id];
      if (late.length > 1) epoch.skips.push({ stepIds: late.slice(0, -1).map((step) => step.id), reason: 'superseded' });
      break;
    case 'sequential':
      epoch.lateToSend = late.map((step) => step.id);
      break;
    case 'skip': {
      const today = localDay(invoice.customer.timeZone, from);
      const missed = late.filter((step) => invoice.invoice.dueOn + step.day < today);
      epoch.lateToSend = late.filter((step) => !missed.includes(step)).map((step) => step.id);
      if (missed.length > 0) epoch.skips.push({ stepIds: missed.map((step) => step.id), reason: 'late' });
      break;
    }
  }
  return epoch;
}

interface PlanInvoiceInput {
  invoice: InvoiceState;
  epoch: Epoch;
  cadence: Cadence;
  segment: Segment;
  guardrails: Guardrails;
  actions: PlannedAction[];
  parts: MessagePart[];
}

const noSteps: ReadonlySet<string> = new Set();
const keysByCadence = new WeakMap<Cadence, Map<string, string>>();

/** The `cadence/step` keys of a cadence's steps and escalations, made once per cadence. */
function keysOf(cadence: Cadence): Map<string, string> {
  let keys = keysByCadence.get(cadence);
  if (!keys) {
    keys = new Map([...cadence.steps, ...cadence.escalations].map((step) => [step.id, stepKey(cadence.name, step.id)]));
    keysByCadence.set(cadence, keys);
  }
  return keys;
}

function isDoneIn(invoice: InvoiceState, keys: Map<string, string>, id: string): boolean {
  return invoice.done.has(keys.get(id)!);
}

function planInvoice({ invoice, epoch, cadence, segment, guardrails, actions, parts }: PlanInvoiceInput): void {
  const timeZone = invoice.customer.timeZone;
  const keys = keysOf(cadence);
  for (const escalation of cadence.escalations) {
    if (isDoneIn(invoice, keys, escalation.id)) continue;
    const planned = plannedInstant(invoice, escalation, guardrails);
    // An escalation whose instant passed while the invoice was not eligible fires now (3.7).
    actions.push({ kind: 'escalate', at: Math.max(planned, epoch.from), invoice, cadence, escalation, segment });
  }
  for (const skip of epoch.skips) {
    const steps = cadence.steps.filter((step) => skip.stepIds.includes(step.id) && !isDoneIn(invoice, keys, step.id));
    if (steps.length > 0) actions.push({ kind: 'skip', at: epoch.from, invoice, cadence, steps, reason: skip.reason, segment });
  }
  const skipped: ReadonlySet<string> = epoch.skips.length > 0 ? new Set(epoch.skips.flatMap((skip) => skip.stepIds)) : noSteps;
  const lateWaiting = epoch.lateToSend.filter((id) => !isDoneIn(invoice, keys, id));
  const nextDayStart = epoch.lastLateDay === null ? null : sendAtOn(guardrails, timeZone, epoch.lastLateDay + 1);
  for (const step of cadence.steps) {
    if (isDoneIn(invoice, keys, step.id) || skipped.has(step.id)) continue;
    const planned = plannedInstant(invoice, step, guardrails);
    const isLate = epoch.lateToSend.includes(step.id);
    let base: Instant;
    if (isLate) {
      if (epoch.mode === 'sequential') {
        // One late step per allowed day, in cadence order: only the first waiting one is placed.
        if (lateWaiting[0] !== step.id) continue;
        base = nextDayStart ?? epoch.from;
      } else {
        base = epoch.from;
      }
    } else {
      if (planned <= epoch.from) continue;
      if (epoch.mode === 'sequential' && lateWaiting.length > 0) continue;
      base = nextDayStart !== null ? Math.max(planned, nextDayStart) : planned;
    }
    const moves: MoveReason[] = isLate ? ['catch_up'] : [];
    const deferral = invoice.notBefore.size > 0 ? invoice.notBefore.get(keys.get(step.id)!) : undefined;
    if (deferral && deferral.at > base) {
      base = deferral.at;
      moves.push(deferral.reason);
    }
    if (step.action === 'task') {
      actions.push({ kind: 'task', at: base, invoice, cadence, step, segment, late: isLate });
      continue;
    }
    const placement = placeMessage(guardrails, timeZone, base);
    for (const move of placement.moves) if (!moves.includes(move)) moves.push(move);
    parts.push({ invoice, cadence, step, segment, guardrails, plannedAt: planned, at: placement.at, moves, late: isLate });
  }
}
