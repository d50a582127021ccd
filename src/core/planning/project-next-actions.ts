import type { Policy } from '../policy/policy-model.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import type { Instant } from '../time/time-zone.ts';
import { createEngine, type InvoiceInspection } from './create-engine.ts';
import type { EngineAction } from './engine-action.ts';

// Where each invoice stands now and what the engine does for it next: the engine runs to `now`
// (history, as the worker ran it), each invoice is inspected there (balance, promise, segment),
// then the engine runs on to `until` and each invoice's first action after now is kept. The
// impact preview and the collections queue both read the portfolio this way.

export interface InvoiceProjection {
  /** null for an invoice the engine does not know. */
  now: InvoiceInspection | null;
  /** The first action after now that concerns the invoice, before `until`; null: none. */
  next: EngineAction | null;
}

export function projectNextActions(input: { policy: Policy; portfolio: Portfolio; start: Instant; now: Instant; until: Instant }): Map<string, InvoiceProjection> {
  const { policy, portfolio, start, now, until } = input;
  const engine = createEngine({ policy, portfolio, start });
  engine.advanceTo(now + 1);
  const result = new Map<string, InvoiceProjection>();
  for (const invoice of portfolio.invoices) result.set(invoice.id, { now: engine.inspectInvoice(invoice.id, now), next: null });
  for (const action of engine.advanceTo(until)) {
    for (const invoiceId of action.invoices) {
      const projection = result.get(invoiceId);
      if (projection && projection.next === null) projection.next = action;
    }
  }
  return result;
}

/** 'cadence/step' of the action's step for this invoice; null for actions outside a cadence. */
export function stepOf(action: EngineAction, invoiceId: string): string | null {
  const step = action.steps?.find((ref) => ref.invoice === invoiceId);
  return step ? `${step.cadence}/${step.step}` : null;
}
