import { z } from 'zod';
import { describeSendingDomains, sendingThresholds, type SendingDomainView } from '../../../../app/deliverability/describe-sending-domains.ts';
import { pauseSendingDomain } from '../../../../app/deliverability/pause-sending-domain.ts';
import { resumeSendingDomain } from '../../../../app/deliverability/resume-sending-domain.ts';
import { AppError } from '../../../../app/app-error.ts';
import { actorLabel } from '../../../../app/access/actor.ts';
import { importSuppressions, maxImportLines, previewSuppressionImport, type SuppressionImportPreview } from '../../../../app/suppressions/import-suppressions.ts';
import { suppressionReasons, type Store } from '../../../../app/ports/store.ts';
import { defineRoute } from '../define-route.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';

// Deliverability, as `plixo domains list|pause|resume` shows and switches it: each sending domain's
// DNS checks, warm-up and bounce and complaint rates; and the suppression list by page, with a
// bulk import from CSV (previewed first, then all or nothing).

const org = z.object({ orgId: z.string().min(1) });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const checkStatus = z.enum(['pass', 'warn', 'fail']).nullable();
const dnsRecord = z.object({ result: checkStatus, message: z.string().nullable() });
const domainView = z.object({
  domain: z.string(),
  inPolicy: z.boolean(),
  status: checkStatus,
  dns: z.object({ spf: dnsRecord, dkim: dnsRecord, dmarc: dnsRecord }),
  lastCheckedAt: z.string().nullable(),
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  pausedAt: z.string().nullable(),
  health: z.object({
    sends: z.number().int(),
    bounces: z.number().int(),
    complaints: z.number().int(),
    bounceRate: z.number(),
    complaintRate: z.number(),
    level: z.enum(['ok', 'warn', 'pause']),
  }),
  warmup: z
    .object({ startOn: z.string(), day: z.number().int(), rampDays: z.number().int(), allowanceToday: z.number().int().nullable(), sentToday: z.number().int(), todayOn: z.string() })
    .nullable(),
});
const suppressionView = z.object({ email: z.string(), reason: z.enum(suppressionReasons), untilAt: z.string().nullable(), note: z.string().nullable(), createdAt: z.string() });
const importView = z.object({
  rows: z.array(z.object({ line: z.number().int(), email: z.string(), reason: z.enum(suppressionReasons), note: z.string().nullable(), untilAt: z.string().nullable(), alreadySuppressed: z.boolean() })),
  issues: z.array(z.object({ line: z.number().int(), field: z.enum(['email', 'reason', 'note', 'until', 'line']), message: z.string() })),
  toAdd: z.number().int(),
  alreadySuppressed: z.number().int(),
  imported: z.boolean(),
  added: z.number().int(),
});

function toDomainView(view: SendingDomainView): z.infer<typeof domainView> {
  const { state, health } = view;
  return {
    domain: state.domain,
    inPolicy: view.inPolicy,
    status: state.status,
    dns: view.dns,
    lastCheckedAt: iso(state.lastCheckedAt),
    paused: state.paused,
    pausedReason: state.pausedReason,
    pausedAt: iso(state.pausedAt),
    health: { sends: health.sends, bounces: health.bounces, complaints: health.complaints, bounceRate: health.bounceRate, complaintRate: health.complaintRate, level: health.level },
    warmup: view.warmup,
  };
}

function toImportView(preview: SuppressionImportPreview, outcome: { imported: boolean; added: number }): z.infer<typeof importView> {
  return {
    rows: preview.rows.map((row) => ({ line: row.line, email: row.email, reason: row.reason, note: row.note, untilAt: iso(row.untilAt), alreadySuppressed: row.existing !== null })),
    issues: preview.issues,
    toAdd: preview.toAdd,
    alreadySuppressed: preview.alreadySuppressed,
    ...outcome,
  };
}

/** The domain as the list shows it, after a pause or resume: a paused or resumed domain has a stored state, so it is listed. */
async function domainAfterChange(store: Store, workspaceId: string, domain: string, now: number) {
  const found = (await describeSendingDomains({ store, workspaceId, now })).find((view) => view.state.domain === domain);
  if (!found) throw new AppError('not_found', `"${domain}" is not a sending domain of this organisation`, { field: 'domain' });
  return toDomainView(found);
}

export const deliverabilityRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/sending-domains',
    summary: 'Each sending domain: SPF, DKIM and DMARC as last checked, warm-up (day of the ramp, today’s cap and sends), bounce and complaint rates over the last 200 sends with the thresholds, paused or not',
    tag: 'Deliverability',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    response: z.object({
      items: z.array(domainView),
      thresholds: z.object({ bounceRateTarget: z.number(), complaintRateTarget: z.number(), pauseAfterBounces: z.number().int(), window: z.number().int() }),
    }),
    async handler({ deps, organisationId, now }) {
      const views = await describeSendingDomains({ store: deps.store, workspaceId: organisationId, now });
      return { items: views.map(toDomainView), thresholds: sendingThresholds };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/sending-domains/:domain/pause',
    summary: 'Stop sending from a domain of this organisation, with the reason: its messages stay queued (audited)',
    tag: 'Deliverability',
    access: { kind: 'organisation', permission: 'operations.manage' },
    params: org.extend({ domain: z.string().min(1).max(253) }),
    body: z.object({ reason: z.string().trim().min(1, 'a pause needs a reason').max(2000) }),
    response: domainView.extend({ changed: z.boolean() }),
    async handler({ deps, organisationId, actor, params, body, now }) {
      const result = await pauseSendingDomain({ store: deps.store, workspaceId: organisationId, domain: params.domain, reason: body.reason, actor: actorLabel(actor!), now });
      return { ...(await domainAfterChange(deps.store, organisationId, result.state.domain, now)), changed: result.changed };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/sending-domains/:domain/resume',
    summary: 'Let a paused domain of this organisation send again, with why (audited)',
    tag: 'Deliverability',
    access: { kind: 'organisation', permission: 'operations.manage' },
    params: org.extend({ domain: z.string().min(1).max(253) }),
    body: z.object({ reason: z.string().max(2000).optional() }),
    response: domainView.extend({ changed: z.boolean() }),
    async handler({ deps, organisationId, actor, params, body, now }) {
      const result = await resumeSendingDomain({ store: deps.store, workspaceId: organisationId, domain: params.domain, reason: body.reason ?? null, actor: actorLabel(actor!), now });
      return { ...(await domainAfterChange(deps.store, organisationId, result.state.domain, now)), changed: result.changed };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/suppressions/search',
    summary: 'The suppression list a page at a time, by email, optionally only addresses containing `search`',
    tag: 'Suppressions',
    access: { kind: 'organisation', permission: 'suppressions.manage' },
    params: org,
    query: z.object({ search: z.string().max(320).optional(), limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().max(1000).optional() }),
    response: z.object({ items: z.array(suppressionView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query }) {
      const afterEmail = decodeCursor(query.cursor, z.string());
      const rows = await deps.store.pageSuppressions(organisationId, { limit: query.limit + 1, ...(query.search ? { search: query.search } : {}), ...(afterEmail !== undefined ? { afterEmail } : {}) });
      const items = rows.slice(0, query.limit);
      return {
        items: items.map((row) => ({ email: row.email, reason: row.reason, untilAt: iso(row.untilAt), note: row.note, createdAt: iso(row.createdAt)! })),
        nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]!.email) : null,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/suppressions/import',
    summary: `Suppress many addresses from CSV (email,reason[,note[,until]] a line, up to ${maxImportLines}): with dryRun, the preview (what would be added, what is already suppressed, each bad line and field); without, the import, all or nothing (audited per address)`,
    tag: 'Suppressions',
    access: { kind: 'organisation', permission: 'suppressions.manage' },
    params: org,
    body: z.object({ csv: z.string().min(1).max(1_000_000), dryRun: z.boolean().default(false) }),
    response: importView,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      if (body.dryRun) {
        return toImportView(await previewSuppressionImport({ store: deps.store, workspaceId: organisationId, csv: body.csv, now }), { imported: false, added: 0 });
      }
      const result = await importSuppressions({ store: deps.store, workspaceId: organisationId, csv: body.csv, by: actor!, now });
      return toImportView(result, { imported: true, added: result.added });
    },
  }),
];
