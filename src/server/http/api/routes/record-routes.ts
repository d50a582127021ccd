import { z } from 'zod';
import { formatMoney } from '../../../../core/money/money.ts';
import { defineRoute } from '../define-route.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../pagination.ts';

// What an organisation holds: invoices, and its audit trail.

const org = z.object({ orgId: z.string().min(1) });
const invoiceView = z.object({
  id: z.string(),
  customerId: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  dueOn: z.string(),
  amount: z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() }),
  balance: z.object({ minor: z.number().int(), currency: z.string(), formatted: z.string() }),
  status: z.enum(['open', 'closed']),
});
const auditView = z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), subject: z.string(), detail: z.record(z.string(), z.json()) });

export const recordRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/invoices',
    summary: 'Invoices by id, a page at a time; filter by status and customer',
    tag: 'Invoices',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: pageQuerySchema.extend({ status: z.enum(['open', 'closed']).optional(), customerId: z.string().optional() }),
    response: z.object({ items: z.array(invoiceView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query }) {
      const afterId = decodeCursor(query.cursor, z.string());
      const rows = await deps.store.pageInvoices(organisationId, {
        limit: query.limit + 1,
        ...(afterId !== undefined ? { afterId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.customerId ? { customerId: query.customerId } : {}),
      });
      const items = rows.slice(0, query.limit);
      const money = (minor: number, currency: string) => ({ minor, currency, formatted: formatMoney(minor, currency, 'en-US') });
      return {
        items: items.map((invoice) => ({
          id: invoice.id,
          customerId: invoice.customerId,
          number: invoice.number,
          issuedOn: invoice.issuedOn,
          dueOn: invoice.dueOn,
          amount: money(invoice.amountMinor, invoice.currency),
          balance: money(invoice.balanceMinor, invoice.currency),
          status: invoice.status,
        })),
        nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]!.id) : null,
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/audit',
    summary: 'The audit trail, newest first; filter by actor, action (or a family ending in ".") and time',
    tag: 'Audit',
    access: { kind: 'organisation', permission: 'audit.view' },
    params: org,
    query: pageQuerySchema.extend({ actor: z.string().optional(), action: z.string().optional(), since: z.iso.datetime().optional(), until: z.iso.datetime().optional() }),
    response: z.object({ items: z.array(auditView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query }) {
      const beforeId = decodeCursor(query.cursor, z.number().int());
      const rows = await deps.store.listAudit({
        workspaceId: organisationId,
        limit: query.limit + 1,
        ...(beforeId !== undefined ? { beforeId } : {}),
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.since ? { sinceAt: Date.parse(query.since) } : {}),
        ...(query.until ? { untilAt: Date.parse(query.until) } : {}),
      });
      const items = rows.slice(0, query.limit);
      return {
        items: items.map((entry) => ({ id: entry.id, at: new Date(entry.at).toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject, detail: entry.detail })),
        nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]!.id) : null,
      };
    },
  }),
];
