import type { Mailer, OutgoingMessage, SendOutcome } from '../ports/mailer.ts';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { Store, StoredEvent, StoredInvoice } from '../ports/store.ts';
import { recheckMessage } from './recheck-message.ts';

// The sending half of the worker: claim due messages, look once more, send, record the outcome.
//
// Exactly once, as far as SMTP allows: a message is claimed (status `sending`, with a lease)
// before it is handed to the server and marked `sent` right after the server's 250. A worker
// that dies between the two leaves the row `sending`; when the lease runs out another claim
// resends it with the same Message-ID. That window (250 received, commit not yet made) is the
// only place a duplicate can come from.

export interface DeliverOutboxOptions {
  store: Store;
  mailer: Mailer;
  /** Names this worker in claims; unique per process. */
  workerId: string;
  clock: () => number;
  /** Messages claimed per round. */
  batchSize?: number;
  /** Messages handed to the mailer at once (the SMTP pool's size). */
  concurrency?: number;
  /** A claim not settled by then is presumed dead and claimed again. */
  leaseMs?: number;
  /** Attempts (claims) before a message that keeps being refused for now is given up. */
  maxAttempts?: number;
  /** A message not sent this long after its instant is given up: a reminder days late does harm. */
  maxLatenessMs?: number;
  /** Stops after this many rounds; by default runs until nothing is due. */
  maxRounds?: number;
  /**
   * Catching up by hand (`plixo run --until`): each message is checked, sent and recorded as of
   * its own instant, as if the worker had been running throughout; nothing is too late.
   */
  asOfMessageTime?: boolean;
  /** Told of each outcome (the worker logs them; tests trace them). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

export type DeliveryOutcome =
  | { kind: 'accepted'; message: StoredOutboxMessage }
  | { kind: 'sent' | 'retry' | 'failed' | 'withdrawn' | 'lost-claim'; message: StoredOutboxMessage; reason?: string };

export interface DeliverOutboxResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  withdrawn: number;
  /** Maintenance was on: nothing was claimed. */
  maintenance: boolean;
}

export const defaultLeaseMs = 5 * 60_000;
const hour = 3_600_000;

export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliverOutboxResult> {
  const { store, clock } = options;
  const result: DeliverOutboxResult = { claimed: 0, sent: 0, retried: 0, failed: 0, withdrawn: 0, maintenance: false };
  if ((await store.getMaintenance()).on) return { ...result, maintenance: true };
  const excludeDomains = await pausedDomains(store);
  const maxRounds = options.maxRounds ?? Number.POSITIVE_INFINITY;
  for (let round = 0; round < maxRounds; round += 1) {
    const claimed = await store.claimOutboxMessages({
      now: clock(),
      limit: options.batchSize ?? 50,
      workerId: options.workerId,
      leaseMs: options.leaseMs ?? defaultLeaseMs,
      excludeDomains,
    });
    if (claimed.length === 0) break;
    result.claimed += claimed.length;
    const checks = await loadRecheckState(store, claimed, clock());
    await forEachConcurrently(claimed, options.concurrency ?? 4, async (message) => {
      const outcome = await deliverOne(options, message, checks);
      result[outcome] += 1;
    });
  }
  return result;
}

type Tally = 'sent' | 'retried' | 'failed' | 'withdrawn';

async function deliverOne(options: DeliverOutboxOptions, message: StoredOutboxMessage, checks: RecheckState): Promise<Tally> {
  const { store, mailer, workerId, clock, onOutcome } = options;
  const settle = async (settlement: Parameters<Store['settleOutboxMessage']>[2], kind: 'sent' | 'retry' | 'failed' | 'withdrawn', reason?: string) => {
    const kept = await store.settleOutboxMessage(message.id, workerId, settlement);
    onOutcome?.({ kind: kept ? kind : 'lost-claim', message, ...(reason ? { reason } : {}) });
  };
  const now = options.asOfMessageTime ? Math.max(message.notBefore, message.reviewedAt ?? 0) : clock();
  if (!options.asOfMessageTime && now - message.notBefore > (options.maxLatenessMs ?? 72 * hour)) {
    const reason = `not sent within ${Math.round((options.maxLatenessMs ?? 72 * hour) / hour)} hours of its time${message.statusReason ? ` (last: ${message.statusReason})` : ''}`;
    await settle({ status: 'failed', reason }, 'failed', reason);
    return 'failed';
  }
  const verdict = recheckMessage({
    message,
    now,
    invoices: message.invoiceIds.flatMap((id) => checks.invoices.get(`${message.workspaceId}/${id}`) ?? []),
    events: checks.events.get(`${message.workspaceId}/${message.customerId}`) ?? [],
    suppressed: checks.suppressed.get(message.workspaceId) ?? new Set(),
  });
  if (verdict.kind === 'withdraw') {
    await settle({ status: 'withdrawn', reason: verdict.reason }, 'withdrawn', verdict.reason);
    return 'withdrawn';
  }
  const outcome = await mailer.send(toOutgoingMessage(message, verdict.to), { attempt: message.attempts });
  if (outcome.kind === 'sent') onOutcome?.({ kind: 'accepted', message });
  return recordOutcome(options, message, outcome, settle, now);
}

async function recordOutcome(
  options: DeliverOutboxOptions,
  message: StoredOutboxMessage,
  outcome: SendOutcome,
  settle: (settlement: Parameters<Store['settleOutboxMessage']>[2], kind: 'sent' | 'retry' | 'failed' | 'withdrawn', reason?: string) => Promise<void>,
  now: number,
): Promise<Tally> {
  const { store } = options;
  switch (outcome.kind) {
    case 'sent': {
      await settle({ status: 'sent', at: now, response: outcome.response }, 'sent');
      for (const address of outcome.rejectedRecipients ?? []) {
        await store.suppress(message.workspaceId, { email: address, reason: 'invalid', note: `refused by the mail server when sending message ${message.id}` });
      }
      return 'sent';
    }
    case 'rejected': {
      const reason = `refused permanently (${outcome.code}): ${outcome.reason}`;
      // The contact is suppressed only when the refusal names it: a message refused as a whole
      // (too large, content policy) is our problem, not the address's.
      const addresses = outcome.recipients ?? (mailboxCodes.has(outcome.code) ? (message.content?.to ?? []) : []);
      for (const address of addresses) {
        await store.suppress(message.workspaceId, { email: address, reason: 'invalid', note: `${outcome.code} ${outcome.reason}`.slice(0, 500) });
      }
      await settle({ status: 'failed', reason }, 'failed', reason);
      return 'failed';
    }
    case 'retry':
    case 'ambiguous': {
      const reason = outcome.kind === 'retry' ? `temporary${outcome.code ? ` (${outcome.code})` : ''}: ${outcome.reason}` : `connection lost during the send, resending with the same Message-ID: ${outcome.reason}`;
      if (message.attempts >= (options.maxAttempts ?? 12)) {
        const failure = `gave up after ${message.attempts} attempts; last: ${reason}`;
        await settle({ status: 'failed', reason: failure }, 'failed', failure);
        return 'failed';
      }
      const afterMs = outcome.kind === 'retry' ? outcome.afterMs : Math.min(60_000 * 2 ** Math.max(0, message.attempts - 1), hour);
      // Catching up by hand, a retry waits beyond the run's end instead of spinning through attempts.
      const from = options.asOfMessageTime ? Math.max(now, options.clock()) : now;
      await settle({ status: 'queued', nextAttemptAt: from + afterMs, reason }, 'retry', reason);
      return 'retried';
    }
  }
}

/** 550 mailbox unavailable, 551 user not local, 553 mailbox name not allowed. */
const mailboxCodes = new Set([550, 551, 553]);

export function toOutgoingMessage(message: StoredOutboxMessage, to: readonly string[]): OutgoingMessage {
  const content = message.content;
  if (!content) throw new Error(`outbox message ${message.id} has no content to send`);
  const { 'List-Unsubscribe': unsubscribe, 'List-Unsubscribe-Post': _post, ...headers } = content.headers;
  return {
    messageId: message.messageId,
    from: { name: content.fromName, address: content.fromAddress },
    ...(content.replyTo ? { replyTo: content.replyTo } : {}),
    to: [...to],
    subject: content.subject,
    text: content.text,
    html: content.html,
    headers: {
      ...headers,
      'List-Unsubscribe': unsubscribe ?? '',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Plixo-Message': `${message.workspaceId}/${message.id}`,
    },
    attachments: content.attachments.map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.contentBase64, 'base64'),
    })),
  };
}

interface RecheckState {
  invoices: Map<string, StoredInvoice>;
  events: Map<string, StoredEvent[]>;
  suppressed: Map<string, Set<string>>;
}

async function loadRecheckState(store: Store, messages: readonly StoredOutboxMessage[], now: number): Promise<RecheckState> {
  const state: RecheckState = { invoices: new Map(), events: new Map(), suppressed: new Map() };
  const workspaces = new Map<string, StoredOutboxMessage[]>();
  for (const message of messages) workspaces.set(message.workspaceId, [...(workspaces.get(message.workspaceId) ?? []), message]);
  for (const [workspaceId, group] of workspaces) {
    const invoices = await store.listInvoices(workspaceId, { ids: group.flatMap((message) => message.invoiceIds) });
    for (const invoice of invoices) state.invoices.set(`${workspaceId}/${invoice.id}`, invoice);
    for (const customerId of new Set(group.map((message) => message.customerId))) {
      state.events.set(`${workspaceId}/${customerId}`, await store.listEvents(workspaceId, { customerId }));
    }
    const suppressions = await store.listSuppressions(workspaceId, { activeAt: now });
    state.suppressed.set(workspaceId, new Set(suppressions.map((entry) => entry.email)));
  }
  return state;
}

async function pausedDomains(store: Store): Promise<{ workspaceId: string; domain: string }[]> {
  const paused: { workspaceId: string; domain: string }[] = [];
  for (const workspace of await store.listWorkspaces()) {
    for (const domain of await store.listSendingDomains(workspace.id)) {
      if (domain.paused) paused.push({ workspaceId: workspace.id, domain: domain.domain });
    }
  }
  return paused;
}

async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
