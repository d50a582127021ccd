import type { Policy, Segment, Sender } from '../policy/policy-model.ts';
import type { EpochDay } from '../time/calendar-day.ts';
import { localDay, type Instant } from '../time/time-zone.ts';
import type { CustomerState } from './engine-state.ts';
import type { MoveReason } from './place-message.ts';
import type { PlannedAction } from './plan-customer.ts';
import { comparePriority, type PlannedMessage } from './resolve-messages.ts';

// Guardrail rule 5: a segment's sendCap and a sending domain's warm-up cap, counted per local
// day in the workspace's time zone. When messages compete for a day's places, the planned
// messages of that day (as known when one is due) are ranked by priority, so a message due
// early in the day does not take the place of a more overdue one due later.

interface Registered {
  message: PlannedMessage;
  day: EpochDay;
}

export function warmupCap(sender: Sender, day: EpochDay): number {
  if (sender.warmupStartDay === null) return Number.POSITIVE_INFINITY;
  // A day before the warm-up start counts as week one.
  const week = Math.max(0, Math.floor((day - sender.warmupStartDay) / 7));
  return week < sender.warmupRamp.length ? sender.warmupRamp[week]! : Number.POSITIVE_INFINITY;
}

export class CapLedger {
  private readonly timeZone: string;
  private readonly active: boolean;
  private readonly segmentSent = new Map<string, number>();
  private readonly domainSent = new Map<string, number>();
  private readonly byCustomer = new Map<CustomerState, Registered[]>();
  private readonly byDay = new Map<EpochDay, Set<Registered>>();

  constructor(policy: Policy) {
    this.timeZone = policy.workspace.timeZone;
    this.active = policy.segments.some((segment) => segment.sendCap !== null || (segment.sender?.warmupStartDay ?? null) !== null);
  }

  workspaceDay(at: Instant): EpochDay {
    return localDay(this.timeZone, at);
  }

  /** Keeps the ledger's view of each customer's planned messages current. */
  register(customer: CustomerState, actions: readonly PlannedAction[]): void {
    if (!this.active) return;
    for (const entry of this.byCustomer.get(customer) ?? []) this.byDay.get(entry.day)?.delete(entry);
    const entries: Registered[] = [];
    for (const action of actions) {
      if (action.kind !== 'message') continue;
      const entry = { message: action.message, day: this.workspaceDay(action.at) };
      entries.push(entry);
      let set = this.byDay.get(entry.day);
      if (!set) this.byDay.set(entry.day, (set = new Set()));
      set.add(entry);
    }
    this.byCustomer.set(customer, entries);
  }

  /** null when the message may go now; otherwise the rule that holds it back. */
  check(message: PlannedMessage): MoveReason | null {
    if (!this.active) return null;
    const segment = message.lead.segment;
    const day = this.workspaceDay(message.at);
    if (segment.sendCap !== null && !this.fits(message, day, segment.sendCap, this.segmentSent, segmentKey(segment, day), (other) => other.lead.segment === segment)) {
      return 'segment_cap';
    }
    const sender = segment.sender;
    if (sender && sender.warmupStartDay !== null) {
      const cap = warmupCap(sender, day);
      if (!this.fits(message, day, cap, this.domainSent, domainKey(sender, day), (other) => other.lead.segment.sender?.domain === sender.domain)) {
        return 'warmup';
      }
    }
    return null;
  }

  recordSent(message: PlannedMessage): void {
    if (!this.active) return;
    const segment = message.lead.segment;
    const day = this.workspaceDay(message.at);
    for (const entry of this.byDay.get(day) ?? []) if (entry.message === message) this.byDay.get(day)!.delete(entry);
    increment(this.segmentSent, segmentKey(segment, day));
    if (segment.sender) increment(this.domainSent, domainKey(segment.sender, day));
  }

  private fits(
    message: PlannedMessage,
    day: EpochDay,
    cap: number,
    sent: Map<string, number>,
    key: string,
    competes: (other: PlannedMessage) => boolean,
  ): boolean {
    if (!Number.isFinite(cap)) return true;
    const already = sent.get(key) ?? 0;
    if (already >= cap) return false;
    let ahead = 0;
    for (const entry of this.byDay.get(day) ?? []) {
      if (entry.message === message || !competes(entry.message)) continue;
      if (comparePriority(entry.message.priority, message.priority) < 0) ahead += 1;
    }
    return already + ahead < cap;
  }
}

function segmentKey(segment: Segment, day: EpochDay): string {
  return `${segment.name}|${day}`;
}

function domainKey(sender: Sender, day: EpochDay): string {
  return `${sender.domain}|${day}`;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
