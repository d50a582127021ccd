import { readBundleFiles } from '../../src/adapters/files/read-bundle-files.ts';
import { generatePortfolio } from '../../src/app/demo/generate-portfolio.ts';
import { toGeneratedCustomerInput, toGeneratedInvoiceInput } from '../../src/app/demo/generated-store-inputs.ts';
import type { CustomerInput, InvoiceInput, Store } from '../../src/app/ports/store.ts';
import { localDay } from '../../src/core/time/time-zone.ts';
import { buildSoakPolicy } from './build-soak-policy.ts';
import type { SoakOrganisation } from './soak-organisations.ts';

// The soak's starting portfolio: each organisation's customers and open invoices from the demo
// generator (due dates from 120 days before the start to 45 after, customers over many time
// zones, some enterprise, some partly paid), all known at the start, and its policy published.

export interface SeededOrganisation {
  id: string;
  customers: { id: string; timeZone: string }[];
  invoices: { id: string; customerId: string; currency: string }[];
}

export async function seedSoakWorkspaces(input: {
  store: Store;
  organisations: readonly SoakOrganisation[];
  policyDir: string;
  startAt: number;
  seed: number;
}): Promise<SeededOrganisation[]> {
  const { store, startAt } = input;
  const files = await readBundleFiles(input.policyDir);
  const seeded: SeededOrganisation[] = [];
  for (const [index, organisation] of input.organisations.entries()) {
    const startDay = localDay(organisation.timeZone, startAt);
    const customers: CustomerInput[] = [];
    const invoices: InvoiceInput[] = [];
    const portfolio = generatePortfolio({
      customers: organisation.customers,
      invoices: organisation.invoices,
      timeZones: organisation.customerTimeZones,
      today: startDay,
      seed: input.seed + index,
    });
    for (const { customer, invoices: generated } of portfolio) {
      customers.push(toGeneratedCustomerInput(customer, [{ email: soakContactEmail(organisation.id, customer.id), name: 'Accounts Payable', isPrimary: true }]));
      for (const invoice of generated) invoices.push(toGeneratedInvoiceInput(invoice, startAt));
    }
    await store.transaction(async (tx) => {
      await tx.upsertWorkspace({ id: organisation.id, name: organisation.name, timeZone: organisation.timeZone, locale: organisation.locale, currency: organisation.currency });
      await tx.upsertCustomers(organisation.id, customers);
      await tx.upsertInvoices(organisation.id, invoices);
      await tx.savePolicyVersion(organisation.id, { version: 1, bundle: buildSoakPolicy({ files, organisation, startDay }), status: 'published' });
    });
    seeded.push({
      id: organisation.id,
      customers: customers.map((customer) => ({ id: customer.id, timeZone: customer.timeZone ?? organisation.timeZone })),
      invoices: invoices.map((invoice) => ({ id: invoice.id, customerId: invoice.customerId, currency: invoice.currency })),
    });
  }
  return seeded;
}

export function soakContactEmail(organisationId: string, customerId: string): string {
  return `ap+${customerId}@${organisationId}-customers.example`;
}
