import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Store } from '../ports/store.ts';
import { buildCustomer, buildEvent, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { previewSegment } from './preview-segment.ts';

// The segment preview over a small portfolio on a real SQLite store. Every expected figure below
// is worked out by hand from the invoices' due dates, balances and payments, at the customer's
// local date, not by running the code under test.

const now = Date.UTC(2026, 11, 2, 12); // 2 Dec 2026, 12:00 UTC: 13:00 in Berlin, 07:00 in New York, 02:00 on 3 Dec in Kiritimati
const hour = 3_600_000;

const segments = (restPriority = 1000) => `kind: Segment
name: big
priority: 10
match:
  invoice.balance: { gte: 5000 }
cadence: standard
mode: shadow
---
kind: Segment
name: late
priority: 20
match:
  invoice.daysPastDue: { gt: 30 }
cadence: standard
mode: shadow
---
kind: Segment
name: eu
priority: 30
match:
  customer.region: { in: [EU] }
cadence: standard
mode: shadow
---
kind: Segment
name: rest
priority: ${restPriority}
cadence: standard
mode: shadow
`;

let database: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
  await store.upsertCustomers('acme', [
    buildCustomer({ id: 'berlin', name: 'Berlin GmbH', timeZone: 'Europe/Berlin', region: 'EU' }),
    buildCustomer({ id: 'ny', name: 'New York Inc', timeZone: 'America/New_York', region: 'US' }),
    buildCustomer({ id: 'kiri', name: 'Kiritimati Ltd', timeZone: 'Pacific/Kiritimati', region: 'OC' }),
  ]);
  const invoice = (id: string, customerId: string, dueOn: string, balance: number, status: 'open' | 'closed' = 'open') =>
    buildInvoice({ id, number: `N-${id}`, customerId, issuedOn: '2026-08-01', dueOn, amountMinor: balance * 100, balanceMinor: balance * 100, currency: 'EUR', knownAt: now - 48 * hour, status });
  await store.upsertInvoices('acme', [
    invoice('B1', 'berlin', '2026-10-01', 8000), // 62 days late, 8,000: big, late and eu match; big wins
    invoice('B2', 'berlin', '2026-11-20', 1000), // 12 days late: eu only
    invoice('B3', 'berlin', '2026-10-15', 6000), // 48 days late, 6,000 less 2,000 paid: late and eu; late wins
    invoice('N1', 'ny', '2026-10-20', 300), // 43 days late: late only
    invoice('N2', 'ny', '2026-11-30', 9000), // 2 days late, 9,000: big only
    invoice('N3', 'ny', '2026-09-01', 500), // paid in full: not open
    invoice('N4', 'ny', '2026-09-01', 700, 'closed'), // closed: not open
    invoice('N5', 'ny', '2026-10-01', 100), // 62 days late; paid only after now: late only
    invoice('K1', 'kiri', '2026-11-02', 100), // 31 days late on the local date 3 Dec (30 in UTC): late only
    invoice('K2', 'kiri', '2026-11-03', 200), // 30 days late: only the catch-all
  ]);
  await store.appendEvents('acme', [
    buildEvent({ at: now - 24 * hour, invoiceId: 'B3', payload: { amount: '2000.00' } }),
    buildEvent({ at: now - 24 * hour, invoiceId: 'N3', payload: { amount: '500.00' } }),
    buildEvent({ at: now + hour, invoiceId: 'N5', payload: { amount: '100.00' } }),
  ]);
});
afterEach(() => database.close());

const preview = (segment: string, files = buildPolicyFiles({ 'segments.yaml': segments() }), limit?: number) =>
  previewSegment({ store, now, workspaceId: 'acme', files, segment, ...(limit !== undefined ? { limit } : {}) });

describe('the segment preview', () => {
  it('counts the open invoices a segment governs, lists the most overdue first, and reports overlaps with their winner', async () => {
    const late = await preview('late');
    expect(late).toMatchObject({ segment: 'late', position: 2, priority: 20, openInvoices: 8, matched: 5, governed: 4, unmatched: 0 });
    expect(late.invoices.map((invoice) => [invoice.id, invoice.daysPastDue, invoice.balanceMinor])).toEqual([
      ['N5', 62, 10_000],
      ['B3', 48, 400_000],
      ['N1', 43, 30_000],
      ['K1', 31, 10_000],
    ]);
    expect(late.invoices[1]).toMatchObject({ number: 'N-B3', customerId: 'berlin', customerName: 'Berlin GmbH', dueOn: '2026-10-15', currency: 'EUR' });
    // The catch-all, tried last, takes what the others leave: it overlaps nothing.
    expect(late.overlaps).toEqual([
      { segments: ['big', 'late', 'eu'], winner: 'big', invoices: 1 },
      { segments: ['late', 'eu'], winner: 'late', invoices: 1 },
    ]);
    expect(await preview('eu')).toMatchObject({ matched: 3, governed: 1 });
    expect(await preview('rest')).toMatchObject({ matched: 8, governed: 1, position: 4 });
    expect((await preview('late', undefined, 2)).invoices.map((invoice) => invoice.id)).toEqual(['N5', 'B3']);
  });

  it('reports a catch-all tried first as hiding every other segment', async () => {
    const late = await preview('late', buildPolicyFiles({ 'segments.yaml': segments(1) }));
    expect(late).toMatchObject({ position: 3, matched: 5, governed: 0, invoices: [] });
    // Most invoices first, then by the segments' names.
    expect(late.overlaps).toEqual([
      { segments: ['rest', 'late'], winner: 'rest', invoices: 3 }, // N1, N5, K1
      { segments: ['rest', 'big'], winner: 'rest', invoices: 1 }, // N2
      { segments: ['rest', 'big', 'late', 'eu'], winner: 'rest', invoices: 1 }, // B1
      { segments: ['rest', 'eu'], winner: 'rest', invoices: 1 }, // B2
      { segments: ['rest', 'late', 'eu'], winner: 'rest', invoices: 1 }, // B3
    ]);
  });

  it('counts an invoice no segment matches', async () => {
    const withoutCatchAll = segments().replace(/---\nkind: Segment\nname: rest[\s\S]*$/, '');
    expect(await preview('late', buildPolicyFiles({ 'segments.yaml': withoutCatchAll }))).toMatchObject({ openInvoices: 8, unmatched: 1 }); // K2
  });

  it('refuses a bad filter, naming the file and the field', async () => {
    const notANumber = await rejection(preview('late', buildPolicyFiles({ 'segments.yaml': segments().replace('{ gt: 30 }', '{ gt: thirty }') })));
    expect(notANumber.code).toBe('policy_invalid');
    expect(notANumber.details).toMatchObject({ record: 'segments.yaml', field: 'segments.yaml: match.invoice.daysPastDue.gt' });
    const unknownField = await rejection(preview('late', buildPolicyFiles({ 'segments.yaml': segments().replace('invoice.daysPastDue:', 'invoice.daysLate:') })));
    expect(unknownField.details).toMatchObject({ record: 'segments.yaml', field: 'segments.yaml: match.invoice.daysLate' });
    const missing = await rejection(preview('nope'));
    expect([missing.code, missing.details?.field]).toEqual(['not_found', 'segment']);
  });
});
