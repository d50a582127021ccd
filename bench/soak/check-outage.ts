import { countCaps, findQuietViolations, listDeliveries, pickupToleranceMs } from './check-guardrails.ts';
import { simulatedAt } from './soak-clock.ts';
import type { CheckResult, SoakEvidence } from './soak-evidence.ts';

// After the SMTP outage: the backlog it built up drains (no due message waits longer than the
// workers' pick-up delay), and what goes out while it drains still keeps to the caps and the
// quiet hours. Caps are counted over the whole day, so the messages sent before the outage on
// the same day count too.

const shown = 8;

export function checkBacklogDrained(evidence: SoakEvidence): CheckResult {
  const outage = evidence.outage;
  if (!outage) return { title: 'Backlog drained after the outage', ok: false, summary: 'the run had no SMTP outage', details: [] };
  const toleranceMs = pickupToleranceMs(evidence);
  const during = evidence.backlog.filter((sample) => sample.wallAt >= outage.downWallAt && sample.wallAt < outage.upWallAt);
  const peak = during.reduce((max, sample) => Math.max(max, sample.pending), 0);
  const ageAt = (sample: { wallAt: number; oldestDueAt: number | null }) => (sample.oldestDueAt === null ? 0 : simulatedAt(evidence.clock, sample.wallAt) - sample.oldestDueAt);
  const oldestAtEnd = during.length > 0 ? ageAt(during[during.length - 1]!) : 0;
  const drained = evidence.backlog.find((sample) => sample.wallAt >= outage.upWallAt && ageAt(sample) <= toleranceMs);
  const deliveries = listDeliveries(evidence);
  const inDrain = (wallAt: number) => wallAt >= outage.upWallAt && (drained === undefined || wallAt <= drained.wallAt);
  const capViolations = countCaps(deliveries).violations.filter((violation) => inDrain(violation.delivery.wallAt));
  const quietViolations = findQuietViolations(deliveries, { pickupToleranceMs: toleranceMs }).filter((violation) => inDrain(violation.delivery.wallAt));
  const drainedMessages = deliveries.filter((delivery) => inDrain(delivery.wallAt)).length;
  const hours = (ms: number) => `${(ms / 3_600_000).toFixed(1)} h`;
  const outageMs = (outage.upWallAt - outage.downWallAt) * evidence.clock.speed;
  const summary = drained
    ? `outage of ${hours(outageMs)} simulated (${Math.round((outage.upWallAt - outage.downWallAt) / 1000)} s): up to ${peak} messages pending, the oldest due ${hours(oldestAtEnd)} when it ended; ` +
      `drained ${hours((drained.wallAt - outage.upWallAt) * evidence.clock.speed)} simulated (${Math.round((drained.wallAt - outage.upWallAt) / 1000)} s) after, ${drainedMessages} messages sent meanwhile, ` +
      `${capViolations.length} over a cap, ${quietViolations.length} in quiet hours or on a day without sending`
    : `outage of ${hours(outageMs)} simulated: up to ${peak} messages pending; the backlog had not drained by the end`;
  const details = [
    ...capViolations.slice(0, shown).map((violation) => `over a cap while draining: ${violation.what}`),
    ...quietViolations.slice(0, shown).map((violation) => `while draining, ${violation.delivery.message.workspaceId}/${violation.delivery.message.id}: ${violation.what}`),
  ];
  return { title: 'Backlog drained after the outage', ok: drained !== undefined && capViolations.length === 0 && quietViolations.length === 0, summary, details };
}
