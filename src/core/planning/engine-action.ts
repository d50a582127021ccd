import type { Role, Tone } from '../policy/policy-schema.ts';
import type { Instant } from '../time/time-zone.ts';
import type { MoveReason } from './place-message.ts';

// What the engine decides: the actions of `plixo simulate` (spec section 5) and of the worker.

export type EngineActionType = 'send' | 'draft' | 'task' | 'escalate' | 'skip';

export interface StepRef {
  invoice: string;
  cadence: string;
  step: string;
}

/** An invoice as it stood when a message went out: what the message must show. */
export interface InvoiceSnapshot {
  invoice: string;
  balanceMinor: number;
  currency: string;
  /** The open promise to pay, if any (a message during a promise is rare: a manual send). */
  promise: { amountMinor: number; onDay: number } | null;
}

export interface EngineAction {
  at: Instant;
  type: EngineActionType;
  customer: string;
  invoices: string[];
  steps?: StepRef[];
  to?: string[];
  template?: string;
  tone?: Tone;
  segment?: string;
  assignTo?: Role;
  reason?: string;
  /** When the policy planned the message, before guardrails moved it. */
  plannedAt?: Instant;
  /** Why the message went out later than planned, in the order the moves happened. */
  moves?: MoveReason[];
  attach?: string[];
  sender?: string;
  /** Sends and drafts: the invoice whose step chose the template (the highest day). */
  leadInvoice?: string;
  /** Sends and drafts: each known invoice of the customer at the instant, for rendering; not part of simulate's output. */
  snapshots?: InvoiceSnapshot[];
}

const typeOrder = (type: EngineActionType) => type;

/** Spec section 5: by instant, then customer id, then type; then first invoice and step for a stable order. */
export function compareActions(a: EngineAction, b: EngineAction): number {
  return (
    a.at - b.at ||
    compareText(a.customer, b.customer) ||
    compareText(typeOrder(a.type), typeOrder(b.type)) ||
    compareText(a.invoices[0] ?? '', b.invoices[0] ?? '') ||
    compareText(a.steps?.[0]?.step ?? a.reason ?? '', b.steps?.[0]?.step ?? b.reason ?? '')
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
