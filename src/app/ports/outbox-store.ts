// The outbox: every customer-facing message the worker decided, one row per message, keyed by
// the engine's idempotency key. A row moves through these states:
//
//   draft ──approve──▶ queued ──claim──▶ sending ──250──▶ sent
//     │                  ▲                 │
//     ├──discard──▶ discarded              ├──4xx / drop──▶ queued (later, same Message-ID)
//     └──withdraw─▶ withdrawn ◀──re-check──┤──5xx──▶ failed
//   held: could not be rendered or has no recipient; never sent.
//
// A row in `sending` whose lease has run out belonged to a worker that died mid-send: it is
// claimed again and resent with the same Message-ID.

export const outboxStatuses = ['draft', 'queued', 'sending', 'sent', 'failed', 'held', 'withdrawn', 'discarded'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxAttachment {
  filename: string;
  contentType: string;
  /** The file's bytes, base64. */
  contentBase64: string;
}

/** The message as it will leave, rendered when the engine decided it (or edited in a draft). */
export interface OutboxContent {
  fromName: string;
  fromAddress: string;
  replyTo: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments: OutboxAttachment[];
}

export interface OutboxMessageInput {
  /** The engine's action key: the same decision always has the same key. */
  key: string;
  /** 'draft' waits for a person (Shadow Mode); 'send' goes out by itself (Autopilot). */
  kind: 'send' | 'draft';
  status: 'queued' | 'draft' | 'held';
  statusReason?: string | null;
  customerId: string;
  invoiceIds: string[];
  /** The instant the engine placed the message. */
  decidedAt: number;
  /** Not sent before this instant. */
  notBefore: number;
  sendingDomain: string;
  messageId: string;
  /** null when held. */
  content: OutboxContent | null;
  /**
   * The instant of the data the message was written from (when planning read it); default: now.
   * Anything recorded later is checked again before the message goes out.
   */
  writtenAt?: number;
}

export interface StoredOutboxMessage {
  id: number;
  workspaceId: string;
  key: string;
  kind: 'send' | 'draft';
  status: OutboxStatus;
  /** Why it is held, withdrawn, discarded or failed, in words; or the last retry's reason. */
  statusReason: string | null;
  customerId: string;
  invoiceIds: string[];
  decidedAt: number;
  notBefore: number;
  sendingDomain: string;
  messageId: string;
  content: OutboxContent | null;
  /** The instant of the data the message was written from. */
  writtenAt: number;
  /** Send attempts started (claims). */
  attempts: number;
  /** When a queued message may next be claimed. */
  nextAttemptAt: number;
  leaseUntil: number | null;
  claimedBy: string | null;
  /** The server's reply to the accepted message. */
  response: string | null;
  sentAt: number | null;
  bouncedAt: number | null;
  complainedAt: number | null;
  /** Who approved, edited or discarded a draft. */
  reviewedBy: string | null;
  reviewedAt: number | null;
  edited: boolean;
  /** When retention dropped the text, HTML and attachment bytes (subject, recipients, key and instants stay); null while kept. */
  bodyDroppedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ClaimOutboxQuery {
  now: number;
  limit: number;
  /** Names the claiming worker; only it may settle what it claimed. */
  workerId: string;
  /** How long the claim holds; a worker that has not settled by then is presumed dead. */
  leaseMs: number;
  /** Messages of these (workspace, domain) pairs stay queued (a paused sending domain). */
  excludeDomains?: readonly { workspaceId: string; domain: string }[];
  /** Only these workspaces' messages; default: every workspace. */
  workspaceIds?: readonly string[];
}

/** How a claimed message ended this attempt. */
export type OutboxSettlement =
  | { status: 'sent'; at: number; response: string }
  | { status: 'queued'; nextAttemptAt: number; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'withdrawn'; reason: string };

export interface OutboxTransition {
  from: readonly OutboxStatus[];
  to: OutboxStatus;
  reason?: string | null;
  by?: string | null;
  /** For a move to queued: the first instant it may be sent. */
  notBefore?: number;
}

export interface OutboxBacklog {
  /** queued and sending. */
  pending: number;
  /** The earliest notBefore among pending messages that are due, or null. */
  oldestDueAt: number | null;
}

/** The statuses of messages still waiting for something: a person, a send, a fix (held). */
export const openOutboxStatuses = ['draft', 'queued', 'sending', 'held'] as const satisfies readonly OutboxStatus[];
export type OpenOutboxStatus = (typeof openOutboxStatuses)[number];

/** The statuses a message never leaves; retention deletes these. */
export const settledOutboxStatuses = ['sent', 'failed', 'withdrawn', 'discarded', 'held'] as const satisfies readonly OutboxStatus[];

/** The outbox as a metrics scrape sees it, across workspaces. */
export interface OutboxMeasures {
  /** Messages in each open status. */
  byStatus: Record<OpenOutboxStatus, number>;
  /** The earliest notBefore among queued and sending messages that are due, or null. */
  oldestDueAt: number | null;
}

export interface DomainSendStats {
  /** Sent messages considered (at most the last `last`). */
  sends: number;
  bounces: number;
  complaints: number;
}

export interface OutboxStore {
  /** Never throws for a key already present: it reports `false` for it. */
  enqueueOutboxMessages(workspaceId: string, messages: readonly OutboxMessageInput[]): Promise<{ inserted: boolean[] }>;
  /**
   * Atomically moves up to `limit` due messages (queued with nextAttemptAt <= now, or sending
   * with an expired lease) to `sending` for this worker, oldest first, across workspaces. Two
   * workers never claim the same row at once.
   */
  claimOutboxMessages(query: ClaimOutboxQuery): Promise<StoredOutboxMessage[]>;
  /** false when the claim was lost (the lease ran out and another worker took the row). */
  settleOutboxMessage(id: number, workerId: string, settlement: OutboxSettlement): Promise<boolean>;
  getOutboxMessage(workspaceId: string, id: number): Promise<StoredOutboxMessage | null>;
  /** Newest first (by id). */
  listOutboxMessages(
    workspaceId: string,
    query?: {
      statuses?: readonly OutboxStatus[];
      customerId?: string;
      limit?: number;
      /** The next page: ids below this. */
      beforeId?: number;
      /** Only keys that start with this (compared without regard to case on SQLite). */
      keyPrefix?: string;
      /** Only messages decided after this instant. */
      decidedAfter?: number;
    },
  ): Promise<StoredOutboxMessage[]>;
  /** The message whose Message-ID is one of these (replies quote it), in any workspace. */
  findOutboxMessageByMessageId(messageIds: readonly string[]): Promise<StoredOutboxMessage | null>;
  /** Moves a message between states; false when it was not in one of `from`. */
  transitionOutboxMessage(workspaceId: string, id: number, transition: OutboxTransition): Promise<boolean>;
  /** Replaces a draft's subject and parts; false unless it is still a draft. */
  editOutboxDraft(workspaceId: string, id: number, edit: { subject: string; text: string; html: string; by: string }): Promise<boolean>;
  /** Notes a bounce or complaint reported for a sent message. */
  markOutboxFeedback(workspaceId: string, id: number, feedback: { kind: 'bounce' | 'complaint'; at: number }): Promise<void>;
  outboxBacklog(now: number): Promise<OutboxBacklog>;
  /** Counts and the oldest due instant for metrics: reads only the open messages' index, however large the outbox. */
  measureOutbox(now: number): Promise<OutboxMeasures>;
  /**
   * Retention: drops the rendered body (text, HTML, the bytes of attachments) of up to `limit`
   * messages that left the queue (sent, failed, withdrawn, discarded) before `before`, oldest
   * first, keeping subject, recipients, key, outcome and instants. Returns how many were dropped.
   */
  dropOutboxBodies(before: number, limit: number): Promise<number>;
  /**
   * Retention: deletes up to `limit` settled messages (sent, failed, withdrawn, discarded, held)
   * last changed before `before`, oldest first, in one short transaction. The engine's recorded
   * actions keep each decision's key, so a deleted message is never decided or sent again.
   */
  deleteSettledOutboxMessages(before: number, limit: number): Promise<number>;
  /** Over the last `last` messages sent from the domain. */
  domainSendStats(workspaceId: string, domain: string, last: number): Promise<DomainSendStats>;
}
