import { z } from 'zod';
import { formatMoney } from '../../../../core/money/money.ts';
import { auditCsvHeader, exportAuditTrail, toAuditCsvLine } from '../../../../app/audit/export-audit-trail.ts';
import { defineRoute, FileResponse } from '../define-route.ts';
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
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/audit/export',
    summary: 'The audit trail as a file, in chain order with each entry’s hashes (CSV or JSON Lines); same filters as the list',
    tag: 'Audit',
    access: { kind: 'organisation', permission: 'audit.view' },
    params: org,
    query: z.object({ format: z.enum(['csv', 'json']).default('csv'), actor: z.string().optional(), action: z.string().optional(), since: z.iso.datetime().optional(), until: z.iso.datetime().optional() }),
    response: z.string(),
    async handler({ deps, organisationId, query, now }) {
      const filter = {
        workspaceId: organisationId,
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.since ? { sinceAt: Date.parse(query.since) } : {}),
        ...(query.until ? { untilAt: Date.parse(query.until) } : {}),
      };
      const lines: string[] = query.format === 'csv' ? [auditCsvHeader.join(',')] : [];
      for await (const entry of exportAuditTrail({ store: deps.store, filter })) lines.push(query.format === 'csv' ? toAuditCsvLine(entry) : JSON.stringify(entry));
      const stamp = new Date(now).toISOString().slice(0, 10);
      return query.format === 'csv'
        ? new FileResponse('text/csv; charset=utf-8', `${lines.join('\r\n')}\r\n`, `audit-${organisationId}-${stamp}.csv`)
        : new FileResponse('application/x-ndjson; charset=utf-8', lines.map((line) => `${line}\n`).join(''), `audit-${organisationId}-${stamp}.jsonl`);
    },
  }),
];
