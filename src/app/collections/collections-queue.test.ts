import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
import { planWorkspace } from '../plan-workspace.ts';
import { createFakeDocuments } from '../testing/fake-documents.ts';
import { refreshCollectionsQueue } from './refresh-collections-queue.ts';

// The collections queue over a real SQLite store: the order, the reasons, and the next action.

const now = Date.UTC(2026, 11, 2, 12); // Wednesday
let database: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'cadence.yaml': 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\n  - { id: late, day: 80, template: reminder }\n' }), status: 'published' });
  const contact = (email: string) => [{ email, name: 'AP', role: 'ap', isPrimary: true }];
  await store.upsertCustomers('acme', [
    buildCustomer({ id: 'c-big', timeZone: 'UTC', score: 80, contacts: contact('ap@big.example') }),
    buildCustomer({ id: 'c-risky', timeZone: 'UTC', score: 25, contacts: contact('ap@risky.example') }),
    buildCustomer({ id: 'c-calm', timeZone: 'UTC', score: 90, contacts: contact('ap@calm.example') }),
  ]);
  const known = Date.UTC(2026, 8, 1);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'OLD', number: 'OLD', customerId: 'c-big', issuedOn: '2026-08-01', dueOn: '2026-09-18', amountMinor: 50_000_00, balanceMinor: 50_000_00, knownAt: known }),
    buildInvoice({ id: 'DISPUTED', number: 'DISPUTED', customerId: 'c-risky', issuedOn: '2026-10-01', dueOn: '2026-11-20', amountMinor: 800_00, balanceMinor: 800_00, knownAt: known }),
    buildInvoice({ id: 'PROMISED', number: 'PROMISED', customerId: 'c-calm', issuedOn: '2026-10-01', dueOn: '2026-11-20', amountMinor: 800_00, balanceMinor: 800_00, knownAt: known }),
    buildInvoice({ id: 'SOON', number: 'SOON', customerId: 'c-calm', issuedOn: '2026-11-10', dueOn: '2026-12-10', amountMinor: 800_00, balanceMinor: 800_00, knownAt: known }),
    buildInvoice({ id: 'PAID', number: 'PAID', customerId: 'c-calm', issuedOn: '2026-11-10', dueOn: '2026-12-10', amountMinor: 800_00, balanceMinor: 800_00, knownAt: known }),
  ]);
  await store.appendEvents('acme', [
    { at: Date.UTC(2026, 10, 25), type: 'dispute', invoiceId: 'DISPUTED', payload: {} },
    { at: Date.UTC(2026, 10, 25), type: 'promise', invoiceId: 'PROMISED', payload: { amount: '800.00', on: '2026-12-20' } },
    { at: Date.UTC(2026, 10, 26), type: 'payment', invoiceId: 'PAID', payload: { amount: '800.00' } },
  ]);
  await store.suppress('acme', { email: 'ap@risky.example', reason: 'invalid', untilAt: null, note: 'hard bounce' });
});
afterEach(() => database.close());

describe('the collections queue', () => {
  it('orders open invoices by score, with the reasons in words, and leaves paid ones out', async () => {
    expect(await refreshCollectionsQueue({ store, workspaceId: 'acme', now })).toEqual({ entries: 4 });
    const queue = await store.pageCollectionQueue('acme', { limit: 10 });
    // DISPUTED: 12 days late (20), disputed (25), bounced (15), high risk (15), 800.00 EUR (15).
    // PROMISED (12 days late, 20, less 20 while the promise holds) ties with SOON (not due): both
    // are their 800.00 EUR (15); a tie goes by invoice id.
    expect(queue.map((entry) => [entry.invoiceId, entry.score])).toEqual([['DISPUTED', 90], ['OLD', 73], ['PROMISED', 15], ['SOON', 15]]);
    expect(queue[0]!.reasons.map((reason) => reason.code)).toEqual(['dispute', 'aging', 'amount', 'bounce', 'risk']);
    // 75 days past due: 61-90 bucket (50) and 50,000.00 EUR (5 × log10(50,001) ≈ 23).
    expect(queue[1]).toMatchObject({ daysPastDue: 75, score: 73, reasons: [{ code: 'aging', points: 50 }, { code: 'amount', points: 23, text: '€50,000.00 open' }] });
    expect(queue[2]!.reasons.find((reason) => reason.code === 'promise_open')?.text).toBe('promise to pay on 2026-12-20: waiting');
  });

  it('tells a payment plan being kept, its instalment coming due, and a broken one', async () => {
    const known = Date.UTC(2026, 8, 1);
    await store.upsertInvoices('acme', [buildInvoice({ id: 'PLANNED', number: 'PLANNED', customerId: 'c-calm', issuedOn: '2026-10-01', dueOn: '2026-11-20', amountMinor: 800_00, balanceMinor: 800_00, knownAt: known })]);
    // 300.00 on Thu 12-03 and 500.00 on Thu 12-17; 100.00 already paid towards the first.
    await store.appendEvents('acme', [
      { at: Date.UTC(2026, 10, 26), type: 'plan', invoiceId: 'PLANNED', payload: { installments: [{ on: '2026-12-03', amount: '300.00' }, { on: '2026-12-17', amount: '500.00' }] } },
      { at: Date.UTC(2026, 10, 27), type: 'payment', invoiceId: 'PLANNED', payload: { amount: '100.00' } },
    ]);
    const planned = async (at: number) => {
      await refreshCollectionsQueue({ store, workspaceId: 'acme', now: at });
      return (await store.pageCollectionQueue('acme', { limit: 10, customerId: 'c-calm' })).find((entry) => entry.invoiceId === 'PLANNED')!.reasons.filter((reason) => reason.code.startsWith('plan'));
    };
    expect(await planned(now)).toEqual([{ code: 'plan_due', points: 20, text: 'plan instalment of €200.00 due on 2026-12-03' }]);
    // Paid up on 12-03: the next instalment is two weeks away.
    await store.appendEvents('acme', [{ at: Date.UTC(2026, 11, 3, 10), type: 'payment', invoiceId: 'PLANNED', payload: { amount: '200.00' } }]);
    expect(await planned(Date.UTC(2026, 11, 5))).toEqual([{ code: 'plan_open', points: -20, text: 'payment plan being kept: next instalment on 2026-12-17' }]);
  });

  it('raises an invoice whose payment plan was broken', async () => {
    const known = Date.UTC(2026, 8, 1);
    await store.upsertInvoices('acme', [buildInvoice({ id: 'PLANNED', number: 'PLANNED', customerId: 'c-calm', issuedOn: '2026-10-01', dueOn: '2026-11-20', amountMinor: 800_00, balanceMinor: 800_00, knownAt: known })]);
    await store.appendEvents('acme', [{ at: Date.UTC(2026, 10, 26), type: 'plan', invoiceId: 'PLANNED', payload: { installments: [{ on: '2026-11-30', amount: '800.00' }] } }]);
    // Checked at the start of 12-02 (UTC): broken; planning records the engine's task.
    await planWorkspace({ store, workspaceId: 'acme', now, links: createPreviewLinks('https://plixo.example/', 'a-test-secret-that-is-long-enough-1234'), documents: createFakeDocuments() });
    expect((await store.listEngineActions('acme', { invoiceId: 'PLANNED' })).filter((action) => action.reason === 'plan_broken').map((action) => action.at)).toEqual([Date.UTC(2026, 11, 2)]);
    await refreshCollectionsQueue({ store, workspaceId: 'acme', now });
    const entry = (await store.pageCollectionQueue('acme', { limit: 10, customerId: 'c-calm' })).find((candidate) => candidate.invoiceId === 'PLANNED')!;
    expect(entry.reasons.find((reason) => reason.code.startsWith('plan'))).toEqual({ code: 'plan_broken', points: 30, text: 'payment plan broken: an instalment was missed, follow up' });
  });

  it('keeps the next planned action with why it moved', async () => {
    await refreshCollectionsQueue({ store, workspaceId: 'acme', now });
    const soon = (await store.pageCollectionQueue('acme', { limit: 10, customerId: 'c-calm' })).find((entry) => entry.invoiceId === 'SOON');
    // Due Thursday 2026-12-10 at 09:00 UTC (the workspace default), in shadow mode: a draft.
    expect(soon!.nextAction).toMatchObject({ type: 'draft', at: '2026-12-10T09:00:00.000Z', step: 'standard/due', segment: 'everyone', moves: [] });
  });

  it('pages in queue order with a cursor on score and invoice id', async () => {
    await refreshCollectionsQueue({ store, workspaceId: 'acme', now });
    const first = await store.pageCollectionQueue('acme', { limit: 2 });
    const rest = await store.pageCollectionQueue('acme', { limit: 10, after: { score: first[1]!.score, invoiceId: first[1]!.invoiceId } });
    expect([...first, ...rest].map((entry) => entry.invoiceId)).toEqual(['DISPUTED', 'OLD', 'PROMISED', 'SOON']);
    expect(await store.getCollectionQueueRefreshedAt('acme')).toBe(now);
  });
});
