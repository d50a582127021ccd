import { z } from 'zod';
import { formatAmount } from '../../../../core/money/money.ts';
import { defineRoute } from '../define-route.ts';
import { decodeCursor, encodeCursor, pageQuerySchema } from '../pagination.ts';

// The collections queue: open invoices in the order a person should work them, each with the
// reasons for its place and its next planned action. The first three are today's focus.

const org = z.object({ orgId: z.string().min(1) });
const entryView = z.object({
  rank: z.number().int(),
  focus: z.boolean(),
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  score: z.number().int(),
  daysPastDue: z.number().int(),
  balance: z.object({ value: z.string(), currency: z.string() }),
  reasons: z.array(z.object({ code: z.string(), points: z.number(), text: z.string() })),
  next: z
    .object({
      type: z.string(),
      at: z.string(),
      step: z.string().nullable(),
      segment: z.string().nullable(),
      reason: z.string().nullable(),
      plannedAt: z.string().nullable(),
      moves: z.array(z.string()),
    })
    .nullable(),
});

const cursorSchema = z.object({ score: z.number().int(), invoiceId: z.string(), rank: z.number().int() });

export const queueRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/queue',
    summary: 'The collections queue by score, with the reasons for each place, its next planned action, and today’s focus (the top three)',
    tag: 'Collections',
    access: { kind: 'organisation', permission: 'dashboards.view' },
    params: org,
    query: pageQuerySchema.extend({ customerId: z.string().optional() }),
    response: z.object({ refreshedAt: z.string().nullable(), items: z.array(entryView), nextCursor: z.string().nullable() }),
    async handler({ deps, organisationId, query }) {
      const after = decodeCursor(query.cursor, cursorSchema);
      const rows = await deps.store.pageCollectionQueue(organisationId, {
        limit: query.limit + 1,
        ...(after ? { after: { score: after.score, invoiceId: after.invoiceId } } : {}),
        ...(query.customerId ? { customerId: query.customerId } : {}),
      });
      const page = rows.slice(0, query.limit);
      const firstRank = after ? after.rank + 1 : 1;
      const items = page.map((row, index) => ({
        rank: firstRank + index,
        focus: !query.customerId && firstRank + index <= 3,
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoiceNumber,
        customerId: row.customerId,
        customerName: row.customerName,
        score: row.score,
        daysPastDue: row.daysPastDue,
        balance: { value: formatAmount(row.balanceMinor, row.currency), currency: row.currency },
        reasons: row.reasons,
        next: row.nextAction,
      }));
      const last = items.at(-1);
      return {
        refreshedAt: page[0] ? new Date(page[0].refreshedAt).toISOString() : null,
        items,
        nextCursor: rows.length > query.limit && last ? encodeCursor({ score: last.score, invoiceId: last.invoiceId, rank: last.rank }) : null,
      };
    },
  }),
];
