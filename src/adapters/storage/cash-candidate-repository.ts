import { sql } from 'kysely';
import { z } from 'zod';
import type { CashCandidateStore } from '../../app/ports/cash-candidate-store.ts';
import type { OpenBalanceAnswer, Store, StoredInvoice } from '../../app/ports/store.ts';
import { chunkRows } from './chunk-rows.ts';
import { compareCodePoints } from './compare-code-points.ts';
import { currencySchema, instantSchema } from './field-schemas.ts';
import { invoiceColumns } from './invoice-repository.ts';
import { runQuery, type RepositoryContext } from './repository-context.ts';
import { validateOne } from './validate-records.ts';

// Cash-App Assist's candidates, each through an index of migration 0024: invoices by number key
// (invoices_by_number_key, invoices_by_number_group_key), by what they may owe
// (invoices_by_open_minor, invoices_by_balance_event) and customers by their names' word keys
// (customer_name_words). A page of Unapplied Cash asks for some thousands of keys; every answer is
// a few rows per key, whatever the size of the workspace.

const keySchema = z.string().min(1).max(200);
const keysQuerySchema = z.object({ keys: z.array(keySchema).max(200_000, 'must list at most 200,000 keys'), status: z.enum(['open', 'closed', 'any']) });
const balanceQuerySchema = z.object({
  at: instantSchema,
  amounts: z
    .array(
      z.object({
        currency: currencySchema,
        amountMinor: z.number().int().safe(),
        first: z.number().int().min(1).max(10_000).optional(),
        customerIds: z.array(z.string().min(1)).max(100_000).optional(),
      }),
    )
    .max(5_000, 'must list at most 5,000 amounts'),
});
const wordsQuerySchema = z.object({ wordKeys: z.array(keySchema).max(10_000, 'must list at most 10,000 word keys') });

export type CashCandidateRepository = CashCandidateStore & Pick<Store, 'findInvoicesByNumberKeys' | 'findOpenInvoicesByOpenBalance'>;

export function createCashCandidateRepository(context: RepositoryContext): CashCandidateRepository {
  const { capabilities } = context.dialect;
  return {
    async findInvoicesByNumberKeys(workspaceId, input) {
      const query = validateOne(input, keysQuerySchema, 'invoice number keys');
      const found = new Map<string, StoredInvoice>();
      // One statement per key column, and the status checked here: given both, SQLite (no
      // statistics) may pick the status index and walk every open invoice.
      for (const column of ['number_key', 'number_group_key'] as const) {
        for (const keys of chunkRows([...new Set(query.keys)], 1, capabilities)) {
          const rows = await runQuery(context, { record: `invoices of ${workspaceId}` }, () =>
            context.db.selectFrom('invoices').select(invoiceColumns).where('workspace_id', '=', workspaceId).where(column, 'in', keys).execute(),
          );
          for (const row of rows) if (query.status === 'any' || row.status === query.status) found.set(row.id, row);
        }
      }
      return [...found.values()].sort((a, b) => compareCodePoints(a.id, b.id));
    },

    async findOpenInvoicesByOpenBalance(workspaceId, input) {
      const query = validateOne(input, balanceQuerySchema, 'open balances');
      const found = new Map<string, StoredInvoice>();
      const keep = (rows: readonly StoredInvoice[]) => {
        for (const row of rows) found.set(row.id, row);
      };
      // A running balance vouches for what an invoice owes at `at` unless a balance event lies after it.
      const owing = (currency: string, amountMinor: number) =>
        context.db
          .selectFrom('invoices')
          .select(invoiceColumns)
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'open')
          .where('currency', '=', currency)
          .where('open_minor', '=', amountMinor)
          .where((eb) => eb.or([eb('balance_event_at', 'is', null), eb('balance_event_at', '<=', query.at)]));
      for (const amount of query.amounts) {
        // In the order of invoices_by_open_minor (… open_minor, customer_id, id): the first few without a sort.
        keep(
          await runQuery(context, { record: `open invoices of ${workspaceId}` }, () => {
            const select = owing(amount.currency, amount.amountMinor).orderBy('customer_id').orderBy('id');
            return (amount.first === undefined ? select : select.limit(amount.first)).execute();
          }),
        );
        for (const customers of chunkRows([...new Set(amount.customerIds ?? [])], 1, capabilities)) {
          keep(await runQuery(context, { record: `open invoices of ${workspaceId}` }, () => owing(amount.currency, amount.amountMinor).where('customer_id', 'in', customers).execute()));
        }
      }
      const currencies = [...new Set(query.amounts.map((amount) => amount.currency))];
      // Two statements, one index each: asked for both at once, SQLite walks every open invoice of the currency.
      const unsettled = new Map<string, StoredInvoice & { openMinor: number | null }>();
      for (const later of [true, false]) {
        if (currencies.length === 0) break;
        const rows = await runQuery(context, { record: `open invoices of ${workspaceId}` }, () => {
          const select = context.db
            .selectFrom('invoices')
            .select([...invoiceColumns, 'open_minor as openMinor'])
            .where('workspace_id', '=', workspaceId)
            .where('status', '=', 'open')
            .where('currency', 'in', currencies);
          // A row written outside the repository has no running balance: read like one with a later event.
          return (later ? select.where('balance_event_at', '>', query.at) : select.where('open_minor', 'is', null)).execute();
        });
        for (const row of rows) unsettled.set(row.id, row);
      }
      const counts: OpenBalanceAnswer['counts'] = [];
      for (const currency of currencies) {
        const amounts = [...new Set(query.amounts.filter((amount) => amount.currency === currency).map((amount) => amount.amountMinor))];
        const counted = new Map<number, number>();
        for (const chunk of chunkRows(amounts, 1, capabilities)) {
          const rows = await runQuery(context, { record: `open invoices of ${workspaceId}` }, () =>
            context.db
              .selectFrom('invoices')
              .select((eb) => ['open_minor', eb.fn.countAll<number | string>().as('invoices')])
              .where('workspace_id', '=', workspaceId)
              .where('status', '=', 'open')
              .where('currency', '=', currency)
              .where('open_minor', 'in', chunk)
              .groupBy('open_minor')
              .execute(),
          );
          for (const row of rows) counted.set(Number(row.open_minor), Number(row.invoices));
        }
        // Counted from the index alone, then the unsettled ones taken out.
        for (const row of unsettled.values()) {
          if (row.currency === currency && row.openMinor !== null && counted.has(row.openMinor)) counted.set(row.openMinor, counted.get(row.openMinor)! - 1);
        }
        for (const amountMinor of amounts) counts.push({ currency, amountMinor, invoices: counted.get(amountMinor) ?? 0 });
      }
      return {
        invoices: [...found.values()].filter((invoice) => !unsettled.has(invoice.id)).sort((a, b) => compareCodePoints(a.id, b.id)),
        unsettled: [...unsettled.values()].map(({ openMinor: _, ...invoice }) => invoice).sort((a, b) => compareCodePoints(a.id, b.id)),
        counts,
      };
    },

    async countNameWords(workspaceId, input) {
      const query = validateOne(input, wordsQuerySchema, 'name words');
      const total = await runQuery(context, { record: `customers of ${workspaceId}` }, () =>
        context.db.selectFrom('customers').select((eb) => eb.fn.countAll<number | string>().as('customers')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow(),
      );
      const words: { wordKey: string; customers: number }[] = [];
      for (const chunk of chunkRows([...new Set(query.wordKeys)], 1, capabilities)) {
        const rows = await runQuery(context, { record: `customers of ${workspaceId}` }, () =>
          context.db
            .selectFrom('customer_name_words')
            .select((eb) => ['word_key', eb.fn.countAll<number | string>().as('customers')])
            .where('workspace_id', '=', workspaceId)
            .where('word_key', 'in', chunk)
            .groupBy('word_key')
            .execute(),
        );
        words.push(...rows.map((row) => ({ wordKey: row.word_key, customers: Number(row.customers) })));
      }
      return { customers: Number(total.customers), words: words.sort((a, b) => compareCodePoints(a.wordKey, b.wordKey)) };
    },

    async findCustomersByNameWords(workspaceId, input) {
      const query = validateOne(input, wordsQuerySchema, 'name words');
      const found = new Map<string, { id: string; name: string }>();
      for (const chunk of chunkRows([...new Set(query.wordKeys)], 1, capabilities)) {
        const rows = await runQuery(context, { record: `customers of ${workspaceId}` }, () =>
          context.db
            .selectFrom('customers as c')
            .select(['c.id as id', 'c.name as name'])
            .where('c.workspace_id', '=', workspaceId)
            // The words first (their primary key), then each customer by its key: never a walk of every customer.
            .where('c.id', 'in', (eb) => eb.selectFrom('customer_name_words as w').select('w.customer_id').where('w.workspace_id', '=', workspaceId).where('w.word_key', 'in', chunk))
            // Through invoices_open_by_customer: a customer with nothing open is no match for a payment.
            .where((eb) =>
              eb.exists(
                eb.selectFrom('invoices as i').select(sql.lit(1).as('one')).whereRef('i.workspace_id', '=', 'c.workspace_id').where('i.status', '=', 'open').whereRef('i.customer_id', '=', 'c.id'),
              ),
            )
            .execute(),
        );
        for (const row of rows) found.set(row.id, row);
      }
      return [...found.values()].sort((a, b) => compareCodePoints(a.id, b.id));
    },
  };
}
