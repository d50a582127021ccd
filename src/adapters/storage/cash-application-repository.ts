import { sql, type Expression, type SqlBool } from 'kysely';
import type { AmountRange, CashApplicationStore } from '../../app/ports/cash-application-store.ts';
import { escapeLike } from './escape-like.ts';
import { toPayment } from './payment-repository.ts';
import { runQuery, type RepositoryContext } from './repository-context.ts';

// The Unapplied Cash searches. Words are matched anywhere, in any case, with LIKE's own wildcards
// taken literally; each word must appear in at least one of the columns searched. The list of
// payments is kept small by the `payments_by_unapplied` index (money left to allocate), the
// invoices by the (workspace, status) index; a page is at most a few hundred rows.

/** `lower(column) like '%word%'` for every column, any of them. */
function anyColumnHas(columns: readonly string[], word: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(word.toLowerCase())}%`;
  const tests = columns.map((column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}

/** In one of the ranges: the currency, and one of the amount columns between the bounds. */
function inAmountRanges(columns: readonly string[], currencyColumn: string, ranges: readonly AmountRange[]): Expression<SqlBool> {
  const each = ranges.map((range) => {
    const amounts = columns.map((column) => sql<SqlBool>`(${sql.ref(column)} >= ${range.minMinor} and ${sql.ref(column)} <= ${range.maxMinor})`);
    return sql<SqlBool>`(${sql.ref(currencyColumn)} = ${range.currency} and (${sql.join(amounts, sql` or `)}))`;
  });
  return sql<SqlBool>`(${sql.join(each, sql` or `)})`;
}

export function createCashApplicationRepository(context: RepositoryContext): CashApplicationStore {
  return {
    async searchUnappliedPayments(workspaceId, query) {
      if (query.amounts !== undefined && query.amounts.length === 0) return [];
      const rows = await runQuery(context, { record: `unapplied payments of ${workspaceId}` }, () => {
        let select = context.db.selectFrom('payments').selectAll().where('workspace_id', '=', workspaceId).where('unapplied_minor', '>', 0);
        for (const word of query.words ?? []) select = select.where(anyColumnHas(['payer_name', 'source_id', 'memo'], word));
        if (query.currency !== undefined) select = select.where('currency', '=', query.currency);
        if (query.amounts !== undefined) select = select.where(inAmountRanges(['amount_minor', 'unapplied_minor'], 'currency', query.amounts));
        if (query.receivedFrom !== undefined) select = select.where('received_at', '>=', query.receivedFrom);
        if (query.receivedBefore !== undefined) select = select.where('received_at', '<', query.receivedBefore);
        if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
        return select.orderBy('id', 'desc').limit(query.limit).execute();
      });
      return rows.map(toPayment);
    },

    async listUnappliedCurrencies(workspaceId) {
      const rows = await runQuery(context, { record: `unapplied payments of ${workspaceId}` }, () =>
        context.db.selectFrom('payments').select('currency').distinct().where('workspace_id', '=', workspaceId).where('unapplied_minor', '>', 0).orderBy('currency').execute(),
      );
      return rows.map((row) => row.currency);
    },

    async listOpenInvoiceCurrencies(workspaceId) {
      const rows = await runQuery(context, { record: `open invoices of ${workspaceId}` }, () =>
        context.db.selectFrom('invoices').select('currency').distinct().where('workspace_id', '=', workspaceId).where('status', '=', 'open').orderBy('currency').execute(),
      );
      return rows.map((row) => row.currency);
    },

    async searchOpenInvoices(workspaceId, query) {
      if (query.amounts !== undefined && query.amounts.length === 0) return [];
      const rows = await runQuery(context, { record: `open invoices of ${workspaceId}` }, () => {
        let select = context.db
          .selectFrom('invoices as i')
          .innerJoin('customers as c', (join) => join.onRef('c.workspace_id', '=', 'i.workspace_id').onRef('c.id', '=', 'i.customer_id'))
          .select([
            'i.workspace_id as workspaceId',
            'i.id as id',
            'i.customer_id as customerId',
            'i.number as number',
            'i.issued_on as issuedOn',
            'i.due_on as dueOn',
            'i.amount_minor as amountMinor',
            'i.balance_minor as balanceMinor',
            'i.currency as currency',
            'i.known_at as knownAt',
            'i.status as status',
            'i.updated_at as updatedAt',
            'c.name as customerName',
          ])
          .where('i.workspace_id', '=', workspaceId)
          .where('i.status', '=', 'open');
        for (const word of query.words ?? []) select = select.where(anyColumnHas(['i.number', 'c.name', 'i.customer_id'], word));
        if (query.customerId !== undefined) select = select.where('i.customer_id', '=', query.customerId);
        if (query.currency !== undefined) select = select.where('i.currency', '=', query.currency);
        if (query.amounts !== undefined) select = select.where(inAmountRanges(['i.amount_minor', 'i.balance_minor'], 'i.currency', query.amounts));
        const after = query.after;
        if (after !== undefined) {
          select = select.where((eb) => eb.or([eb('i.due_on', '>', after.dueOn), eb.and([eb('i.due_on', '=', after.dueOn), eb('i.id', '>', after.id)])]));
        }
        return select.orderBy('i.due_on').orderBy('i.id').limit(query.limit).execute();
      });
      return rows.map((row) => ({ ...row, amountMinor: Number(row.amountMinor), balanceMinor: Number(row.balanceMinor), knownAt: Number(row.knownAt), updatedAt: Number(row.updatedAt) }));
    },
  };
}
