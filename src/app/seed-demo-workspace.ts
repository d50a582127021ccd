import { parseAllDocuments } from 'yaml';
import { localDay } from '../core/time/time-zone.ts';
import { toGeneratedCustomerInput, toGeneratedInvoiceInput } from './demo/generated-store-inputs.ts';
import { generatePortfolio } from './demo/generate-portfolio.ts';
import type { CustomerInput, InvoiceInput, PolicyFile, Store } from './ports/store.ts';

// The demo workspace `plixo start` creates on first run: a few dozen customers in many time
// zones, invoices across every aging bucket, the example policies, every segment in shadow
// mode so nothing would be sent without a person's review.

export const demoWorkspaceId = 'demo';

export interface SeedDemoResult {
  created: boolean;
  customers: number;
  invoices: number;
}

/** The bundle with every Segment switched to `mode: shadow`. */
export function toShadowMode(files: readonly PolicyFile[]): PolicyFile[] {
  return files.map((file) => {
    const documents = parseAllDocuments(file.text);
    if (!Array.isArray(documents)) return file;
    let changed = false;
    for (const document of documents) {
      if (document.get('kind') === 'Segment' && document.get('mode') !== 'shadow') {
        document.set('mode', 'shadow');
        changed = true;
      }
    }
    return changed ? { path: file.path, text: documents.map((document) => document.toString()).join('') } : file;
  });
}

export async function seedDemoWorkspace({ store, now, policyFiles }: { store: Store; now: number; policyFiles: readonly PolicyFile[] }): Promise<SeedDemoResult> {
  const existing = await store.getWorkspace(demoWorkspaceId);
  if (existing) return { created: false, customers: 0, invoices: 0 };
  const timeZone = 'America/New_York';
  const customers: CustomerInput[] = [];
  const invoices: InvoiceInput[] = [];
  for (const { customer, invoices: generated } of generatePortfolio({ customers: 36, invoices: 120, timeZones: 12, today: localDay(timeZone, now), seed: 2024 })) {
    customers.push(toGeneratedCustomerInput(customer));
    for (const invoice of generated) invoices.push(toGeneratedInvoiceInput(invoice, now));
  }
  await store.transaction(async (tx) => {
    await tx.upsertWorkspace({ id: demoWorkspaceId, name: 'Acme Demo', timeZone, locale: 'en-US', currency: 'USD' });
    await tx.upsertCustomers(demoWorkspaceId, customers);
    await tx.upsertInvoices(demoWorkspaceId, invoices);
    await tx.savePolicyVersion(demoWorkspaceId, { version: 1, bundle: toShadowMode(policyFiles), status: 'published' });
  });
  return { created: true, customers: customers.length, invoices: invoices.length };
}
