import { AppError } from '../app-error.ts';
import { evaluateDomainHealth } from '../deliverability/evaluate-domain-health.ts';
import type { InboundKind } from '../ports/deliverability-store.ts';
import type { InboundEmail } from '../ports/inbound-email.ts';
import type { JsonObject, Store } from '../ports/store.ts';
import { decideInboundOutcome, type InboundDecision } from './decide-inbound-outcome.ts';
import { matchInboundMessage, type InboundOrigin } from './match-inbound-message.ts';

export interface ReceiveInboundEmailInput {
  store: Store;
  workspaceId: string;
  /** The message as the inbound mail adapter classified it. */
  email: InboundEmail;
  /** When it arrived; also the instant of the reply event it may become. */
  now: number;
}

export interface ReceiveInboundEmailResult {
  /** false when this Message-ID was received before: a redelivery changes nothing. */
  recorded: boolean;
  kind: InboundKind;
  customerId: string | null;
  outcome: string;
  /** A sending domain that this bounce or complaint took over the bounce limit, now paused. */
  pausedDomain: string | null;
}

/**
 * Acts on an email that came back to the workspace: a reply becomes a `reply` event, an
 * auto-reply is noted, a hard bounce suppresses the failed addresses as invalid, a complaint
 * suppresses the complainant as opted out (both also when a shared address leaves the customer
 * unknown); every message is recorded with what was done. All in
 * one transaction, and a Message-ID already recorded does nothing twice (an MTA that lost our
 * 250 delivers again).
 */
export async function receiveInboundEmail({ store, workspaceId, email, now }: ReceiveInboundEmailInput): Promise<ReceiveInboundEmailResult> {
  return store.transaction(async (tx) => {
    if (!(await tx.getWorkspace(workspaceId))) throw new AppError('not_found', `no workspace "${workspaceId}"`, { field: 'workspaceId' });
    const match = await matchInboundMessage({ store: tx, workspaceId, email });
    const { origin } = match;
    const suppressions = new Map((await tx.listSuppressions(workspaceId, { activeAt: now })).map((entry) => [entry.email, entry]));
    const decision = decideInboundOutcome({ email, match, suppressions });
    const recorded = await tx.recordInboundMessage(workspaceId, {
      receivedAt: now,
      kind: decision.kind,
      fromAddress: email.from || null,
      messageId: email.messageId ?? null,
      subject: email.subject || null,
      customerId: origin?.customerId ?? null,
      outboxId: origin?.message?.id ?? null,
      outcome: decision.outcome,
      detail: describeEmail(email, origin),
    });
    const customerId = origin?.customerId ?? null;
    if (!recorded) return { recorded: false, kind: decision.kind, customerId, outcome: 'received before; nothing done again', pausedDomain: null };
    const pausedDomain = await applyDecision({ store: tx, workspaceId, decision, now });
    return { recorded: true, kind: decision.kind, customerId, outcome: decision.outcome, pausedDomain };
  });
}

async function applyDecision({ store, workspaceId, decision, now }: { store: Store; workspaceId: string; decision: InboundDecision; now: number }): Promise<string | null> {
  const feedbackDomains = new Set<string>();
  for (const effect of decision.effects) {
    switch (effect.type) {
      case 'reply':
        // The engine reads a reply as the customer's: invoices stay out of the event (the task
        // lists the customer's open invoices), and the quoted message is in the inbound record.
        await store.appendEvents(workspaceId, [{ at: now, type: 'reply', customerId: effect.customerId }]);
        break;
      case 'suppress':
        await store.suppress(workspaceId, { email: effect.email, reason: effect.reason, note: effect.note });
        break;
      case 'feedback':
        await store.markOutboxFeedback(workspaceId, effect.message.id, { kind: effect.kind, at: now });
        feedbackDomains.add(effect.message.sendingDomain);
        break;
    }
  }
  // Only a bounce or complaint noted on a message of ours is evaluated: the rule counts what is
  // noted on the domain's last 200 sent messages, so a report tied to none of them (it only
  // suppressed an address) adds nothing to count, and evaluating anyway could pause again a
  // domain an operator resumed, on no new evidence.
  let pausedDomain: string | null = null;
  for (const domain of feedbackDomains) {
    const health = await evaluateDomainHealth({ store, workspaceId, domain, now });
    if (health.pausedNow) pausedDomain = health.domain;
  }
  return pausedDomain;
}

const maxTextLength = 4_000;

function describeEmail(email: InboundEmail, origin: InboundOrigin | null): JsonObject {
  const detail: JsonObject = {
    classifiedAs: email.kind,
    to: email.to,
    dateHeader: email.receivedAt ? email.receivedAt.toISOString() : null,
    inReplyTo: email.inReplyTo ?? null,
    references: email.references,
  };
  if (origin) {
    detail.match = { method: origin.method, messageId: origin.message?.messageId ?? null, invoiceIds: origin.invoiceIds, address: origin.address };
  }
  if (email.kind === 'reply' || email.kind === 'other' || email.kind === 'auto_reply') detail.text = email.text.slice(0, maxTextLength);
  if (email.bounce) {
    detail.bounce = {
      permanent: email.bounce.permanent,
      originalMessageId: email.bounce.originalMessageId ?? null,
      recipients: email.bounce.recipients.map((recipient) => ({ ...recipient })),
    };
  }
  if (email.complaint) {
    detail.complaint = {
      feedbackType: email.complaint.feedbackType,
      recipient: email.complaint.recipient ?? null,
      originalMessageId: email.complaint.originalMessageId ?? null,
    };
  }
  return detail;
}
