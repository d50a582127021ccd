import { z } from 'zod';
import { listSegments, type SegmentView } from '../../../../app/segments/measure-segment-health.ts';
import { setSegmentMode } from '../../../../app/segments/set-segment-mode.ts';
import { defineRoute } from '../define-route.ts';

// Segments as the live policy runs them: each one's mode (Shadow / Autopilot) and who switched
// it, its health (contact coverage, bounces, promise adherence, disputes, reversals) and the
// gates that keep Autopilot off or hold a publish back.

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
];
