import { z } from 'zod';
import { measureDashboard } from '../../../../app/dashboard/measure-dashboard.ts';
import { agingBuckets } from '../../../../app/ports/reporting-store.ts';
import { defineRoute } from '../define-route.ts';

// The dashboard: A/R per currency and its aging, the monthly DSO, cadence coverage and promise
// adherence (docs/web-app.md defines each). Every figure is per currency where money is involved.

const org = z.object({ orgId: z.string().min(1) });
const dashboardView = z.object({
  asOfOn: z.string(),
  timeZone: z.string(),
  receivables: z.array(
    z.object({
      currency: z.string(),
      totalMinor: z.number().int(),
      openInvoices: z.number().int(),
      buckets: z.array(z.object({ bucket: z.enum(agingBuckets), invoices: z.number().int(), balanceMinor: z.number().int() })),
    }),
  ),
  dso: z.array(
    z.object({
      month: z.string(),
      on: z.string(),
      partial: z.boolean(),
      values: z.array(z.object({ currency: z.string(), receivableMinor: z.number().int(), invoicedMinor: z.number().int(), periodDays: z.number().int(), dsoDays: z.number().nullable() })),
    }),
  ),
  coverage: z.object({ openInvoices: z.number().int(), coveredInvoices: z.number().int(), share: z.number().nullable(), scoredAt: z.string().nullable() }),
  promises: z.object({ kept: z.number().int(), missed: z.number().int(), open: z.number().int(), adherence: z.number().nullable() }),
});

export const dashboardRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/dashboard',
    summary: 'The dashboard: A/R total per currency with aging buckets (current, 1–30, 31–60, 61–90, 90+ days past due), DSO by month, cadence coverage and promise adherence',
    tag: 'Dashboard',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: z.object({ months: z.coerce.number().int().min(1).max(24).default(12) }),
    response: dashboardView,
    async handler({ deps, organisationId, query, now }) {
      const dashboard = await measureDashboard({ store: deps.store, workspaceId: organisationId, now, months: query.months });
      return { ...dashboard, coverage: { ...dashboard.coverage, scoredAt: dashboard.coverage.scoredAt === null ? null : new Date(dashboard.coverage.scoredAt).toISOString() } };
    },
  }),
];
