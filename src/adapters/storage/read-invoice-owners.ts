import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import type { RepositoryContext } from './repository-context.ts';
import { selectByIds } from './select-by-ids.ts';

/** The customer of each of the given invoices that exists in the workspace, by invoice id. */
export async function readInvoiceOwners(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await selectByIds({
    ids: [...invoiceIds],
    capabilities: context.dialect.capabilities,
    select: (ids = []) =>
      db.selectFrom('invoices').select(['id', 'customer_id']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute(),
    compare: () => 0,
  });
  return new Map(rows.map((row) => [row.id, row.customer_id]));
}
