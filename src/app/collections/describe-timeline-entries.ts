import { roleNames } from '../../core/access/permissions.ts';
import { disputeReasons, type DisputeReason } from '../../core/collections/dispute-sla.ts';
import type { Role } from '../../core/policy/policy-schema.ts';
import type { StoredNote, StoredDispute } from '../ports/collections-record-store.ts';
import type { StoredInboundMessage } from '../ports/deliverability-store.ts';
import type { JsonObject, JsonValue } from '../ports/json.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { StoredEngineAction, StoredEvent } from '../ports/store.ts';
import { describeMove } from '../../core/planning/move-reason-words.ts';
import type { InstallmentState, PlanStatus } from '../../core/planning/follow-payment-plans.ts';
import type { PaymentPlanView } from './list-payment-plans.ts';

// One line of an invoice's timeline per thing that happened to it, in a person's words: what the
// engine decided (sends, drafts, skips, tasks, escalations, held messages), what became of each
// message (approved, sent, failed, withdrawn), what came back (replies, bounces), and what the
// team and the customer recorded (payments, promises, payment plans, disputes, pauses, notes).

export const timelineKinds = [
  'send',
  'draft',
  'held',
  'skip',
  'task',
  'escalation',
  'approved',
  'edited',
  'discarded',
  'sent',
  'failed',
  'withdrawn',
  'bounce',
  'complaint',
  'reply',
  'auto_reply',
  'inbound',
  'payment',
  'payment_reversed',
  'credit',
  'promise',
  'plan',
  'plan_cancelled',
  'dispute',
  'dispute_resolved',
  'pause',
  'note',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  summary: string;
  /** Who or what did it: a person's email, Plixo (the engine, with its policy version), a sender's address; null when nothing recorded it. */
  by: string | null;
}

const skipWords: Record<string, string> = {
  superseded: 'a later step went out in its place (catch-up)',
  late: 'it was too late once the invoice could be worked again (catch-up)',
  no_contact: 'the customer has no email address',
};

/** Where a payment of the ledger came from, for its timeline line. */
const paymentSourceWords: Record<string, string> = { stripe: 'Stripe', api: 'API', webhook: 'webhook', csv: 'CSV import', portal: 'payer portal' };

/** How much of a reply's own words the timeline shows. */
const excerptLength = 160;

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);
const object = (value: JsonValue | undefined): JsonObject | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : null);
const texts = (value: JsonValue | undefined): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const quoted = (subject: string | null) => (subject ? `“${subject}”` : '(no subject)');
const listed = (addresses: readonly string[]) => (addresses.length > 0 ? addresses.join(', ') : 'no one');

export function roleWords(role: string | null): string | null {
  return role !== null && role in roleNames ? roleNames[role as Role] : role;
}

/** Why a task was opened, in words: a cadence step, a reply, a broken promise. */
export function taskWords(action: Pick<StoredEngineAction, 'type' | 'reason' | 'step' | 'payload'>): string {
  const assignee = roleWords(text(action.payload.assignTo));
  const to = assignee ? ` for ${assignee}` : '';
  if (action.type === 'escalate') return `Escalated${assignee ? ` to ${assignee}` : ''} (${action.reason ?? action.step})`;
  if (action.reason === 'reply') return `Task${to}: the customer replied`;
  if (action.reason === 'promise_broken') return `Task${to}: a promise to pay was broken`;
  if (action.reason === 'plan_broken') return `Task${to}: a payment plan was broken (an instalment was not paid, or a payment for one went back)`;
  return `Task${to}: step ${action.reason ?? action.step}`;
}

function engineBy(action: StoredEngineAction): string {
  const version = action.payload.policyVersion;
  return typeof version === 'number' ? `Plixo (policy version ${version})` : 'Plixo';
}

export function entryOfEngineAction(action: StoredEngineAction): TimelineEntry {
  const by = engineBy(action);
  const base = { at: action.at, by };
  switch (action.type) {
    case 'skip':
      return { ...base, kind: 'skip', summary: `Step ${action.step} skipped: ${skipWords[action.reason ?? ''] ?? action.reason ?? 'no reason recorded'}` };
    case 'task':
      return { ...base, kind: 'task', summary: taskWords(action) };
    case 'escalate':
      return { ...base, kind: 'escalation', summary: taskWords(action) };
    case 'send':
    case 'draft': {
      const held = object(action.payload.held);
      if (held) return { ...base, kind: 'held', summary: `Step ${action.step} held, not sent: ${text(held.description) ?? text(held.reason) ?? 'it could not be written'}` };
      const rendered = object(action.payload.rendered);
      const to = listed(texts(rendered?.to ?? action.payload.to));
      const moves = texts(action.payload.moves).map(describeMove);
      const moved = moves.length > 0 ? `; moved for ${moves.join(', ')}` : '';
      const subject = quoted(text(rendered?.subject));
      return action.type === 'draft'
        ? { ...base, kind: 'draft', summary: `Draft for review, step ${action.step}: ${subject} to ${to}${moved}` }
        : { ...base, kind: 'send', summary: `Email planned for step ${action.step}: ${subject} to ${to}${moved}` };
    }
  }
}

/**
 * What became of a message after the engine wrote it. Its writing is the engine's action; a bounce
 * or complaint that came back by mail is the inbound message's line, so it is not told twice.
 */
export function entriesOfOutboxMessage(message: StoredOutboxMessage, reportedByMail: ReadonlySet<string>): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const subject = quoted(message.content?.subject ?? null);
  const to = listed(message.content?.to ?? []);
  if (message.reviewedAt !== null) {
    const edited = message.edited ? ' (edited)' : '';
    if (message.status === 'discarded') entries.push({ at: message.reviewedAt, kind: 'discarded', summary: `Draft ${subject} discarded: ${message.statusReason ?? 'no reason given'}`, by: message.reviewedBy });
    else if (message.status === 'draft') entries.push({ at: message.reviewedAt, kind: 'edited', summary: `Draft ${subject} edited, still waiting for review`, by: message.reviewedBy });
    else entries.push({ at: message.reviewedAt, kind: 'approved', summary: `Draft ${subject}${edited} approved to send`, by: message.reviewedBy });
  }
  if (message.sentAt !== null) entries.push({ at: message.sentAt, kind: 'sent', summary: `Sent ${subject} to ${to}`, by: 'Plixo' });
  if (message.status === 'failed') entries.push({ at: message.updatedAt, kind: 'failed', summary: `Not delivered: ${subject} to ${to}: ${message.statusReason ?? 'refused'}`, by: 'the mail server' });
  if (message.status === 'withdrawn') entries.push({ at: message.updatedAt, kind: 'withdrawn', summary: `Withdrawn before sending: ${subject}: ${message.statusReason ?? 'no longer right to send'}`, by: 'Plixo' });
  if (message.bouncedAt !== null && !reportedByMail.has(`bounce:${message.id}`)) entries.push({ at: message.bouncedAt, kind: 'bounce', summary: `Bounced: ${subject} to ${to}`, by: 'the mail server' });
  if (message.complainedAt !== null && !reportedByMail.has(`complaint:${message.id}`)) entries.push({ at: message.complainedAt, kind: 'complaint', summary: `Marked as spam: ${subject}`, by: 'the recipient' });
  return entries;
}

export function entryOfInboundMessage(message: StoredInboundMessage, invoiceId: string): TimelineEntry {
  const about = texts(object(object(message.detail)?.match ?? null)?.invoiceIds);
  const elsewhere = about.length > 0 && !about.includes(invoiceId) ? ` (about ${about.join(', ')})` : '';
  const subject = message.subject ? ` ${quoted(message.subject)}` : '';
  const base = { at: message.receivedAt, by: message.fromAddress };
  switch (message.kind) {
    case 'reply': {
      const words = text(message.detail.text)?.replace(/\s+/g, ' ').trim() ?? '';
      const excerpt = words.length > excerptLength ? `${words.slice(0, excerptLength - 1)}…` : words;
      return { ...base, kind: 'reply', summary: `Reply received${subject}${elsewhere}${excerpt ? `: ${excerpt}` : ''}` };
    }
    case 'auto_reply':
      return { ...base, kind: 'auto_reply', summary: `Auto-reply received${subject}${elsewhere}; the cadence goes on` };
    case 'bounce':
      return { ...base, kind: 'bounce', summary: `Bounce received${elsewhere}: ${message.outcome}` };
    case 'complaint':
      return { ...base, kind: 'complaint', summary: `Complaint received${elsewhere}: ${message.outcome}` };
    case 'unmatched':
      return { ...base, kind: 'inbound', summary: `Email received${subject}: ${message.outcome}` };
  }
}

export interface EventWords {
  /** An amount of the event's payload in the workspace's words ("1.200,50 €"); the text as given when it does not parse. */
  money: (amount: JsonValue | undefined) => string;
  /** Kept, missed or open, for a promise event. */
  promiseStatus: (event: StoredEvent) => string | null;
  /** An amount in minor units of the invoice's currency, in the workspace's words. */
  minor: (amountMinor: number) => string;
  /** The plan a `plan` event agreed, as the engine follows it; null when it agreed nothing (the invoice was paid). */
  planOf: (event: StoredEvent) => PaymentPlanView | null;
}

export const planStatusWords: Record<PlanStatus, string> = {
  active: 'being kept',
  completed: 'completed',
  broken: 'broken: an instalment was missed',
  cancelled: 'cancelled',
  replaced: 'replaced by a newer plan',
};

export const installmentStateWords: Record<InstallmentState, string> = { paid: 'paid', due: 'due', missed: 'missed', cancelled: 'called off' };

/** "Payment plan agreed: 1,000.00 in 2 instalments (being kept): 2024-04-16 500.00 paid; 2024-04-30 500.00 due". */
function planSummary(event: StoredEvent, words: EventWords): string {
  const approval = typeof event.payload.approval === 'number' ? ` (approval ${event.payload.approval})` : '';
  const plan = words.planOf(event);
  if (!plan) return `Payment plan agreed${approval}: nothing was left to pay`;
  const count = plan.installments.length;
  const parts = plan.installments.map((installment) => `${installment.on} ${words.minor(installment.amountMinor)} ${installmentStateWords[installment.state]}`);
  return `Payment plan agreed${approval}: ${words.minor(plan.totalMinor)} in ${count} instalment${count === 1 ? '' : 's'} (${planStatusWords[plan.status]}): ${parts.join('; ')}`;
}

/** null for an event the timeline tells from a richer record (a dispute opened from the queue, a reply received by mail). */
export function entryOfEvent(event: StoredEvent, words: EventWords): TimelineEntry | null {
  const base = { at: event.at, by: null };
  const scope = event.invoiceId === null ? ' (every invoice of the customer)' : '';
  switch (event.type) {
    case 'payment': {
      const reinstated = event.payload.reinstated === true;
      const source = text(event.payload.source);
      return {
        ...base,
        kind: 'payment',
        summary: reinstated ? `Chargeback won: ${words.money(event.payload.amount)} back on the invoice` : `Payment of ${words.money(event.payload.amount)} received${source ? ` (${paymentSourceWords[source] ?? source})` : ''}`,
      };
    }
    case 'payment_reversed': {
      const chargeback = event.payload.reason === 'chargeback';
      return { ...base, kind: 'payment_reversed', summary: `${chargeback ? 'Chargeback' : 'Refund'} of ${words.money(event.payload.amount)}: owed again, back in its cadence` };
    }
    case 'credit': {
      const approval = event.payload.approval;
      return { ...base, kind: 'credit', summary: `Credit of ${words.money(event.payload.amount)} applied${typeof approval === 'number' ? ` (approval ${approval})` : ''}` };
    }
    case 'promise': {
      const status = words.promiseStatus(event);
      return { ...base, kind: 'promise', summary: `Promise to pay ${words.money(event.payload.amount)} by ${text(event.payload.on) ?? 'an unknown date'}${status ? ` (${status})` : ''}` };
    }
    case 'plan':
      return { ...base, kind: 'plan', summary: planSummary(event, words) };
    case 'plan_cancelled':
      return { ...base, kind: 'plan_cancelled', summary: 'Payment plan cancelled: back in its cadence' };
    case 'pause':
      return { ...base, kind: 'pause', summary: `Reminders paused until ${text(event.payload.until) ?? 'an unknown date'}${scope}` };
    case 'dispute':
      return { ...base, kind: 'dispute', summary: 'Disputed: out of dunning until resolved' };
    case 'dispute_resolved':
      return { ...base, kind: 'dispute_resolved', summary: 'Dispute resolved: back in its cadence' };
    case 'reply':
      return { ...base, kind: 'reply', summary: 'The customer replied' };
    case 'maintenance':
      return null;
  }
}

export function entriesOfDispute(dispute: StoredDispute): TimelineEntry[] {
  const label = disputeReasons[dispute.reason as DisputeReason]?.label ?? dispute.reason;
  const entries: TimelineEntry[] = [
    { at: dispute.openedAt, kind: 'dispute', summary: `Dispute opened: ${label}${dispute.description ? `: ${dispute.description}` : ''}`, by: dispute.openedBy },
  ];
  if (dispute.resolvedAt !== null) {
    entries.push({ at: dispute.resolvedAt, kind: 'dispute_resolved', summary: `Dispute resolved: ${dispute.resolution ?? 'resolved'}${dispute.resolutionNote ? `: ${dispute.resolutionNote}` : ''}`, by: null });
  }
  return entries;
}

export function entryOfNote(note: StoredNote): TimelineEntry {
  return { at: note.createdAt, kind: 'note', summary: `Note${note.invoiceId === null ? ' on the customer' : ''}: ${note.body}`, by: note.author };
}
