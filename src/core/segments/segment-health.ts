// The health of each segment and the gates of the product brief: Autopilot stays off while a
// segment's contact coverage is under 90 %, a dispute in it is unresolved, or payment reversals
// exceed 5 % of its payments in the trailing week; a segment under 70 % contact coverage cannot be
// published to until its contacts are fixed. Pure: the caller says which segment governs each
// open invoice now and what happened to it.

export const healthThresholds = {
  autopilotMinCoverage: 0.9,
  autopilotMaxReversalRate: 0.05,
  publishMinCoverage: 0.7,
  /** The trailing windows, in days. */
  reversalWindowDays: 7,
  bounceWindowDays: 30,
} as const;

export interface SegmentInvoiceFacts {
  segment: string;
  /** The customer has an email address that is not suppressed. */
  reachable: boolean;
  disputed: boolean;
}

export interface SegmentHealthInput {
  segments: readonly string[];
  /** Each open invoice, with the segment that governs it now. */
  invoices: readonly SegmentInvoiceFacts[];
  /** Messages sent in the bounce window, by the segment of their first invoice. */
  messages: readonly { segment: string; bounced: boolean }[];
  promises: readonly { segment: string; status: 'open' | 'kept' | 'missed' }[];
  /** Payments and reversals in the reversal window; a reversal (a `payment_reversed` event) is a refund or chargeback of an earlier payment. */
  payments: readonly { segment: string; reversal: boolean }[];
}

export interface SegmentHealth {
  segment: string;
  openInvoices: number;
  reachableInvoices: number;
  /** Share of open invoices whose customer can be reached by email; null without open invoices. */
  coverage: number | null;
  openDisputes: number;
  sent: number;
  bounced: number;
  bounceRate: number | null;
  promisesKept: number;
  promisesMissed: number;
  /** kept / (kept + missed); null before any promise came due. */
  promiseAdherence: number | null;
  payments: number;
  reversals: number;
  reversalRate: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function measureSegmentHealth(input: SegmentHealthInput): SegmentHealth[] {
  const bySegment = new Map<string, SegmentHealth>(
    input.segments.map((segment) => [
      segment,
      { segment, openInvoices: 0, reachableInvoices: 0, coverage: null, openDisputes: 0, sent: 0, bounced: 0, bounceRate: null, promisesKept: 0, promisesMissed: 0, promiseAdherence: null, payments: 0, reversals: 0, reversalRate: null },
    ]),
  );
  for (const invoice of input.invoices) {
    const health = bySegment.get(invoice.segment);
    if (!health) continue;
    health.openInvoices += 1;
    if (invoice.reachable) health.reachableInvoices += 1;
    if (invoice.disputed) health.openDisputes += 1;
  }
  for (const message of input.messages) {
    const health = bySegment.get(message.segment);
    if (!health) continue;
    health.sent += 1;
    if (message.bounced) health.bounced += 1;
  }
  for (const promise of input.promises) {
    const health = bySegment.get(promise.segment);
    if (!health) continue;
    if (promise.status === 'kept') health.promisesKept += 1;
    if (promise.status === 'missed') health.promisesMissed += 1;
  }
  for (const payment of input.payments) {
    const health = bySegment.get(payment.segment);
    if (!health) continue;
    health.payments += 1;
    if (payment.reversal) health.reversals += 1;
  }
  return [...bySegment.values()].map((health) => ({
    ...health,
    coverage: ratio(health.reachableInvoices, health.openInvoices),
    bounceRate: ratio(health.bounced, health.sent),
    promiseAdherence: ratio(health.promisesKept, health.promisesKept + health.promisesMissed),
    reversalRate: ratio(health.reversals, health.payments),
  }));
}

const percent = (value: number) => `${(Math.floor(value * 1000) / 10).toString()} %`;

/** Why Autopilot must stay off for the segment, in words; empty: it may go on. */
export function autopilotBlockers(health: SegmentHealth): string[] {
  const blockers: string[] = [];
  if (health.coverage !== null && health.coverage < healthThresholds.autopilotMinCoverage) {
    blockers.push(
      `contact coverage is ${percent(health.coverage)} (${health.reachableInvoices} of ${health.openInvoices} open invoices can be reached by email); Autopilot needs ${percent(healthThresholds.autopilotMinCoverage)}`,
    );
  }
  if (health.openDisputes > 0) blockers.push(`${health.openDisputes} open invoice${health.openDisputes === 1 ? ' is' : 's are'} in an unresolved dispute`);
  if (health.reversalRate !== null && health.reversalRate > healthThresholds.autopilotMaxReversalRate) {
    blockers.push(
      `payment reversals are ${percent(health.reversalRate)} of payments in the last ${healthThresholds.reversalWindowDays} days (${health.reversals} of ${health.payments}); Autopilot allows ${percent(healthThresholds.autopilotMaxReversalRate)}`,
    );
  }
  return blockers;
}

/** Why the segment cannot be published to, in words; null: it can. */
export function publishBlocker(health: SegmentHealth): string | null {
  if (health.coverage === null || health.coverage >= healthThresholds.publishMinCoverage) return null;
  return `segment ${health.segment} has ${percent(health.coverage)} contact coverage (${health.reachableInvoices} of ${health.openInvoices} open invoices can be reached by email); fix its contacts to reach ${percent(healthThresholds.publishMinCoverage)} before publishing to it`;
}
