import { z } from 'zod';
import { formatMoney } from '../../../../core/money/money.ts';
import { listSegments, type SegmentView } from '../../../../app/segments/measure-segment-health.ts';
import { previewSegment } from '../../../../app/segments/preview-segment.ts';
import { setSegmentMode } from '../../../../app/segments/set-segment-mode.ts';
import { defineRoute } from '../define-route.ts';

// Segments as the live policy runs them: each one's mode (Shadow / Autopilot) and who switched
// it, its health (contact coverage, bounces, promise adherence, disputes, reversals) and the
// gates that keep Autopilot off or hold a publish back; and the preview of a segment of the files
// being edited (a draft's, saved or not): the invoices it would govern and where filters overlap.

const org = z.object({ orgId: z.string().min(1) });
const mode = z.enum(['shadow', 'autopilot']);
const segmentView = z.object({
  segment: z.string(),
  priority: z.number(),
  cadence: z.string(),
  version: z.number().int(),
  mode,
  fileMode: mode,
  switchedBy: z.string().nullable(),
  switchedAt: z.string().nullable(),
  switchReason: z.string().nullable(),
  health: z.object({
    openInvoices: z.number().int(),
    reachableInvoices: z.number().int(),
    coverage: z.number().nullable(),
    openDisputes: z.number().int(),
    sent: z.number().int(),
    bounced: z.number().int(),
    bounceRate: z.number().nullable(),
    promisesKept: z.number().int(),
    promisesMissed: z.number().int(),
    promiseAdherence: z.number().nullable(),
    payments: z.number().int(),
    reversals: z.number().int(),
    reversalRate: z.number().nullable(),
  }),
  autopilotBlockers: z.array(z.string()),
  publishBlocker: z.string().nullable(),
});

const file = z.object({ path: z.string().min(1).max(300), text: z.string().max(1_000_000) });
const money = z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() });
const segmentPreview = z.object({
  segment: z.string(),
  /** Where the segment is tried: 1 for the first (priority, then name). */
  position: z.number().int(),
  priority: z.number(),
  openInvoices: z.number().int(),
  /** Open invoices whose every condition of the segment holds, whichever segment wins them. */
  matched: z.number().int(),
  /** Open invoices the segment would govern: it matches them and no segment tried before it does. */
  governed: z.number().int(),
  invoices: z.array(z.object({ id: z.string(), number: z.string(), customerId: z.string(), customerName: z.string(), dueOn: z.string(), balance: money, daysPastDue: z.number().int() })),
  /** Invoices matched by more than one segment's filters, grouped by the segments matching them (in the order tried); the first, `winner`, governs them. */
  overlaps: z.array(z.object({ segments: z.array(z.string()), winner: z.string(), invoices: z.number().int() })),
  /** Open invoices no segment matches: no outreach. */
  unmatched: z.number().int(),
});

function toSegmentView(view: SegmentView): z.infer<typeof segmentView> {
  const { segment: _name, ...health } = view.health;
  return { ...view, switchedAt: view.switchedAt === null ? null : new Date(view.switchedAt).toISOString(), health };
}

export const segmentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/segments',
    summary: 'The segments of the live policy with their mode, health and gates',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    response: z.object({ items: z.array(segmentView) }),
    async handler({ deps, organisationId, now }) {
      return { items: (await listSegments({ store: deps.store, workspaceId: organisationId, now })).map(toSegmentView) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/segments/:segment/mode',
    summary: 'Turn Autopilot on or off for a segment; Autopilot needs the gates passed, or a Controller’s override with a reason',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'segments.mode' },
    params: org.extend({ segment: z.string().min(1) }),
    body: z.object({ mode, reason: z.string().max(2000).optional(), override: z.boolean().default(false) }),
    response: segmentView,
    async handler({ deps, organisationId, actor, params, body, now }) {
      return toSegmentView(
        await setSegmentMode({ store: deps.store, now, workspaceId: organisationId, by: actor!, segment: params.segment, mode: body.mode, reason: body.reason ?? null, override: body.override }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/segments/preview',
    summary: 'What a segment of the files given would govern now: the count and a first page of open invoices, and where segments’ filters overlap with the one that wins; nothing is saved',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: { feature: 'policy_as_code', tokensOnly: true },
    params: org,
    body: z.object({ files: z.array(file).min(1).max(200), segment: z.string().min(1), limit: z.number().int().min(0).max(100).default(20) }),
    response: segmentPreview,
    async handler({ deps, organisationId, body, now }) {
      const preview = await previewSegment({ store: deps.store, now, workspaceId: organisationId, files: body.files, segment: body.segment, limit: body.limit });
      return {
        ...preview,
        invoices: preview.invoices.map(({ balanceMinor, currency, ...invoice }) => ({ ...invoice, balance: { minor: balanceMinor, currency, formatted: formatMoney(balanceMinor, currency, 'en-US') } })),
      };
    },
  }),
];
