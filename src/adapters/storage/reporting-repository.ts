import { escapeLike } from './escape-like.ts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { AgingBucket, MoneyEventFact, ReportingStore, SuppressionEntry } from '../../app/ports/reporting-store.ts';
import { formatCalendarDay, parseCalendarDay } from '../../core/time/calendar-day.ts';
import { StorageInputError } from '../../app/ports/store.ts';
import { runQuery, type RepositoryContext } from './repository-context.ts';

// The dashboard's and consoles' figures as aggregate queries: one scan of a workspace's invoices
// answers aging, and one answers every DSO checkpoint at once, so nothing grows with the number of
// invoices but the database's own work. Dates are 'YYYY-MM-DD' text, which orders as dates do.

export type ReportingRepository = ReportingStore;

const day = (text: string, field: string): number => {
  const parsed = parseCalendarDay(text);
  if (parsed === null) throw new StorageInputError([{ record: 'report', field, message: `report: ${field} "${text}" is not a date YYYY-MM-DD` }]);
  return parsed;
};

const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

export function createReportingRepository(context: RepositoryContext): ReportingRepository {
  return {
    async measureAging(workspaceId, todayOn) {
      const today = day(todayOn, 'todayOn');
      const [d30, d60, d90] = [30, 60, 90].map((days) => formatCalendarDay(today - days));
      // Days past due = today − due date: due today or later is current; due 90 days ago is still 61-90.
      const bucket = sql<AgingBucket>`case when due_on >= ${todayOn} then 'current' when due_on >= ${d30} then '1-30' when due_on >= ${d60} then '31-60' when due_on >= ${d90} then '61-90' else '90+' end`;
      const rows = await runQuery(context, { record: 'aging report' }, () =>
        context.db
          .selectFrom('invoices')
          .select((eb) => ['currency', bucket.as('bucket'), eb.fn.countAll<number | string>().as('invoices'), eb.fn.sum<number | string>('balance_minor').as('balance')])
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'open')
          .where('balance_minor', '>', 0)
          // By the output column: PostgreSQL would not match the repeated expression, whose parameters are numbered anew.
          .groupBy(['currency', sql.ref('bucket')])
          .orderBy('currency')
          .execute(),
      );
      return rows.map((row) => ({ currency: row.currency, bucket: row.bucket, invoices: toNumber(row.invoices), balanceMinor: toNumber(row.balance) }));
    },

    async measureReceivablesAt(workspaceId, checkpoints) {
      if (checkpoints.length === 0) return [];
      checkpoints.forEach((checkpoint, index) => {
        day(checkpoint.on, `checkpoints[${index}].on`);
        day(checkpoint.invoicedFromOn, `checkpoints[${index}].invoicedFromOn`);
      });
      const rows = await runQuery(context, { record: 'receivables report' }, () =>
        context.db
          .selectFrom('invoices')
          .select((eb) => [
            'currency',
            ...checkpoints.flatMap(({ at, on, invoicedFromOn }, index) => {
              const counted: Expression<SqlBool> = eb.and([eb('issued_on', '<=', on), eb.not(eb.and([eb('status', '=', 'closed'), eb('updated_at', '<=', at)]))]);
              // What was paid before Plixo learned of an invoice is taken as paid when it learned of it.
              const open = eb.case().when('known_at', '<=', at).then(eb.ref('balance_minor')).else(eb.ref('amount_minor')).end();
              const receivable = eb.fn.sum<number | string>(eb.case().when(counted).then(open).else(0).end()).as(`r${index}`);
              const invoiced = eb.fn
                .sum<number | string>(eb.case().when(eb.and([eb('issued_on', '>=', invoicedFromOn), eb('issued_on', '<=', on)])).then(eb.ref('amount_minor')).else(0).end())
                .as(`i${index}`);
              return [receivable, invoiced];
            }),
          ])
          .where('workspace_id', '=', workspaceId)
          .groupBy('currency')
          .orderBy('currency')
          .execute(),
      );
      return rows.flatMap((row) => {
        const values = row as unknown as Record<string, unknown>;
        return checkpoints.map((_, index) => ({
          checkpoint: index,
          currency: row.currency,
          receivableMinor: toNumber(values[`r${index}`]),
          invoicedMinor: toNumber(values[`i${index}`]),
        }));
      });
    },

    async listMoneyEvents(workspaceId) {
      const rows = await runQuery(context, { record: 'payment events' }, () =>
        context.db
          .selectFrom('events as e')
          .innerJoin('invoices as i', (join) => join.onRef('i.workspace_id', '=', 'e.workspace_id').onRef('i.id', '=', 'e.invoice_id'))
          .select([
            'e.type',
            'e.at',
            'e.payload',
            'i.id',
            'i.currency',
            'i.issued_on',
            'i.due_on',
            'i.amount_minor',
            'i.balance_minor',
            'i.known_at',
            'i.status',
            'i.updated_at',
          ])
          .where('e.workspace_id', '=', workspaceId)
          .where('e.type', 'in', ['payment', 'credit', 'payment_reversed', 'promise'])
          .orderBy('e.at')
          .orderBy('e.id')
          .execute(),
      );
      return rows.map((row) => ({
        type: row.type as MoneyEventFact['type'],
        at: Number(row.at),
        payload: JSON.parse(row.payload) as Record<string, unknown>,
        invoice: {
          id: row.id,
          currency: row.currency,
          issuedOn: row.issued_on,
          dueOn: row.due_on,
          amountMinor: Number(row.amount_minor),
          balanceMinor: Number(row.balance_minor),
          knownAt: Number(row.known_at),
          status: row.status,
          updatedAt: Number(row.updated_at),
        },
      }));
    },

    async measureCadenceCoverage(workspaceId, now) {
      // The queue keeps the next action as JSON text written by JSON.stringify: a segment's name
      // is `"segment":"…"`, and no segment is `"segment":null`.
      const result = await runQuery(context, { record: 'cadence coverage' }, () =>
        sql<{ open_invoices: number | string; covered: number | string | null; scored_at: number | string | null }>`
          select count(*) as open_invoices,
            sum(case when q.next_action like ${'%"segment":"%'} and exists (
              select 1 from contacts c
              where c.workspace_id = q.workspace_id and c.customer_id = q.customer_id
                and not exists (
                  select 1 from suppressions s
                  where s.workspace_id = c.workspace_id and s.email = lower(c.email) and (s.until_at is null or s.until_at > ${now})
                )
            ) then 1 else 0 end) as covered,
            max(q.refreshed_at) as scored_at
          from collection_queue q
          where q.workspace_id = ${workspaceId}`.execute(context.db),
      );
      const row = result.rows[0];
      return { openInvoices: toNumber(row?.open_invoices), coveredInvoices: toNumber(row?.covered), scoredAt: row?.scored_at === null || row?.scored_at === undefined ? null : Number(row.scored_at) };
    },

    async countOutbox(workspaceId, now) {
      const rows = await runQuery(context, { record: 'outbox counts' }, () =>
        context.db
          .selectFrom('outbox_messages')
          .select((eb) => [
            'status',
            eb.fn.countAll<number | string>().as('count'),
            eb.fn.min<number | string | null>(eb.case().when('not_before', '<=', now).then(eb.ref('not_before')).else(null).end()).as('oldest'),
          ])
          .where('workspace_id', '=', workspaceId)
          .where('status', 'in', ['queued', 'sending', 'failed', 'held', 'draft'])
          .groupBy('status')
          .execute(),
      );
      const count = (status: string) => toNumber(rows.find((row) => row.status === status)?.count);
      const due = rows.filter((row) => (row.status === 'queued' || row.status === 'sending') && row.oldest !== null).map((row) => Number(row.oldest));
      return { queued: count('queued'), sending: count('sending'), failed: count('failed'), held: count('held'), draft: count('draft'), oldestDueAt: due.length > 0 ? Math.min(...due) : null };
    },

    async countSentFromDomain(workspaceId, { domain, fromAt, untilAt }) {
      const row = await runQuery(context, { record: `sends of domain ${domain}` }, () =>
        context.db
          .selectFrom('outbox_messages')
          .select((eb) => eb.fn.countAll<number | string>().as('count'))
          .where('workspace_id', '=', workspaceId)
          .where(sql<SqlBool>`lower(sending_domain) = ${domain.toLowerCase()}`)
          .where('sent_at', '>=', fromAt)
          .where('sent_at', '<', untilAt)
          .executeTakeFirst(),
      );
      return toNumber(row?.count);
    },

    async pageSuppressions(workspaceId, query) {
      const rows = await runQuery(context, { record: 'suppressions' }, () => {
        let select = context.db
          .selectFrom('suppressions')
          .select(['workspace_id as workspaceId', 'email', 'reason', 'until_at as untilAt', 'note', 'created_at as createdAt'])
          .where('workspace_id', '=', workspaceId);
        const search = query.search?.trim().toLowerCase();
        // Addresses are stored lower-cased; LIKE's own wildcards in the search are matched as text.
        if (search) select = select.where(sql<SqlBool>`email like ${`%${escapeLike(search)}%`} escape '\\'`);
        if (query.afterEmail !== undefined) select = select.where('email', '>', query.afterEmail.toLowerCase());
        return select.orderBy('email').limit(query.limit).execute();
      });
      return rows.map((row) => ({ ...row, untilAt: row.untilAt === null ? null : Number(row.untilAt), createdAt: Number(row.createdAt) })) as SuppressionEntry[];
    },
  };
}
