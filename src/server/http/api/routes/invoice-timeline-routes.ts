import { z } from 'zod';
import { timelineKinds } from '../../../../app/collections/describe-timeline-entries.ts';
import { disputeReasonLabel, getInvoiceTimeline } from '../../../../app/collections/get-invoice-timeline.ts';
import { installmentStates, planStatuses } from '../../../../core/planning/follow-payment-plans.ts';
import { suppressionReasons } from '../../../../app/ports/store.ts';
import { defineRoute } from '../define-route.ts';

// One invoice's timeline for the queue's inspector: everything sent, skipped, held and received,
// newest first, with its promises, payment plans, pause, open disputes, waiting tasks and the customer's contacts.

const iso = (at: number) => new Date(at).toISOString();
const money = z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() });
const timelineView = z.object({
  invoice: z.object({ id: z.string(), number: z.string(), customerId: z.string(), customerName: z.string(), status: z.enum(['open', 'closed']), dueOn: z.string(), balance: money }),
  entries: z.array(z.object({ at: z.string(), kind: z.enum(timelineKinds), summary: z.string(), by: z.string().nullable() })),
  more: z.boolean().describe('older entries exist beyond the limit'),
  promises: z.array(z.object({ amount: money, on: z.string(), madeAt: z.string(), status: z.enum(['open', 'kept', 'missed']) })),
  plans: z
    .array(
      z.object({
        agreedAt: z.string(),
        status: z.enum(planStatuses).describe('active: being kept; or how it ended'),
        endedAt: z.string().nullable(),
        total: money,
        paid: money.describe('payments since the plan less the reversals since it, until it ended'),
        approvalId: z.number().int().nullable(),
        installments: z.array(
          z.object({
            on: z.string(),
            amount: money,
            dueBy: z.string().describe('the end of its grace: unpaid by then, the plan is broken'),
            state: z.enum(installmentStates).describe('cancelled: not paid, and no longer asked for because the plan ended first'),
          }),
        ),
      }),
    )
    .describe('payment plans on the invoice, newest first'),
  pause: z.object({ until: z.string(), endsAt: z.string(), since: z.string(), scope: z.enum(['invoice', 'customer']) }).nullable(),
  disputes: z.array(
    z.object({
      id: z.number().int(),
      reason: z.string(),
      reasonLabel: z.string(),
      description: z.string(),
      sla: z.enum(['open', 'at_risk', 'late', 'resolved']),
      owner: z.string().nullable(),
      escalatedToLegal: z.boolean(),
      openedBy: z.string(),
      openedAt: z.string(),
      dueAt: z.string(),
    }),
  ),
  waiting: z.array(z.object({ at: z.string(), kind: z.enum(['task', 'escalation']), summary: z.string(), assignTo: z.string().nullable() })),
  contacts: z.array(z.object({ email: z.string(), name: z.string().nullable(), primary: z.boolean(), suppressed: z.object({ reason: z.enum(suppressionReasons), untilAt: z.string().nullable() }).nullable() })),
});

export const invoiceTimelineRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/invoices/:invoiceId/timeline',
    summary: 'An invoice’s timeline, newest first (the newest `limit`, `more` when older ones exist): the engine’s sends, drafts, skips, tasks and escalations, what became of each message, replies and bounces, payments, promises, disputes, pauses and notes; with its promises, payment plans (each instalment paid, due or missed), active pause, open disputes, waiting tasks and the customer’s contacts',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: z.object({ orgId: z.string().min(1), invoiceId: z.string().min(1) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: timelineView,
    async handler({ deps, organisationId, params, query, now }) {
      const timeline = await getInvoiceTimeline({ store: deps.store, now, workspaceId: organisationId, invoiceId: params.invoiceId, limit: query.limit });
      return {
        invoice: timeline.invoice,
        entries: timeline.entries.map((entry) => ({ ...entry, at: iso(entry.at) })),
        more: timeline.more,
        promises: timeline.promises.map((promise) => ({ ...promise, madeAt: iso(promise.madeAt) })),
        plans: timeline.plans.map((plan) => ({
          ...plan,
          agreedAt: iso(plan.agreedAt),
          endedAt: plan.endedAt === null ? null : iso(plan.endedAt),
          installments: plan.installments.map((installment) => ({ ...installment, dueBy: iso(installment.dueBy) })),
        })),
        pause: timeline.pause && { ...timeline.pause, endsAt: iso(timeline.pause.endsAt), since: iso(timeline.pause.since) },
        disputes: timeline.disputes.map((dispute) => ({
          id: dispute.id,
          reason: dispute.reason,
          reasonLabel: disputeReasonLabel(dispute.reason),
          description: dispute.description,
          sla: dispute.sla,
          owner: dispute.owner,
          escalatedToLegal: dispute.escalatedToLegal,
          openedBy: dispute.openedBy,
          openedAt: iso(dispute.openedAt),
          dueAt: iso(dispute.dueAt),
        })),
        waiting: timeline.waiting.map((task) => ({ ...task, at: iso(task.at) })),
        contacts: timeline.contacts.map((contact) => ({ ...contact, suppressed: contact.suppressed && { reason: contact.suppressed.reason, untilAt: contact.suppressed.untilAt === null ? null : iso(contact.suppressed.untilAt) } })),
      };
    },
  }),
];
