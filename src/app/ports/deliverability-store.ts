import type { JsonObject } from './json.ts';

// Sending domains (their DNS checks and pauses) and the mail that comes back in.

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface SendingDomainState {
  workspaceId: string;
  domain: string;
  /** The overall verdict of the last DNS check, or null before the first. */
  status: CheckStatus | null;
  spf: CheckStatus | null;
  dkim: CheckStatus | null;
  dmarc: CheckStatus | null;
  /** What each check found, for the operator. */
  detail: JsonObject;
  lastCheckedAt: number | null;
  paused: boolean;
  pausedReason: string | null;
  pausedAt: number | null;
}

export interface DomainCheckInput {
  checkedAt: number;
  status: CheckStatus;
  spf: CheckStatus;
  dkim: CheckStatus;
  dmarc: CheckStatus;
  detail: JsonObject;
}

export const inboundKinds = ['reply', 'auto_reply', 'bounce', 'complaint', 'unmatched'] as const;
export type InboundKind = (typeof inboundKinds)[number];

export interface InboundMessageInput {
  receivedAt: number;
  kind: InboundKind;
  fromAddress: string | null;
  messageId: string | null;
  subject: string | null;
  customerId: string | null;
  /** The outbox message it answers or reports on. */
  outboxId: number | null;
  /** What was done about it ('reply event recorded', 'suppressed a@b.c as invalid'). */
  outcome: string;
  detail?: JsonObject;
}

export interface StoredInboundMessage extends Required<InboundMessageInput> {
  id: number;
  workspaceId: string;
}

export interface DeliverabilityStore {
  /** Every domain the workspace has checked or paused, by domain. */
  listSendingDomains(workspaceId: string): Promise<SendingDomainState[]>;
  /** The paused domains of every workspace, in one read (the sender checks it every second). */
  listPausedSendingDomains(): Promise<{ workspaceId: string; domain: string }[]>;
  saveDomainCheck(workspaceId: string, domain: string, check: DomainCheckInput): Promise<SendingDomainState>;
  /** Pauses or resumes a domain; paused domains' messages stay queued. */
  setDomainPaused(workspaceId: string, domain: string, change: { paused: boolean; reason: string | null; at: number }): Promise<SendingDomainState>;
  /** Returns null when this Message-ID was already recorded for the workspace (a redelivery). */
  recordInboundMessage(workspaceId: string, message: InboundMessageInput): Promise<StoredInboundMessage | null>;
  /** Newest first; with `customerId`, only the messages matched to that customer. */
  listInboundMessages(workspaceId: string, query?: { limit?: number; customerId?: string }): Promise<StoredInboundMessage[]>;
}
