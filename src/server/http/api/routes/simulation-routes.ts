import { z } from 'zod';
import { simulateWorkspace } from '../../../../app/simulation/simulate-workspace.ts';
import { parseInstant } from '../../../../core/time/parse-instant.ts';
import { AppError } from '../../../../app/app-error.ts';
import { defineRoute } from '../define-route.ts';

// The simulator over HTTP: the engine's timeline for a customer or a segment over a range, with
// the reason for every move; the same engine and output fields as `plixo simulate`.

const org = z.object({ orgId: z.string().min(1) });
const iso = (at: number) => new Date(at).toISOString();
const actionView = z.object({
  at: z.string(),
  type: z.string(),
  customer: z.string(),
  invoices: z.array(z.string()),
  steps: z.array(z.object({ invoice: z.string(), cadence: z.string(), step: z.string() })),
  template: z.string().nullable(),
  tone: z.string().nullable(),
  segment: z.string().nullable(),
  plannedAt: z.string().nullable(),
  /** Why it went later than planned, in order: weekend, day_off, holiday, quiet_hours, daily_cap, segment_cap, warmup, catch_up. */
  moves: z.array(z.string()),
  reason: z.string().nullable(),
  assignTo: z.string().nullable(),
});

function instant(text: string, field: string): number {
  const at = parseInstant(text);
  if (at === null) throw new AppError('invalid_input', `${field}: "${text}" is not an ISO-8601 instant such as 2026-12-01T00:00:00Z`, { field });
  return at;
}

export const simulationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/simulate',
    summary: 'What the engine would do for a customer or a segment over a range (up to 366 days), under the live policy or a version: sends, drafts, tasks, escalations and skips, each with the reasons it moved; nothing is recorded or sent',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: { feature: 'policy_as_code', tokensOnly: true },
    params: org,
    body: z.object({ from: z.string(), to: z.string(), customerId: z.string().min(1).optional(), segment: z.string().min(1).optional(), version: z.number().int().positive().optional() }),
    response: z.object({ version: z.number().int().nullable(), actions: z.array(actionView), truncated: z.boolean() }),
    async handler({ deps, organisationId, body }) {
      const result = await simulateWorkspace({
        store: deps.store,
        workspaceId: organisationId,
        from: instant(body.from, 'from'),
        to: instant(body.to, 'to'),
        ...(body.customerId !== undefined ? { customerId: body.customerId } : {}),
        ...(body.segment !== undefined ? { segment: body.segment } : {}),
        ...(body.version !== undefined ? { version: body.version } : {}),
      });
      return {
        version: result.version,
        truncated: result.truncated,
        actions: result.actions.map((action) => ({
          at: iso(action.at),
          type: action.type,
          customer: action.customer,
          invoices: action.invoices,
          steps: action.steps ?? [],
          template: action.template ?? null,
          tone: action.tone ?? null,
          segment: action.segment ?? null,
          plannedAt: action.plannedAt === undefined ? null : iso(action.plannedAt),
          moves: action.moves ?? [],
          reason: action.reason ?? null,
          assignTo: action.assignTo ?? null,
        })),
      };
    },
  }),
];
