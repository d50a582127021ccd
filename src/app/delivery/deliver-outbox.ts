import { evaluateDomainHealth } from '../deliverability/evaluate-domain-health.ts';
import type { Mailer, OutgoingMessage, SendOutcome } from '../ports/mailer.ts';
import type { OutboxSettlement, StoredOutboxMessage } from '../ports/outbox-store.ts';
import { StorageError, type Store, type StoredEvent, type StoredInvoice } from '../ports/store.ts';
import type { DeferralCause, FailureCause, WithdrawalCause } from './delivery-causes.ts';
import { recheckMessage } from './recheck-message.ts';

// The sending half of the worker: claim a due message, look once more, send, record the outcome.
//
// Exactly once, as far as SMTP allows: each lane claims a few messages (status `sending`, with a
// lease), checks and sends them one by one, and marks each `sent` right after the server's 250.
// A lane never starts a send that could outlast its lease (it gives the rest back instead), so no
// other worker takes a message over while it is still being sent. A worker that dies between the
// 250 and the commit leaves the row `sending`; when the lease runs out another claim resends it
// with the same Message-ID. That window is the only place a duplicate can come from.

export interface DeliverOutboxOptions {
  store: Store;
  mailer: Mailer;
  /** Names this worker in claims; unique per process. */
  workerId: string;
  clock: () => number;
  /** Messages handed to the mailer at once; keep it at most the SMTP pool's size. */
  concurrency?: number;
  /** A claim not settled by then is presumed dead and claimed again; longer than any one send. */
  leaseMs?: number;
  /** Attempts (claims) before a message that keeps being refused for now is given up. */
  maxAttempts?: number;
  /** A message not sent this long after its instant is given up: a reminder days late does harm. */
  maxLatenessMs?: number;
  /** Stops claiming after this long (wall time), so a worker's other jobs get their turn. */
  maxDurationMs?: number;
  /** Only these workspaces' messages. */
  workspaceIds?: readonly string[];
  /**
   * Replaying time (`plixo run --until`): each message is checked, sent and recorded as of its own
   * instant, as if the worker had been running throughout; nothing is too late.
   */
  asOfMessageTime?: boolean;
  /** Told of each outcome (the worker logs them; tests trace them). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/** How an attempt ended: the reason in words (as stored), and its cause from a closed list (for counting). */
type Settled =
  | { kind: 'sent' }
  | { kind: 'retry'; reason: string; cause: DeferralCause }
  | { kind: 'failed'; reason: string; cause: FailureCause }
  | { kind: 'withdrawn'; reason: string; cause: WithdrawalCause };

export type DeliveryOutcome =
  | { kind: 'accepted'; message: StoredOutboxMessage }
  | (Settled & { message: StoredOutboxMessage })
  /** The lease ran out and another worker took the message: this attempt's outcome was not recorded. */
  | { kind: 'lost-claim'; message: StoredOutboxMessage; reason?: string };

type Settle = (settlement: OutboxSettlement, settled: Settled) => Promise<void>;

export interface DeliverOutboxResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  withdrawn: number;
  /** Maintenance was on (from the start, or switched on while sending). */
  maintenance: boolean;
}

export const defaultLeaseMs = 5 * 60_000;
export const defaultConcurrency = 4;
/** Messages a lane claims at once: enough to share the cost of a claim and of the last look. */
export const defaultBatchSize = 64;
/**
 * The longest one send can take: the SMTP timeouts (connect, greeting, then silence on the
 * socket) with room to spare. A lane does not start a send with less lease left than this.
 */
export const longestSendMs = 2 * 60_000;
/** The last look's data is read again when older than this before a send. */
const freshForMs = 5_000;
const hour = 3_600_000;
/** How long the switches (maintenance, the sending job, paused domains) are trusted once read. */
const switchesMaxAgeMs = 1_000;

type Tally = 'sent' | 'retried' | 'failed' | 'withdrawn';

export async function deliverOutbox(options: DeliverOutboxOptions): Promise<DeliverOutboxResult> {
  const result: DeliverOutboxResult = { claimed: 0, sent: 0, retried: 0, failed: 0, withdrawn: 0, maintenance: false };
  const switches = createSwitches(options.store);
  const startedAt = Date.now();
  const lane = async () => {
    for (;;) {
      if (options.maxDurationMs !== undefined && Date.now() - startedAt >= options.maxDurationMs) return;
      // Maintenance, a paused sending job or a paused domain stop sending within a second, even
      // in the middle of a long backlog.
      const current = await switches.read();
      if (current.maintenance) {
        result.maintenance = true;
        return;
      }
      if (current.sendingPaused) return;
      // The lease is written on the clock (lease_until = now + leaseMs) and other workers read it
      // on theirs, so the lane counts it as spent by the clock or the wall, whichever has moved
      // more: a clock that stands still (plixo run) or runs fast (the soak test) cannot make it
      // send after another worker could take its claims.
      const claimedAt = options.clock();
      const claimedAtWall = Date.now();
      const claimed = await options.store.claimOutboxMessages({
        now: claimedAt,
        limit: defaultBatchSize,
        workerId: options.workerId,
        leaseMs: options.leaseMs ?? defaultLeaseMs,
        excludeDomains: current.pausedDomains,
        ...(options.workspaceIds ? { workspaceIds: options.workspaceIds } : {}),
      });
      if (claimed.length === 0) return;
      result.claimed += claimed.length;
      let state = await loadLastLook(options.store, claimed, options.clock());
      for (const [index, message] of claimed.entries()) {
        // Give back what could not be sent inside the lease (a slow server), and stop on a switch.
        const leaseMs = options.leaseMs ?? defaultLeaseMs;
        const leaseLeft = leaseMs - Math.max(options.clock() - claimedAt, Date.now() - claimedAtWall);
        // With a lease shorter than the longest send (tests), half the lease is the margin.
        const stop = (await switches.read()).maintenance || leaseLeft < Math.min(longestSendMs, leaseMs / 2);
        if (stop) {
          for (const rest of claimed.slice(index)) {
            await options.store.settleOutboxMessage(rest.id, options.workerId, { status: 'queued', nextAttemptAt: rest.nextAttemptAt, reason: rest.statusReason ?? 'given back unsent' });
          }
          result.claimed -= claimed.length - index;
          return;
        }
        if (Date.now() - state.loadedAt > freshForMs) state = await loadLastLook(options.store, claimed.slice(index), options.clock());
        result[await deliverOne(options, message, state)] += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? defaultConcurrency }, lane));
  return result;
}

async function deliverOne(options: DeliverOutboxOptions, message: StoredOutboxMessage, state: LastLook): Promise<Tally> {
  const { store, onOutcome } = options;
  const settle: Settle = async (settlement, settled) => {
    // A message the server took must be recorded as sent, or its lease runs out and it goes out
    // again: a storage failure there (the database busy with a long import, a failover) is
    // waited out, while the claim still holds it for this worker.
    const kept = settlement.status === 'sent' ? await untilStored(() => store.settleOutboxMessage(message.id, options.workerId, settlement), settleWaitMs) : await store.settleOutboxMessage(message.id, options.workerId, settlement);
    onOutcome?.(kept ? { ...settled, message } : { kind: 'lost-claim', message, ...('reason' in settled ? { reason: settled.reason } : {}) });
  };
  const now = options.asOfMessageTime ? Math.max(message.notBefore, message.reviewedAt ?? 0) : options.clock();
  try {
    const maxLatenessMs = options.maxLatenessMs ?? 72 * hour;
    if (!options.asOfMessageTime && now - message.notBefore > maxLatenessMs) {
      const reason = `not sent within ${Math.round(maxLatenessMs / hour)} hours of its time${message.statusReason ? ` (last: ${message.statusReason})` : ''}`;
      await settle({ status: 'failed', reason }, { kind: 'failed', reason, cause: 'too_late' });
      return 'failed';
    }
    // The last look, with what is known now: this message's invoices, its customer's events and
    // its recipients' suppressions, read when the lane claimed it (again if that is a while ago).
    const verdict = recheckMessage({
      message,
      now,
      invoices: message.invoiceIds.flatMap((id) => state.invoices.get(`${message.workspaceId}/${id}`) ?? []),
      events: state.events.get(`${message.workspaceId}/${message.customerId}`) ?? [],
      suppressed: state.suppressed.get(message.workspaceId) ?? new Set(),
    });
    if (verdict.kind === 'withdraw') {
      await settle({ status: 'withdrawn', reason: verdict.reason }, { kind: 'withdrawn', reason: verdict.reason, cause: verdict.cause });
      return 'withdrawn';
    }
    const outcome = await options.mailer.send(toOutgoingMessage(message, verdict.to), { attempt: message.attempts });
    if (outcome.kind === 'sent') onOutcome?.({ kind: 'accepted', message });
    const tally = await recordOutcome(options, message, outcome, settle, now);
    // Addresses this send got suppressed count for the lane's next messages at once.
    const refused = outcome.kind === 'rejected' ? (outcome.recipients ?? []) : outcome.kind === 'sent' ? (outcome.rejectedRecipients ?? []) : [];
    for (const address of refused) state.suppressed.get(message.workspaceId)?.add(address.toLowerCase());
    return tally;
  } catch (error) {
    // Whatever went wrong with this message (the store, the mailer) is its own: it is tried again
    // later like a temporary refusal, and the other lanes go on.
    const reason = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    return recordOutcome(options, message, { kind: 'retry', reason, afterMs: 60_000 }, settle, now, 'error').catch(() => 'retried' as const);
  }
}

/** 5.7.x: refused by policy (content, authentication, reputation): our problem, not the address's. */
const policyRefusal = /\b5\.7\.\d{1,3}\b/;

async function recordOutcome(
  options: DeliverOutboxOptions,
  message: StoredOutboxMessage,
  outcome: SendOutcome,
  settle: Settle,
  now: number,
  /** What a retry counts as; default: from the outcome. */
  retryCause?: DeferralCause,
): Promise<Tally> {
  const { store } = options;
  switch (outcome.kind) {
    case 'sent': {
      await settle({ status: 'sent', at: now, response: outcome.response }, { kind: 'sent' });
      const refused = outcome.rejectedRecipients ?? [];
      for (const address of refused) {
        await store.suppress(message.workspaceId, { email: address, reason: 'invalid', note: `refused by the mail server when sending message ${message.id}` });
      }
      return 'sent';
    }
    case 'rejected': {
      const reason = `refused permanently (${outcome.code}): ${outcome.reason}`;
      // Only addresses the server refused by name (at RCPT TO) are suppressed, and not for a policy
      // refusal: a message refused as a whole (content, size, our DMARC) says nothing about them.
      const addresses = policyRefusal.test(outcome.reason) ? [] : (outcome.recipients ?? []);
      for (const address of addresses) {
        await store.suppress(message.workspaceId, { email: address, reason: 'invalid', note: `${outcome.code} ${outcome.reason}`.slice(0, 500) });
      }
      await settle({ status: 'failed', reason }, { kind: 'failed', reason, cause: 'rejected' });
      if (addresses.length > 0) {
        // A refused address is a bounce of this domain's sending, counted by the bounce-rate rule.
        await store.markOutboxFeedback(message.workspaceId, message.id, { kind: 'bounce', at: now });
        await evaluateDomainHealth({ store, workspaceId: message.workspaceId, domain: message.sendingDomain, now });
      }
      return 'failed';
    }
    case 'retry':
    case 'ambiguous': {
      const reason =
        outcome.kind === 'retry'
          ? `temporary${outcome.code ? ` (${outcome.code})` : ''}: ${outcome.reason}`
          : `connection lost during the send, resending with the same Message-ID: ${outcome.reason}`;
      if (message.attempts >= (options.maxAttempts ?? 12)) {
        const failure = `gave up after ${message.attempts} attempts; last: ${reason}`;
        await settle({ status: 'failed', reason: failure }, { kind: 'failed', reason: failure, cause: 'gave_up' });
        return 'failed';
      }
      const afterMs = outcome.kind === 'retry' ? outcome.afterMs : Math.min(60_000 * 2 ** Math.max(0, message.attempts - 1), hour);
      // Replaying time, a retry waits beyond the run's end instead of spinning through attempts.
      const from = options.asOfMessageTime ? Math.max(now, options.clock()) : now;
      await settle({ status: 'queued', nextAttemptAt: from + afterMs, reason }, { kind: 'retry', reason, cause: retryCause ?? (outcome.kind === 'retry' ? 'temporary' : 'connection_lost') });
      return 'retried';
    }
  }
}

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

interface LastLook {
  loadedAt: number;
  invoices: Map<string, StoredInvoice>;
  events: Map<string, StoredEvent[]>;
  /** Workspace → lower-cased addresses suppressed now, among the messages' recipients. */
  suppressed: Map<string, Set<string>>;
}

/** What the last look needs for a lane's messages, in three queries per workspace. */
async function loadLastLook(store: Store, messages: readonly StoredOutboxMessage[], now: number): Promise<LastLook> {
  const state: LastLook = { loadedAt: Date.now(), invoices: new Map(), events: new Map(), suppressed: new Map() };
  const byWorkspace = new Map<string, StoredOutboxMessage[]>();
  for (const message of messages) {
    const group = byWorkspace.get(message.workspaceId);
    if (group) group.push(message);
    else byWorkspace.set(message.workspaceId, [message]);
  }
  for (const [workspaceId, group] of byWorkspace) {
    const [invoices, events, suppressions] = await Promise.all([
      store.listInvoices(workspaceId, { ids: group.flatMap((message) => message.invoiceIds) }),
      store.listEvents(workspaceId, { customerIds: [...new Set(group.map((message) => message.customerId))] }),
      store.listSuppressions(workspaceId, { activeAt: now, emails: group.flatMap((message) => message.content?.to ?? []) }),
    ]);
    for (const invoice of invoices) state.invoices.set(`${workspaceId}/${invoice.id}`, invoice);
    for (const event of events) {
      const key = `${workspaceId}/${event.customerId}`;
      const list = state.events.get(key);
      if (list) list.push(event);
      else state.events.set(key, [event]);
    }
    state.suppressed.set(workspaceId, new Set(suppressions.map((entry) => entry.email)));
  }
  return state;
}

interface Switches {
  maintenance: boolean;
  sendingPaused: boolean;
  pausedDomains: { workspaceId: string; domain: string }[];
}

/** Maintenance, the sending job and paused domains, read at most once a second for all lanes. */
function createSwitches(store: Store): { read(): Promise<Switches> } {
  let cached: { at: number; value: Promise<Switches> } | null = null;
  const load = async (): Promise<Switches> => {
    const [maintenance, jobs, pausedDomains] = await Promise.all([store.getMaintenance(), store.listScheduledJobs(), store.listPausedSendingDomains()]);
    return { maintenance: maintenance.on, sendingPaused: jobs.some((job) => job.name === 'sending' && job.paused), pausedDomains };
  };
  return {
    read() {
      if (cached === null || Date.now() - cached.at >= switchesMaxAgeMs) cached = { at: Date.now(), value: load() };
      return cached.value;
    },
  };
}

/** How long recording a sent message keeps trying through storage failures. */
const settleWaitMs = 30 * 60_000;

async function untilStored<T>(write: () => Promise<T>, waitMs: number): Promise<T> {
  const started = Date.now();
  for (let pauseMs = 100; ; pauseMs = Math.min(pauseMs * 2, 5_000)) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof StorageError) || Date.now() - started > waitMs) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
