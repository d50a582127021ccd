import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CustomerInput, Store, StoredContact, StoredCustomer } from '../../app/ports/store.ts';
import { nameWordKeys } from '../../core/cash/compare-names.ts';
import { chunkRows } from './chunk-rows.ts';
import { compareCodePoints } from './compare-code-points.ts';
import type { ContactTable, CustomerNameWordTable, CustomerTable, Database } from './database-schema.ts';
import { emailSchema, idSchema, localeSchema, textSchema, timeZoneSchema } from './field-schemas.ts';
import { requireWorkspace, runAtomically, runQuery, type RepositoryContext } from './repository-context.ts';
import { selectByIds } from './select-by-ids.ts';
import { describeById, validateRecords } from './validate-records.ts';

const contactSchema = z.object({
  email: emailSchema,
  name: textSchema.nullish(),
  role: textSchema.nullish(),
  isPrimary: z.boolean().optional(),
});

const customerSchema = z.object({
  id: idSchema,
  name: textSchema,
  timeZone: timeZoneSchema.nullish(),
  locale: localeSchema.nullish(),
  tags: z.array(textSchema).optional(),
  region: textSchema.nullish(),
  industry: textSchema.nullish(),
  score: z.number().finite().nullish(),
  tier: textSchema.nullish(),
  contacts: z.array(contactSchema).optional(),
});

type ValidCustomer = z.infer<typeof customerSchema>;

const customerColumnCount = 13;
const contactColumnCount = 6;

export type CustomerRepository = Pick<Store, 'upsertCustomers' | 'listCustomers' | 'listContacts'>;

export function createCustomerRepository(context: RepositoryContext): CustomerRepository {
  return {
    async upsertCustomers(workspaceId, customers) {
      const valid = validateCustomers(customers);
      await runAtomically(context, { record: 'customers' }, async (db) => {
        await requireWorkspace(db, workspaceId);
        await writeCustomers(db, context, workspaceId, valid);
      });
      return { upserted: valid.length };
    },

    async listCustomers(workspaceId, query = {}) {
      const rows = await runQuery(context, { record: 'customers' }, () =>
        selectByIds({
          ids: query.ids,
          capabilities: context.dialect.capabilities,
          select: (ids) => {
            let select = context.db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId);
            if (ids !== undefined) select = select.where('id', 'in', ids);
            return select.orderBy('id').execute();
          },
          compare: (a, b) => compareCodePoints(a.id, b.id),
        }),
      );
      return rows.map(toStoredCustomer);
    },

    async listContacts(workspaceId, query = {}) {
      const rows = await runQuery(context, { record: 'contacts' }, () =>
        selectByIds({
          ids: query.customerIds,
          capabilities: context.dialect.capabilities,
          select: (ids) => {
            let select = context.db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId);
            if (ids !== undefined) select = select.where('customer_id', 'in', ids);
            return select.orderBy('customer_id').orderBy('email').execute();
          },
          compare: (a, b) => compareCodePoints(a.customer_id, b.customer_id) || compareCodePoints(a.email, b.email),
        }),
      );
      return rows.map(toStoredContact);
    },
  };
}

function validateCustomers(customers: readonly CustomerInput[]): ValidCustomer[] {
  const seen = new Set<string>();
  return validateRecords(customers, {
    schema: customerSchema,
    describe: describeById('customer', 'customers'),
    check(customer) {
      if (seen.has(customer.id)) return { field: 'id', message: `id ${JSON.stringify(customer.id)} appears twice in the batch` };
      seen.add(customer.id);
      const contacts = customer.contacts ?? [];
      const emails = new Set<string>();
      for (const [index, contact] of contacts.entries()) {
        if (emails.has(contact.email)) {
          return { field: `contacts[${index}].email`, message: `contacts[${index}].email ${JSON.stringify(contact.email)} is listed twice` };
        }
        emails.add(contact.email);
      }
      if (contacts.filter((contact) => contact.isPrimary).length > 1) {
        return { field: 'contacts', message: 'contacts has more than one primary contact' };
      }
      return null;
    },
  });
}

async function writeCustomers(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  customers: readonly ValidCustomer[],
): Promise<void> {
  const now = context.now();
  const rows: CustomerTable[] = customers.map((customer) => ({
    workspace_id: workspaceId,
    id: customer.id,
    name: customer.name,
    time_zone: customer.timeZone ?? null,
    locale: customer.locale ?? null,
    tags: JSON.stringify(customer.tags ?? []),
    region: customer.region ?? null,
    industry: customer.industry ?? null,
    score: customer.score ?? null,
    tier: customer.tier ?? null,
    created_at: now,
    updated_at: now,
  }));
  for (const chunk of chunkRows(rows, customerColumnCount, context.dialect.capabilities)) {
    await db
      .insertInto('customers')
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          time_zone: eb.ref('excluded.time_zone'),
          locale: eb.ref('excluded.locale'),
          tags: eb.ref('excluded.tags'),
          region: eb.ref('excluded.region'),
          industry: eb.ref('excluded.industry'),
          score: eb.ref('excluded.score'),
          tier: eb.ref('excluded.tier'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  await replaceContacts(db, context, workspaceId, customers);
  await replaceNameWords(db, context, workspaceId, customers);
}

// Cash-App Assist finds customers by the words of their names (compare-names.ts) through this
// table, and counts how common a word is: it follows every name as it is written.
async function replaceNameWords(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  customers: readonly ValidCustomer[],
): Promise<void> {
  for (const chunk of chunkRows(customers, 1, context.dialect.capabilities)) {
    await db
      .deleteFrom('customer_name_words')
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', 'in', chunk.map((customer) => customer.id))
      .execute();
  }
  const rows: CustomerNameWordTable[] = customers.flatMap((customer) =>
    nameWordKeys(customer.name).map((wordKey) => ({ workspace_id: workspaceId, word_key: wordKey, customer_id: customer.id })),
  );
  for (const chunk of chunkRows(rows, 3, context.dialect.capabilities)) {
    await db.insertInto('customer_name_words').values(chunk).execute();
  }
}

// A customer's contact list is replaced as a whole: an import is the source of truth for it.
async function replaceContacts(
  db: Kysely<Database>,
  context: RepositoryContext,
  workspaceId: string,
  customers: readonly ValidCustomer[],
): Promise<void> {
  const withContacts = customers.filter((customer) => customer.contacts !== undefined);
  for (const chunk of chunkRows(withContacts, 1, context.dialect.capabilities)) {
    await db
      .deleteFrom('contacts')
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', 'in', chunk.map((customer) => customer.id))
      .execute();
  }
  const rows: ContactTable[] = withContacts.flatMap((customer) =>
    (customer.contacts ?? []).map((contact) => ({
      workspace_id: workspaceId,
      customer_id: customer.id,
      email: contact.email,
      name: contact.name ?? null,
      role: contact.role ?? null,
      is_primary: contact.isPrimary ? 1 : 0,
    })),
  );
  for (const chunk of chunkRows(rows, contactColumnCount, context.dialect.capabilities)) {
    await db.insertInto('contacts').values(chunk).execute();
  }
}

function toStoredCustomer(row: CustomerTable): StoredCustomer {
  return {
    workspaceId: row.workspace_id,
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    locale: row.locale,
    tags: JSON.parse(row.tags) as string[],
    region: row.region,
    industry: row.industry,
    score: row.score,
    tier: row.tier,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toStoredContact(row: ContactTable): StoredContact {
  return {
    workspaceId: row.workspace_id,
    customerId: row.customer_id,
    email: row.email,
    name: row.name,
    role: row.role,
    isPrimary: row.is_primary === 1,
  };
}
