import type { Policy, Sender } from '../policy/policy-model.ts';
import type { EpochDay } from '../time/calendar-day.ts';
import { localDay } from '../time/time-zone.ts';
import type { CustomerState } from './engine-state.ts';
import type { MoveReason } from './place-message.ts';
import type { PlannedAction } from './plan-customer.ts';
import { comparePriority, type PlannedMessage } from './resolve-messages.ts';

// Guardrail rule 5: a segment's sendCap and a sending domain's warm-up cap, counted per local
// day in the workspace's time zone. When messages compete for a day's places, the planned
// messages of that day (as known when one is due) are ranked by priority, so a message due
// early in the day does not take the place of a more overdue one due later.

export function warmupCap(sender: Sender, day: EpochDay): number {
  if (sender.warmupStartDay === null) return Number.POSITIVE_INFINITY;
  // A day before the warm-up start counts as week one.
  const week = Math.max(0, Math.floor((day - sender.warmupStartDay) / 7));
  return week < sender.warmupRamp.length ? sender.warmupRamp[week]! : Number.POSITIVE_INFINITY;
}

/** The caps a message counts against on its workspace day, each with its own key. */
interface CapKeys {
  segment: string | null;
  domain: string | null;
}

export class CapLedger {
  private readonly timeZone: string;
  private readonly active: boolean;
  private readonly sent = new Map<string, number>();
  /** Planned messages per cap key: the competitors for that cap's places. */
  private readonly planned = new Map<string, Set<PlannedMessage>>();
  private readonly keysOfMessage = new Map<PlannedMessage, CapKeys>();
  private readonly byCustomer = new Map<CustomerState, PlannedMessage[]>();

  constructor(policy: Policy) {
    this.timeZone = policy.workspace.timeZone;
    this.active = policy.segments.some((segment) => segment.sendCap !== null || (segment.sender?.warmupStartDay ?? null) !== null);
  }

  private keysFor(message: PlannedMessage): CapKeys {
    let keys = this.keysOfMessage.get(message);
    if (!keys) {
      const day = localDay(this.timeZone, message.at);
      const segment = message.lead.segment;
      const sender = segment.sender;
      keys = {
        segment: segment.sendCap !== null ? `segment|${segment.name}|${day}` : null,
        domain: sender && sender.warmupStartDay !== null ? `domain|${sender.domain}|${day}` : null,
      };
      this.keysOfMessage.set(message, keys);
    }
    return keys;
  }

  private unregister(message: PlannedMessage): void {
    const keys = this.keysOfMessage.get(message);
    if (!keys) return;
    if (keys.segment) this.planned.get(keys.segment)?.delete(message);
    if (keys.domain) this.planned.get(keys.domain)?.delete(message);
    this.keysOfMessage.delete(message);
  }

  /** Keeps the ledger's view of each customer's planned messages current. */
  register(customer: CustomerState, actions: readonly PlannedAction[]): void {
    if (!this.active) return;
    for (const message of this.byCustomer.get(customer) ?? []) this.unregister(message);
    const messages: PlannedMessage[] = [];
    for (const action of actions) {
      if (action.kind !== 'message') continue;
      const keys = this.keysFor(action.message);
      for (const key of [keys.segment, keys.domain]) {
        if (!key) continue;
        let set = this.planned.get(key);
        if (!set) this.planned.set(key, (set = new Set()));
        set.add(action.message);
      }
      messages.push(action.message);
    }
    this.byCustomer.set(customer, messages);
  }

  /** null when the message may go now; otherwise the rule that holds it back. */
  check(message: PlannedMessage): MoveReason | null {
    if (!this.active) return null;
    const keys = this.keysFor(message);
    const day = localDay(this.timeZone, message.at);
    const segment = message.lead.segment;
    if (keys.segment && !this.fits(message, keys.segment, segment.sendCap!)) return 'segment_cap';
    if (keys.domain && !this.fits(message, keys.domain, warmupCap(segment.sender!, day))) return 'warmup';
    return null;
  }

  recordSent(message: PlannedMessage): void {
    if (!this.active) return;
    const keys = this.keysFor(message);
    for (const key of [keys.segment, keys.domain]) if (key) this.sent.set(key, (this.sent.get(key) ?? 0) + 1);
    this.unregister(message);
  }

  private fits(message: PlannedMessage, key: string, cap: number): boolean {
    if (!Number.isFinite(cap)) return true;
    const already = this.sent.get(key) ?? 0;
    if (already >= cap) return false;
    const competitors = this.planned.get(key);
    // Enough places for every planned competitor: no need to rank.
    if (!competitors || already + competitors.size <= cap) return true;
    let ahead = 0;
    for (const other of competitors) {
      if (other !== message && comparePriority(other.priority, message.priority) < 0) ahead += 1;
      if (already + ahead >= cap) return false;
    }
    return true;
  }
}
