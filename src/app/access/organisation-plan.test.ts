import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../testing/expect-app-error.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import { importPortfolio } from '../import-portfolio.ts';
import type { Store } from '../ports/store.ts';
import { measurePlanUsage, setOrganisationPlan } from './organisation-plan.ts';

// Plan limits on imports and plan changes, over a real SQLite store.

const now = Date.UTC(2026, 11, 2, 12);
let database: DatabaseHandle;
let store: Store;

const portfolio = (customers: number, balance = '100.00') => ({
  customers: Array.from({ length: customers }, (_, index) => ({ id: `c${index}`, name: `Customer ${index}`, contacts: [{ email: `ap${index}@example.com` }] })),
  invoices: [{ id: 'INV-1', customer: 'c0', number: 'INV-1', dueOn: '2026-12-20', amount: balance, balance, currency: 'EUR' }],
});

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR', plan: 'starter' });
});
afterEach(() => database.close());


describe('plan limits', () => {
  it('refuses a whole import that would outgrow the plan, naming the plan that holds it', async () => {
    await importPortfolio({ store, workspaceId: 'acme', raw: portfolio(250), now });
    expect(await measurePlanUsage(store, 'acme')).toEqual({ customers: 250, openBalance: 100 });
    const error = await rejection(importPortfolio({ store, workspaceId: 'acme', raw: portfolio(251), now }));
    expect(error.code).toBe('plan_required');
    expect(error.message).toContain('this import would bring the organisation to 251 customers');
    expect(error.message).toContain('the Growth plan holds this');
    expect((await measurePlanUsage(store, 'acme')).customers).toBe(250);
  });

  it('counts the open balance against the limit too', async () => {
    const error = await rejection(importPortfolio({ store, workspaceId: 'acme', raw: portfolio(1, '1000000.01'), now }));
    expect(error.code).toBe('plan_required');
    expect((await measurePlanUsage(store, 'acme')).customers).toBe(0);
  });

  it('changes the plan with an audit entry, and refuses a plan the live policy does not fit', async () => {
    await setOrganisationPlan({ store, now, workspaceId: 'acme', by: 'cli:ana', plan: 'growth', rationale: 'upgrade' });
    const escalating = buildPolicyFiles({ 'cadence.yaml': 'kind: Cadence\nname: standard\nsteps:\n  - { id: due, day: 0, template: reminder }\nescalations:\n  - { id: late, day: 30, assignTo: operator }\n' });
    await store.savePolicyVersion('acme', { version: 1, bundle: escalating, status: 'published' });
    const error = await rejection(setOrganisationPlan({ store, now, workspaceId: 'acme', by: 'cli:ana', plan: 'starter' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('escalations (cadence standard, escalation late)');
    expect((await store.getWorkspace('acme'))?.plan).toBe('growth');
    const audit = await store.listAudit({ workspaceId: 'acme', action: 'organisation.plan' });
    expect(audit.map((entry) => entry.detail)).toMatchObject([{ before: { plan: 'starter' }, after: { plan: 'growth' }, rationale: 'upgrade' }]);
  });
});
