import { parseCalendarDay } from '../../src/core/time/calendar-day.ts';
import { localDay, startOfLocalDay } from '../../src/core/time/time-zone.ts';
import { listDeliveries, type Delivery } from './check-guardrails.ts';
import type { CheckResult, SoakEvidence } from './soak-evidence.ts';

// What the customers did during the run stopped what it should (spec 3.4-3.6): nothing about a
// paid invoice after the payment, nothing about a promised invoice until the promise's date
// and grace have passed, nothing to a customer who replied until the reply pause ends. A message
// already on its way when the event was committed may still arrive: `slackWallMs` after it.

const shown = 8;

export function checkEventsHonoured(evidence: SoakEvidence, { slackWallMs = 10_000 } = {}): CheckResult {
  const deliveries = listDeliveries(evidence);
  const byInvoice = new Map<string, Delivery[]>();
  const byCustomer = new Map<string, Delivery[]>();
  for (const delivery of deliveries) {
    const ws = delivery.message.workspaceId;
    for (const invoiceId of delivery.message.invoiceIds) byInvoice.set(`${ws}/${invoiceId}`, [...(byInvoice.get(`${ws}/${invoiceId}`) ?? []), delivery]);
    byCustomer.set(`${ws}/${delivery.message.customerId}`, [...(byCustomer.get(`${ws}/${delivery.message.customerId}`) ?? []), delivery]);
  }
  const violations: string[] = [];
  const counts = { payment: 0, promise: 0, reply: 0 };
  for (const event of evidence.events) {
    counts[event.kind] += 1;
    const after = (delivery: Delivery) => delivery.wallAt > event.committedWallAt + slackWallMs;
    const zone = (delivery: Delivery) => delivery.customerTimeZone;
    const name = (delivery: Delivery) => `${delivery.message.workspaceId}/${delivery.message.id} at ${new Date(delivery.at).toISOString()}`;
    if (event.kind === 'payment') {
      for (const delivery of (byInvoice.get(`${event.workspaceId}/${event.invoiceId}`) ?? []).filter(after)) {
        violations.push(`invoice ${event.invoiceId} of ${event.workspaceId} paid ${new Date(event.at).toISOString()}, reminded after: ${name(delivery)}`);
      }
    } else if (event.kind === 'promise') {
      const onDay = parseCalendarDay(event.on ?? '');
      if (onDay === null) continue;
      for (const delivery of (byInvoice.get(`${event.workspaceId}/${event.invoiceId}`) ?? []).filter(after)) {
        // Covered until the end of the local date `on + promiseGraceDays` (spec 3.5).
        const endsAt = startOfLocalDay(zone(delivery), onDay + delivery.guardrails.promiseGraceDays + 1);
        if (delivery.at < endsAt) violations.push(`invoice ${event.invoiceId} of ${event.workspaceId} promised for ${event.on}, reminded meanwhile: ${name(delivery)}`);
      }
    } else {
      for (const delivery of (byCustomer.get(`${event.workspaceId}/${event.customerId}`) ?? []).filter(after)) {
        // Paused until the local start of the reply's date + replyPauseDays (spec 3.6).
        const endsAt = startOfLocalDay(zone(delivery), localDay(zone(delivery), event.at) + delivery.guardrails.replyPauseDays);
        if (delivery.at < endsAt) violations.push(`customer ${event.customerId} of ${event.workspaceId} replied ${new Date(event.at).toISOString()}, written to meanwhile: ${name(delivery)}`);
      }
    }
  }
  return {
    title: 'Payments, promises and replies stop reminders',
    ok: violations.length === 0,
    summary: `${counts.payment} payments, ${counts.promise} promises, ${counts.reply} replies recorded during the run; ${violations.length} messages went out after one that should have stopped them`,
    details: violations.slice(0, shown),
  };
}
