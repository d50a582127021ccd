import type { ContactRow } from '../../core/imports/read-import-row.ts';
import type { CustomerInput } from '../ports/store.ts';
import { groupContacts, mergeContact, toInput } from './apply-customer-rows.ts';
import { emptyOutcome, rejectRow, sameRecord, type BatchContext, type BatchOutcome, type LinedRow } from './import-outcome.ts';

// Contacts by (customer, email): added, or updated in the mapped columns. A contact marked
// primary makes the customer's other contacts not primary. The customer must exist already.

export async function applyContactRows(context: BatchContext, rows: readonly LinedRow<ContactRow>[]): Promise<BatchOutcome> {
  const { store, workspaceId } = context;
  const outcome = emptyOutcome();
  const ids = [...new Set(rows.map(({ row }) => row.customerId))];
  const customers = new Map((await store.listCustomers(workspaceId, { ids })).map((customer) => [customer.id, customer]));
  const contacts = groupContacts(await store.listContacts(workspaceId, { customerIds: ids }));
  const changed = new Map<string, CustomerInput>();
  const current = new Map<string, CustomerInput>();
  for (const { line, row } of rows) {
    const customer = customers.get(row.customerId);
    if (!customer) {
      outcome.issues.push(rejectRow(line, context.column('customerId'), row.customerId, `customer ${row.customerId} does not exist: import customers first`));
      continue;
    }
    const input = current.get(row.customerId) ?? toInput(customer, contacts.get(row.customerId) ?? []);
    const list = input.contacts ?? [];
    const known = list.some((contact) => contact.email === row.email);
    const next = mergeContact(list, { email: row.email, ...row.fields });
    if (sameRecord(list, next)) {
      outcome.unchanged += 1;
      continue;
    }
    if (known) outcome.updated += 1;
    else outcome.created += 1;
    const updated = { ...input, contacts: next };
    current.set(row.customerId, updated);
    changed.set(row.customerId, updated);
  }
  if (!context.dryRun && changed.size > 0) await store.upsertCustomers(workspaceId, [...changed.values()]);
  return outcome;
}
