import type { CustomerRow } from '../../core/imports/read-import-row.ts';
import type { ContactInput, CustomerInput, StoredContact, StoredCustomer } from '../ports/store.ts';
import { emptyOutcome, sameRecord, type BatchContext, type BatchOutcome, type LinedRow } from './import-outcome.ts';

// Customers by id: new ones are created, existing ones take the file's mapped columns (an empty
// cell clears the field; an unmapped column leaves it). A contact on the row is added, or
// updated by email; the customer's other contacts stay.

export async function applyCustomerRows(context: BatchContext, rows: readonly LinedRow<CustomerRow>[]): Promise<BatchOutcome> {
  const { store, workspaceId } = context;
  const outcome = emptyOutcome();
  const ids = rows.map(({ row }) => row.id);
  const existing = new Map((await store.listCustomers(workspaceId, { ids })).map((customer) => [customer.id, customer]));
  const contacts = groupContacts(await store.listContacts(workspaceId, { customerIds: ids }));
  const writes: CustomerInput[] = [];
  for (const { row } of rows) {
    const before = existing.get(row.id);
    const base = before ? toInput(before, contacts.get(row.id) ?? []) : { id: row.id, name: row.fields.name ?? row.id, contacts: [] };
    const after: CustomerInput = { ...base, ...row.fields, name: row.fields.name ?? base.name };
    if (row.contact) after.contacts = mergeContact(base.contacts ?? [], row.contact);
    if (before && sameRecord(base, after)) {
      outcome.unchanged += 1;
      continue;
    }
    if (before) outcome.updated += 1;
    else outcome.created += 1;
    writes.push(after);
  }
  if (!context.dryRun && writes.length > 0) await store.upsertCustomers(workspaceId, writes);
  return outcome;
}

export function groupContacts(contacts: readonly StoredContact[]): Map<string, StoredContact[]> {
  const byCustomer = new Map<string, StoredContact[]>();
  for (const contact of contacts) {
    const list = byCustomer.get(contact.customerId) ?? [];
    list.push(contact);
    byCustomer.set(contact.customerId, list);
  }
  return byCustomer;
}

/** A stored customer as the input that would write it again unchanged. */
export function toInput(customer: StoredCustomer, contacts: readonly StoredContact[]): CustomerInput & { contacts: ContactInput[] } {
  return {
    id: customer.id,
    name: customer.name,
    timeZone: customer.timeZone,
    locale: customer.locale,
    region: customer.region,
    industry: customer.industry,
    tier: customer.tier,
    score: customer.score,
    tags: customer.tags,
    contacts: contacts.map((contact) => ({ email: contact.email, name: contact.name, role: contact.role, isPrimary: contact.isPrimary })),
  };
}

/** The list with `contact` added, or merged into the one with its email; the first contact of a customer is its primary. */
export function mergeContact(list: readonly ContactInput[], contact: ContactInput): ContactInput[] {
  const index = list.findIndex((each) => each.email === contact.email);
  if (index < 0) return [...list, { name: null, role: null, isPrimary: list.length === 0, ...contact }];
  const merged = { ...list[index]!, ...Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined)) };
  if (merged.isPrimary) return list.map((each, position) => (position === index ? merged : { ...each, isPrimary: false }));
  return list.map((each, position) => (position === index ? merged : each));
}
