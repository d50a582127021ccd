import type { Guardrails, Segment, Sender } from '../../src/core/policy/policy-model.ts';
import { formatCalendarDay, isoWeekday, type EpochDay } from '../../src/core/time/calendar-day.ts';
import { localDay, toLocal } from '../../src/core/time/time-zone.ts';
import { messageByRef } from './check-delivery.ts';
import { simulatedAt } from './soak-clock.ts';
import { stripAngles, type CheckResult, type SoakEvidence, type SoakMessage, type SoakWorkspaceFacts } from './soak-evidence.ts';

// The guardrails as the customers saw them: counted from what the SMTP server received, at the
// simulated instant it received it, in the customer's zone (daily limit, quiet hours, sending
// days) or the workspace's (segment sendCap, domain warm-up), as spec section 4 counts them. The
// engine's own placement (each message's planned instant) is checked the same way beside it.

const shown = 8;
const msPerMinute = 60_000;

export interface Delivery {
  message: SoakMessage;
  workspace: SoakWorkspaceFacts;
  segment: Segment | null;
  guardrails: Guardrails;
  customerTimeZone: string;
  /** Simulated instant of receipt. */
  at: number;
  wallAt: number;
}

export interface Violation {
  delivery: Delivery;
  what: string;
}

/** The first copy of each received message, joined to its outbox row and policy. */
export function listDeliveries(evidence: SoakEvidence): Delivery[] {
  const byRef = messageByRef(evidence);
  const workspaces = new Map(evidence.workspaces.map((workspace) => [workspace.id, workspace]));
  const seen = new Set<string>();
  const deliveries: Delivery[] = [];
  for (const record of [...evidence.received].sort((a, b) => a.wallAt - b.wallAt)) {
    const id = stripAngles(record.messageId);
    const message = byRef.get(record.plixoRef);
    const workspace = message ? workspaces.get(message.workspaceId) : undefined;
    if (!message || !workspace || seen.has(id)) continue;
    seen.add(id);
    deliveries.push({ ...placeOf(message, workspace), at: simulatedAt(evidence.clock, record.wallAt), wallAt: record.wallAt });
  }
  return deliveries;
}

function placeOf(message: SoakMessage, workspace: SoakWorkspaceFacts): Omit<Delivery, 'at' | 'wallAt'> {
  const segment = workspace.policy.segments.find((candidate) => candidate.name === message.segment) ?? null;
  return {
    message,
    workspace,
    segment,
    guardrails: segment?.guardrails ?? workspace.policy.workspace.guardrails,
    customerTimeZone: workspace.customerTimeZones.get(message.customerId) ?? workspace.policy.workspace.timeZone,
  };
}

/** The engine's placement: every message the outbox holds, at its planned instant. */
export function listPlannedMessages(evidence: SoakEvidence): Delivery[] {
  const workspaces = new Map(evidence.workspaces.map((workspace) => [workspace.id, workspace]));
  return evidence.messages.flatMap((message) => {
    const workspace = workspaces.get(message.workspaceId);
    return workspace ? [{ ...placeOf(message, workspace), at: message.notBefore, wallAt: Number.NaN }] : [];
  });
}

export function isQuiet(guardrails: Guardrails, msOfDay: number): boolean {
  const quiet = guardrails.quietHours;
  if (!quiet) return false;
  const minute = Math.floor(msOfDay / msPerMinute);
  return quiet.fromMinute < quiet.toMinute ? minute >= quiet.fromMinute && minute < quiet.toMinute : minute >= quiet.fromMinute || minute < quiet.toMinute;
}

/** Spec 4.2: the week's cap of the ramp, none after its last week. */
export function warmupLimit(sender: Sender, day: EpochDay): number {
  if (sender.warmupStartDay === null) return Number.POSITIVE_INFINITY;
  const week = Math.max(0, Math.floor((day - sender.warmupStartDay) / 7));
  return sender.warmupRamp[week] ?? Number.POSITIVE_INFINITY;
}

export interface CapCounts {
  violations: Violation[];
  /** Customer-days, segment-days and domain-days that reached their limit exactly: the caps bound. */
  atLimit: { customer: number; segment: number; domain: number };
  /** The fullest day of each capped segment and warmed-up domain: "northwind smb 2026-03-02: 30/30". */
  fullest: string[];
}

export function countCaps(deliveries: readonly Delivery[]): CapCounts {
  const violations: Violation[] = [];
  const atLimit = { customer: 0, segment: 0, domain: 0 };
  const groups = new Map<string, Delivery[]>();
  const add = (key: string, delivery: Delivery) => groups.set(key, [...(groups.get(key) ?? []), delivery]);
  for (const delivery of [...deliveries].sort((a, b) => a.at - b.at)) {
    const workspaceZone = delivery.workspace.policy.workspace.timeZone;
    const ws = delivery.workspace.id;
    add(`customer|${ws}|${delivery.message.customerId}|${localDay(delivery.customerTimeZone, delivery.at)}`, delivery);
    if (delivery.segment?.sendCap != null) add(`segment|${ws}|${delivery.segment.name}|${localDay(workspaceZone, delivery.at)}`, delivery);
    add(`domain|${ws}|${delivery.message.sendingDomain}|${localDay(workspaceZone, delivery.at)}`, delivery);
  }
  const fullest = new Map<string, { count: number; limit: number; day: number }>();
  for (const [key, members] of groups) {
    const [kind, ws, name, dayText] = key.split('|') as [string, string, string, string];
    const day = Number(dayText);
    const policy = members[0]!.workspace.policy;
    if (kind === 'customer') {
      // The k-th message of a customer's day needed fewer than its own maxSendsPerDay before it.
      members.forEach((delivery, index) => {
        if (index + 1 > delivery.guardrails.maxSendsPerDay) violations.push({ delivery, what: `message ${index + 1} to customer ${name} on ${formatCalendarDay(day)} (limit ${delivery.guardrails.maxSendsPerDay} a day)` });
      });
      if (members.length === Math.min(...members.map((delivery) => delivery.guardrails.maxSendsPerDay))) atLimit.customer += 1;
      continue;
    }
    const limit =
      kind === 'segment'
        ? (members[0]!.segment?.sendCap ?? Number.POSITIVE_INFINITY)
        : warmupLimit(policy.workspace.senders.find((sender) => sender.domain.toLowerCase() === name) ?? { domain: name, warmupStartDay: null, warmupRamp: [], address: '' }, day);
    if (!Number.isFinite(limit)) continue;
    if (members.length > limit) violations.push({ delivery: members[limit]!, what: `${members.length} messages of ${kind} ${name} of ${ws} on ${formatCalendarDay(day)} (cap ${limit})` });
    if (members.length === limit) atLimit[kind as 'segment' | 'domain'] += 1;
    const label = `${ws} ${kind} ${name}`;
    const best = fullest.get(label);
    if (!best || members.length / limit > best.count / best.limit) fullest.set(label, { count: members.length, limit, day });
  }
  return { violations, atLimit, fullest: [...fullest].map(([label, best]) => `${label} ${formatCalendarDay(best.day)}: ${best.count}/${best.limit}`) };
}

/** Quiet hours and sending days in the customer's zone; a message is judged where it was received. */
export function findQuietViolations(deliveries: readonly Delivery[], { pickupToleranceMs }: { pickupToleranceMs: number }): Violation[] {
  const violations: Violation[] = [];
  for (const delivery of deliveries) {
    const local = toLocal(delivery.customerTimeZone, delivery.at);
    const quiet = isQuiet(delivery.guardrails, local.msOfDay);
    const offDay = !delivery.guardrails.days.has(isoWeekday(local.day));
    if (!quiet && !offDay) continue;
    // A message placed just before quiet hours may be picked up by the next tick just inside them.
    const planned = toLocal(delivery.customerTimeZone, delivery.message.notBefore);
    const plannedOk = !isQuiet(delivery.guardrails, planned.msOfDay) && delivery.guardrails.days.has(isoWeekday(planned.day));
    if (plannedOk && delivery.at - delivery.message.notBefore <= pickupToleranceMs) continue;
    const hh = String(Math.floor(local.msOfDay / 3_600_000)).padStart(2, '0');
    const mm = String(Math.floor((local.msOfDay % 3_600_000) / msPerMinute)).padStart(2, '0');
    violations.push({
      delivery,
      what: `${quiet ? 'inside quiet hours' : 'on a day without sending'}: ${formatCalendarDay(local.day)} ${hh}:${mm} in ${delivery.customerTimeZone}, planned ${new Date(delivery.message.notBefore).toISOString()}`,
    });
  }
  return violations;
}

export function pickupToleranceMs(evidence: SoakEvidence): number {
  return 15_000 * evidence.clock.speed;
}

export function checkCaps(evidence: SoakEvidence): CheckResult {
  const received = countCaps(listDeliveries(evidence));
  const planned = countCaps(listPlannedMessages(evidence));
  const ok = received.violations.length === 0 && planned.violations.length === 0;
  const summary =
    `as received: ${received.violations.length} over a cap (customer-days at their limit ${received.atLimit.customer}, segment-days at sendCap ${received.atLimit.segment}, domain-days at warm-up ${received.atLimit.domain}); ` +
    `as planned by the engine: ${planned.violations.length} over a cap`;
  const details = [
    ...received.violations.slice(0, shown).map((violation) => `received: ${violation.what} (${violation.delivery.message.workspaceId}/${violation.delivery.message.id})`),
    ...planned.violations.slice(0, shown).map((violation) => `planned: ${violation.what} (${violation.delivery.message.workspaceId}/${violation.delivery.message.id})`),
    ...received.fullest.map((line) => `fullest day as received: ${line}`),
  ];
  return { title: 'Caps held', ok, summary, details };
}

export function checkQuietHours(evidence: SoakEvidence): CheckResult {
  const deliveries = listDeliveries(evidence);
  const violations = findQuietViolations(deliveries, { pickupToleranceMs: pickupToleranceMs(evidence) });
  const tolerance = Math.round(pickupToleranceMs(evidence) / msPerMinute);
  return {
    title: 'Quiet hours held',
    ok: violations.length === 0,
    summary: `${deliveries.length} messages received, ${violations.length} inside the customer's quiet hours or on a day without sending (a message picked up within ${tolerance} simulated minutes of its planned instant is judged at that instant)`,
    details: violations.slice(0, shown).map((violation) => `${violation.delivery.message.workspaceId}/${violation.delivery.message.id} to ${violation.delivery.message.customerId}: ${violation.what}`),
  };
}
