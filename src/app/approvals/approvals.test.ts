import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../testing/expect-app-error.ts';
import { addTestMember } from '../testing/add-test-member.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { createEngine } from '../../core/planning/create-engine.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import { loadWorkspacePortfolio, planningStart } from '../load-workspace-portfolio.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { defaultApprovalSettings as settings } from './approval-settings.ts';
import { decideException, respondToException } from './decide-exception.ts';
import { listApprovals } from './list-approvals.ts';
import { requestException } from './request-exception.ts';

// Exception approvals over a real SQLite store: routing by the cadence's caps, one approval per
// named role, nobody approving their own request, questions, expiry, and the balance the engine
// sees after an approved credit.

const now = Date.UTC(2026, 11, 2, 12);
const cadence = `kind: Cadence
name: standard
tone: neutral
steps:
  - id: due
    day: 0
    template: reminder
caps:
  discount:
    - upTo: 5%
    - upTo: 15%
      approvers: [controller]
    - approvers: [controller, legal]
  credit:
    - upTo: 500
    - approvers: [controller]
`;

const olu: Actor = { kind: 'user', id: 'u-olu', label: 'olu@acme.example', role: 'operator' };
const cy: Actor = { kind: 'user', id: 'u-cy', label: 'cy@acme.example', role: 'controller' };
const lee: Actor = { kind: 'user', id: 'u-lee', label: 'lee@acme.example', role: 'legal' };

let database: DatabaseHandle;
let store: Store;
let sent: { to: string; subject: string }[];
const mailer: UserMailer = { send: async (message) => (sent.push({ to: message.to, subject: message.subject }), { sent: true, detail: 'ok' }) };
const common = () => ({ store, now, workspaceId: 'acme', settings, mailer, baseUrl: 'https://plixo.example/' });

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  sent = [];
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles({ 'cadence.yaml': cadence }), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', timeZone: 'UTC' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', amountMinor: 1000_00, balanceMinor: 1000_00, dueOn: '2026-12-20', knownAt: now - 86_400_000 })]);
  for (const actor of [olu, cy, lee]) {
    await addTestMember(store, { workspaceId: 'acme', id: actor.id, email: actor.label, role: actor.role!, createdAt: now });
  }
});
afterEach(() => database.close());


async function engineBalance(): Promise<number> {
  const { policy } = await loadLivePolicy(store, 'acme');
  const portfolio = await loadWorkspacePortfolio(store, 'acme');
  const engine = createEngine({ policy, portfolio, start: planningStart((await store.getWorkspace('acme'))!, portfolio) });
  engine.advanceTo(now + 1);
  return engine.inspectInvoice('INV-1', now)!.snapshot.balanceMinor;
}

/** The engine's actions over the stored data up to `until`, as `AT TYPE REASON-OR-STEP`. */
async function engineActions(until: number): Promise<string[]> {
  const { policy } = await loadLivePolicy(store, 'acme');
  const portfolio = await loadWorkspacePortfolio(store, 'acme');
  const engine = createEngine({ policy, portfolio, start: planningStart((await store.getWorkspace('acme'))!, portfolio) });
  return engine.advanceTo(until).map((action) => `${new Date(action.at).toISOString()} ${action.type} ${action.reason ?? action.steps?.[0]?.step ?? ''}`);
}

describe('routing by the caps of the governing cadence', () => {
  it('approves a discount within the first tier at once, and lowers the balance the engine sees', async () => {
    const { request, explanation } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'discount', amount: '50.00', reason: 'early payment' });
    expect(request).toMatchObject({ status: 'approved', requiredRoles: [] });
    expect(explanation).toBe('cadence standard, discount cap up to 5 %: no approval needed');
    expect(await engineBalance()).toBe(950_00);
    expect(sent).toEqual([]);
  });

  it('routes a 20 % discount to Controller and Legal, emails both, and approves it only when both have', async () => {
    const { request, notified } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'discount', amount: '200.00', reason: 'service outage in November' });
    expect(request).toMatchObject({ status: 'pending', requiredRoles: ['controller', 'legal'] });
    expect(notified).toBe(2);
    expect(sent.map((message) => message.to).sort()).toEqual(['cy@acme.example', 'lee@acme.example']);
    expect((await listApprovals({ store, now, workspaceId: 'acme', awaiting: { role: 'legal', actorId: lee.id }, limit: 10 })).map((view) => view.request.id)).toEqual([request.id]);

    const half = await decideException({ ...common(), by: cy, id: request.id, decision: 'approve', rationale: 'outage confirmed' });
    expect([half.request.status, half.awaiting]).toEqual(['pending', ['legal']]);
    expect(await engineBalance()).toBe(1000_00);
    const again = await rejection(decideException({ ...common(), by: cy, id: request.id, decision: 'approve', rationale: 'twice' }));
    expect(again.code).toBe('forbidden');
    const done = await decideException({ ...common(), by: lee, id: request.id, decision: 'approve', rationale: 'contract allows it' });
    expect([done.request.status, done.awaiting]).toEqual(['approved', []]);
    expect(await engineBalance()).toBe(800_00);
    expect(sent.filter((message) => message.to === olu.label).map((message) => message.subject)).toEqual([
      'cy@acme.example approved in part your discount request on invoice INV-1',
      'lee@acme.example approved your discount request on invoice INV-1',
    ]);
    const audit = await store.listAudit({ workspaceId: 'acme', action: 'approval.' });
    expect(audit.map((entry) => [entry.action, entry.actor, entry.detail.role ?? null]).reverse()).toEqual([
      ['approval.request', 'olu@acme.example', 'operator'],
      ['approval.approve', 'cy@acme.example', 'controller'],
      ['approval.approve', 'lee@acme.example', 'legal'],
      ['approval.applied', 'system', null],
    ]);
  });

  it('credits at most what is still owed when the credit is approved: money paid meanwhile is not credited again', async () => {
    const { request } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '600.00', reason: 'short-paid, write off the rest' });
    // The payer paid 700.00 of the 1,000.00 while the request waited: 300.00 is left to write off.
    await store.appendEvents('acme', [{ at: now + 1000, type: 'payment', invoiceId: 'INV-1', payload: { amount: '700.00' } }]);
    await decideException({ ...common(), now: now + 2000, by: cy, id: request.id, decision: 'approve', rationale: 'ok' });
    const credits = (await store.listEvents('acme')).filter((event) => event.type === 'credit');
    expect(credits.map((event) => event.payload.amount)).toEqual(['300.00']);
    const [applied] = await store.listAudit({ workspaceId: 'acme', action: 'approval.applied' });
    expect(applied?.detail).toMatchObject({ effect: 'credit', amount: '300.00', requested: '600.00', why: 'capped at what is still owed' });
  });

  it('sends a credit above the last bound to a Controller', async () => {
    const { request, explanation } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '500.01', reason: 'damaged goods' });
    expect([request.requiredRoles, explanation]).toEqual([['controller'], 'cadence standard, credit cap above the last bound: approved by controller']);
  });
});

describe('who may decide', () => {
  it('never lets anyone approve their own request, not even a Controller', async () => {
    const { request } = await requestException({ ...common(), by: cy, invoiceId: 'INV-1', kind: 'credit', amount: '600.00', reason: 'goodwill' });
    const own = await rejection(decideException({ ...common(), by: cy, id: request.id, decision: 'approve', rationale: 'fine by me' }));
    expect(own.code).toBe('forbidden');
    expect(own.message).toContain('nobody approves or rejects their own request');
    expect((await store.getApprovalRequest('acme', request.id))?.status).toBe('pending');
    // Nor does it show in the requester's own inbox.
    expect(await listApprovals({ store, now, workspaceId: 'acme', awaiting: { role: 'controller', actorId: cy.id }, limit: 10 })).toEqual([]);
    expect(sent.map((message) => message.to)).not.toContain(cy.label);
  });

  it('refuses a role the request does not wait for, and a decision without a rationale', async () => {
    const { request } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '600.00', reason: 'goodwill' });
    expect((await rejection(decideException({ ...common(), by: lee, id: request.id, decision: 'approve', rationale: 'ok' }))).message).toContain('waits for Controller');
    expect((await rejection(decideException({ ...common(), by: cy, id: request.id, decision: 'approve', rationale: '  ' }))).details?.field).toBe('rationale');
  });
});

describe('questions, rejections and expiry', () => {
  it('asks for more information, takes the answer, then rejects; a rejected request is final', async () => {
    const { request } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '600.00', reason: 'goodwill' });
    expect((await decideException({ ...common(), by: cy, id: request.id, decision: 'ask_info', rationale: 'which shipment?' })).request.status).toBe('info_requested');
    expect((await rejection(respondToException({ store, now, workspaceId: 'acme', by: lee, id: request.id, response: 'answer', rationale: 'not mine' }))).code).toBe('forbidden');
    expect((await respondToException({ store, now, workspaceId: 'acme', by: olu, id: request.id, response: 'answer', rationale: 'shipment 4411' })).request.status).toBe('pending');
    expect((await decideException({ ...common(), by: cy, id: request.id, decision: 'reject', rationale: 'not covered' })).request.status).toBe('rejected');
    expect((await rejection(decideException({ ...common(), by: cy, id: request.id, decision: 'approve', rationale: 'changed my mind' }))).code).toBe('conflict');
    expect(await engineBalance()).toBe(1000_00);
  });

  it('expires a request nobody decided in time', async () => {
    const { request } = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '600.00', reason: 'goodwill' });
    const later = now + settings.requestLifetimeMs;
    const late = await rejection(decideException({ ...common(), now: later, by: cy, id: request.id, decision: 'approve', rationale: 'sorry, late' }));
    expect([late.code, late.message]).toEqual(['conflict', `approval ${request.id} is expired: it can no longer be decided`]);
  });
});

describe('payment plans and bad input', () => {
  it('approves a plan within the limit at once as a plan event with its instalments, and routes a larger one to a Controller', async () => {
    const small = await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'payment_plan', reason: 'cash flow', installments: [{ on: '2026-12-15', amount: '400.00' }, { on: '2027-01-15', amount: '600.00' }] });
    expect(small.request).toMatchObject({ status: 'approved', amountMinor: 1000_00 });
    const events = await store.listEvents('acme');
    expect(events.map((event) => event.type)).toEqual(['plan']);
    expect(events[0]).toMatchObject({ at: now, invoiceId: 'INV-1', payload: { installments: [{ on: '2026-12-15', amount: '400.00' }, { on: '2027-01-15', amount: '600.00' }], approval: small.request.id } });
    const [applied] = await store.listAudit({ workspaceId: 'acme', action: 'approval.applied' });
    expect(applied?.detail).toMatchObject({ effect: 'plan', amount: '1000.00', currency: 'EUR', installments: [{ on: '2026-12-15', amount: '400.00' }, { on: '2027-01-15', amount: '600.00' }] });

    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1', amountMinor: 80_000_00, balanceMinor: 80_000_00, dueOn: '2026-12-20', knownAt: now })]);
    const large = await requestException({ ...common(), by: olu, invoiceId: 'INV-2', kind: 'payment_plan', reason: 'restructuring', installments: [{ on: '2027-01-15', amount: '60000.00' }] });
    expect([large.request.status, large.request.requiredRoles, large.explanation]).toEqual(['pending', ['controller'], 'the plan exceeds 50,000 EUR: Controller approval required']);
  });

  it('the engine follows an approved plan: the cadence waits while it is kept, and a missed instalment opens a task and lets the cadence resume', async () => {
    // Customer in UTC. Instalment of Tue 2026-12-15, one day of grace: checked at the start of
    // Thu 12-17. The due step (Sun 12-20, shadow mode) moves to Mon 12-21 09:00.
    await requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'payment_plan', reason: 'cash flow', installments: [{ on: '2026-12-15', amount: '400.00' }, { on: '2027-01-15', amount: '600.00' }] });
    const until = Date.UTC(2027, 0, 1);
    expect(await engineActions(until)).toEqual(['2026-12-17T00:00:00.000Z task plan_broken', '2026-12-21T09:00:00.000Z draft due']);
    await store.appendEvents('acme', [{ at: Date.UTC(2026, 11, 14, 12), type: 'payment', invoiceId: 'INV-1', payload: { amount: '400.00' } }]);
    expect(await engineActions(until)).toEqual([]);
  });

  it('fits a plan approved after payments came in to what is still owed, from its first instalment on', async () => {
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1', amountMinor: 80_000_00, balanceMinor: 80_000_00, dueOn: '2026-12-20', knownAt: now })]);
    const installments = [{ on: '2027-01-15', amount: '30000.00' }, { on: '2027-02-15', amount: '30000.00' }, { on: '2027-03-15', amount: '20000.00' }];
    const { request } = await requestException({ ...common(), by: olu, invoiceId: 'INV-2', kind: 'payment_plan', reason: 'restructuring', installments });
    // 45,000.00 paid while the plan waited: the first instalment and 15,000.00 of the second are paid.
    await store.appendEvents('acme', [{ at: now + 1000, type: 'payment', invoiceId: 'INV-2', payload: { amount: '45000.00' } }]);
    await decideException({ ...common(), now: now + 2000, by: cy, id: request.id, decision: 'approve', rationale: 'ok' });
    const plan = (await store.listEvents('acme')).find((event) => event.type === 'plan');
    expect(plan?.payload.installments).toEqual([{ on: '2027-02-15', amount: '15000.00' }, { on: '2027-03-15', amount: '20000.00' }]);
    const [applied] = await store.listAudit({ workspaceId: 'acme', action: 'approval.applied' });
    expect(applied?.detail).toMatchObject({ effect: 'plan', amount: '35000.00', requested: '80000.00' });
  });

  it('writes no plan when nothing is left to pay by the time it is approved, and says so in the audit trail', async () => {
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1', amountMinor: 80_000_00, balanceMinor: 80_000_00, dueOn: '2026-12-20', knownAt: now })]);
    const { request } = await requestException({ ...common(), by: olu, invoiceId: 'INV-2', kind: 'payment_plan', reason: 'restructuring', installments: [{ on: '2027-01-15', amount: '80000.00' }] });
    await store.appendEvents('acme', [{ at: now + 1000, type: 'payment', invoiceId: 'INV-2', payload: { amount: '80000.00' } }]);
    await decideException({ ...common(), now: now + 2000, by: cy, id: request.id, decision: 'approve', rationale: 'ok' });
    expect((await store.listEvents('acme')).map((event) => event.type)).toEqual(['payment']);
    const [applied] = await store.listAudit({ workspaceId: 'acme', action: 'approval.applied' });
    expect(applied?.detail).toMatchObject({ effect: 'none', amount: '0.00' });
  });

  it('names the field of a bad request and writes nothing', async () => {
    const over = await rejection(requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '1000.01', reason: 'x' }));
    expect([over.code, over.details?.field]).toEqual(['invalid_input', 'amount']);
    const order = await rejection(requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'payment_plan', reason: 'x', installments: [{ on: '2027-02-01', amount: '1.00' }, { on: '2027-01-01', amount: '1.00' }] }));
    expect(order.details?.field).toBe('installments[1].on');
    expect((await rejection(requestException({ ...common(), by: olu, invoiceId: 'NOPE', kind: 'credit', amount: '1.00', reason: 'x' }))).code).toBe('not_found');
    expect(await store.listApprovalRequests('acme', { limit: 10 })).toEqual([]);
  });

  it('is not part of the Starter plan', async () => {
    await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR', plan: 'starter' });
    expect((await rejection(requestException({ ...common(), by: olu, invoiceId: 'INV-1', kind: 'credit', amount: '1.00', reason: 'x' }))).code).toBe('plan_required');
  });
});
