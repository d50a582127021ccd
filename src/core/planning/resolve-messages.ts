import { currencyDigits } from '../money/money.ts';
import type { Cadence, CadenceStep, Guardrails, Segment } from '../policy/policy-model.ts';
import { localDay, type Instant } from '../time/time-zone.ts';
import type { CustomerState, InvoiceState } from './engine-state.ts';
import { placeMessage, sendAtOn, type MoveReason } from './place-message.ts';

// Spec 4.1 and rule 4: a customer's messages of one local date merge into one (consolidation),
// then the customer's daily cap decides which go that day; the rest move to the next day at
// sendAt, pass rules 1-3 again and merge again there.

export interface MessagePart {
  invoice: InvoiceState;
  cadence: Cadence;
  step: CadenceStep;
  segment: Segment;
  guardrails: Guardrails;
  plannedAt: Instant;
  /** After guardrail rules 1-3. */
  at: Instant;
  moves: MoveReason[];
  late: boolean;
}

export interface MessagePriority {
  daysPastDue: number;
  balance: number;
  invoiceId: string;
}

export interface PlannedMessage {
  at: Instant;
  parts: MessagePart[];
  /** The part whose step gives the template and tone: the highest day, ties the first invoice by id. */
  lead: MessagePart;
  mode: Segment['mode'];
  priority: MessagePriority;
  moves: MoveReason[];
}

/** Cap competition (spec 4): higher days past due first, then higher balance, then lower invoice id. */
export function comparePriority(a: MessagePriority, b: MessagePriority): number {
  return b.daysPastDue - a.daysPastDue || b.balance - a.balance || (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0);
}

function buildMessage(parts: MessagePart[]): PlannedMessage {
  const sorted = [...parts].sort((a, b) => (a.invoice.invoice.id < b.invoice.invoice.id ? -1 : a.invoice.invoice.id > b.invoice.invoice.id ? 1 : 0));
  let lead = sorted[0]!;
  for (const part of sorted) if (part.step.day > lead.step.day) lead = part;
  const at = Math.min(...parts.map((part) => part.at));
  const moves: MoveReason[] = [];
  for (const part of parts) for (const move of part.moves) if (!moves.includes(move)) moves.push(move);
  let priority: MessagePriority | null = null;
  for (const part of sorted) {
    const invoice = part.invoice;
    const candidate: MessagePriority = {
      daysPastDue: localDay(invoice.customer.timeZone, at) - invoice.invoice.dueOn,
      balance: invoice.balanceMinor / 10 ** currencyDigits(invoice.invoice.currency),
      invoiceId: invoice.invoice.id,
    };
    if (!priority) priority = candidate;
    else
      priority = {
        daysPastDue: Math.max(priority.daysPastDue, candidate.daysPastDue),
        balance: Math.max(priority.balance, candidate.balance),
        invoiceId: priority.invoiceId,
      };
  }
  return { at, parts: sorted, lead, mode: lead.segment.mode, priority: priority!, moves };
}

function groupDay(parts: MessagePart[]): PlannedMessage[] {
  const merged = new Map<string, MessagePart[]>();
  const messages: PlannedMessage[] = [];
  for (const part of parts) {
    if (!part.guardrails.consolidate) {
      messages.push(buildMessage([part]));
      continue;
    }
    const group = merged.get(part.segment.mode);
    if (group) group.push(part);
    else merged.set(part.segment.mode, [part]);
  }
  for (const group of merged.values()) messages.push(buildMessage(group));
  return messages.sort((a, b) => comparePriority(a.priority, b.priority));
}

/** The messages of the first local date on which any message of this customer goes out. */
export function resolveMessages(customer: CustomerState, parts: readonly MessagePart[]): PlannedMessage[] {
  let pending = [...parts];
  const timeZone = customer.timeZone;
  // Each round moves at least one part to a later day or returns, so this ends.
  for (let round = 0; round < 10_000 && pending.length > 0; round += 1) {
    let firstDay = Number.POSITIVE_INFINITY;
    for (const part of pending) firstDay = Math.min(firstDay, localDay(timeZone, part.at));
    const today = pending.filter((part) => localDay(timeZone, part.at) === firstDay);
    const later = pending.filter((part) => localDay(timeZone, part.at) !== firstDay);
    let sent = customer.sentByDay.get(firstDay) ?? 0;
    const kept: PlannedMessage[] = [];
    const moved: MessagePart[] = [];
    for (const message of groupDay(today)) {
      if (sent < message.lead.guardrails.maxSendsPerDay) {
        kept.push(message);
        sent += 1;
        continue;
      }
      for (const part of message.parts) {
        const placement = placeMessage(part.guardrails, timeZone, sendAtOn(part.guardrails, timeZone, firstDay + 1));
        const moves = [...part.moves];
        for (const move of ['daily_cap' as const, ...placement.moves]) if (!moves.includes(move)) moves.push(move);
        moved.push({ ...part, at: placement.at, moves });
      }
    }
    if (kept.length > 0) return kept.sort((a, b) => a.at - b.at);
    pending = [...later, ...moved];
  }
  return [];
}
