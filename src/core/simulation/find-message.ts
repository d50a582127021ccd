import type { Policy } from '../policy/policy-model.ts';
import type { Portfolio } from '../portfolio/portfolio.ts';
import { createEngine } from '../planning/create-engine.ts';
import type { EngineAction, InvoiceSnapshot } from '../planning/engine-action.ts';
import type { Instant } from '../time/time-zone.ts';

// What `plixo preview` shows: the message the engine sends for an invoice's step at an instant
// (the whole message, other invoices merged into it included), or, when the engine would not
// send that step then, the step's message for that invoice alone as if it went at that instant.

export type FindMessageResult =
  | { kind: 'planned'; action: EngineAction; customerInvoices: InvoiceSnapshot[] }
  | { kind: 'standalone'; action: EngineAction; goesAt: Instant | null; customerInvoices: InvoiceSnapshot[] }
  | { kind: 'error'; message: string };

export interface FindMessageInput {
  policy: Policy;
  portfolio: Portfolio;
  invoiceId: string;
  stepId: string;
  at: Instant;
  /** Where the engine starts (invoices without knownAt are known from here). */
  from: Instant;
}

const lookAheadMs = 400 * 86_400_000;

function covers(action: EngineAction, invoiceId: string, stepId: string): boolean {
  return (action.type === 'send' || action.type === 'draft') && (action.steps ?? []).some((step) => step.invoice === invoiceId && step.step === stepId);
}

export function findMessage({ policy, portfolio, invoiceId, stepId, at, from }: FindMessageInput): FindMessageResult {
  const invoice = portfolio.invoices.find((candidate) => candidate.id === invoiceId);
  if (!invoice) return { kind: 'error', message: `no invoice has the id "${invoiceId}"` };
  if (from > at) return { kind: 'error', message: 'the engine must start at or before the instant to preview' };
  const engine = createEngine({ policy, portfolio, start: from });
  const upToAt = engine.advanceTo(at + 1);
  // Every invoice of the customer as it stands at the instant: what a statement attachment lists.
  const customerInvoices = portfolio.invoices
    .filter((candidate) => candidate.customerId === invoice.customerId)
    .map((candidate) => engine.inspectInvoice(candidate.id, at)!.snapshot);
  const planned = upToAt.find((action) => action.at === at && covers(action, invoiceId, stepId));
  if (planned) return { kind: 'planned', action: planned, customerInvoices };
  const inspection = engine.inspectInvoice(invoiceId, at)!;
  const cadences = inspection.segment ? [inspection.segment.cadence] : [...policy.cadences.values()];
  const withStep = cadences.filter((cadence) => cadence.steps.some((step) => step.id === stepId));
  if (withStep.length === 0) return { kind: 'error', message: `no cadence that can govern invoice ${invoiceId} has a step "${stepId}"` };
  if (withStep.length > 1) return { kind: 'error', message: `several cadences have a step "${stepId}"; invoice ${invoiceId} matches no segment at that instant` };
  const cadence = withStep[0]!;
  const step = cadence.steps.find((candidate) => candidate.id === stepId)!;
  if (step.action === 'task' || !step.template) return { kind: 'error', message: `step "${stepId}" of cadence "${cadence.name}" is a task, not a message` };
  const customer = portfolio.customers.find((candidate) => candidate.id === invoice.customerId)!;
  const earlier = upToAt.find((action) => covers(action, invoiceId, stepId));
  const goesAt = earlier?.at ?? engine.advanceTo(at + lookAheadMs).find((action) => covers(action, invoiceId, stepId))?.at ?? null;
  return {
    kind: 'standalone',
    goesAt,
    customerInvoices,
    action: {
      at,
      type: inspection.segment?.mode === 'shadow' ? 'draft' : 'send',
      customer: customer.id,
      to: customer.contacts.flatMap((contact) => (contact.email ? [contact.email] : [])),
      invoices: [invoiceId],
      leadInvoice: invoiceId,
      steps: [{ invoice: invoiceId, cadence: cadence.name, step: stepId }],
      template: step.template,
      tone: step.tone,
      segment: inspection.segment?.name ?? '',
      attach: [...step.attach],
      snapshots: [inspection.snapshot],
    },
  };
}
