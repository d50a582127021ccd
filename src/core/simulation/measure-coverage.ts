import type { Policy } from '../policy/policy-model.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import { findSegment } from '../segments/match-segment.ts';
import { localDay, type Instant } from '../time/time-zone.ts';

export interface Coverage {
  open: number;
  /** Open invoices that no segment matches at the instant: they get no outreach (spec, Segment). */
  unmatched: string[];
}

/** Cadence coverage at an instant: which open invoices no segment governs. */
export function measureCoverage(policy: Policy, portfolio: Portfolio, at: Instant): Coverage {
  const customers = new Map(portfolio.customers.map((customer) => [customer.id, customer]));
  const unmatched: string[] = [];
  let open = 0;
  for (const invoice of portfolio.invoices) {
    if (invoice.balanceMinor <= 0) continue;
    open += 1;
    const customer = customers.get(invoice.customerId)!;
    const timeZone = customer.timeZone ?? policy.workspace.timeZone;
    const daysPastDue = localDay(timeZone, at) - invoice.dueOn;
    if (!findSegment(policy.segments, { customer, invoice, balanceMinor: invoice.balanceMinor, daysPastDue })) unmatched.push(invoice.id);
  }
  return { open, unmatched };
}
