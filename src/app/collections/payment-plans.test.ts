import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import { defaultApprovalSettings as settings } from '../approvals/approval-settings.ts';
import { requestException } from '../approvals/request-exception.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
import { planWorkspace } from '../plan-workspace.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { createFakeDocuments } from '../testing/fake-documents.ts';
import { cancelPaymentPlan } from './cancel-payment-plan.ts';
import { getInvoiceTimeline } from './get-invoice-timeline.ts';
import { listPaymentPlans } from './list-payment-plans.ts';

// Payment plans over a real SQLite store: an approved plan's instalments as paid, due and missed,
// in the customer's time zone (Berlin; the workspace is in UTC), the invoice timeline's lines
// for the plan and for the engine's plan_broken task, and calling a plan off.

const agreedAt = Date.parse('2026-12-02T12:00:00Z');
const olu: Actor = { kind: 'user', id: 'u-olu', label: 'olu@acme.example', role: 'operator' };
const mailer: UserMailer = { send: async () => ({ sent: true, detail: 'ok' }) };
let database: DatabaseHandle;
let store: Store;
let approvalId: number;

const plansAt = async (now: string) => listPaymentPlans({ store, now: Date.parse(now), workspaceId: 'acme', customerId: 'c1' });
const states = (plan: { installments: { on: string; state: string }[] }) => plan.installments.map((installment) => `${installment.on} ${installment.state}`);

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => agreedAt });
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles(), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Northwind', timeZone: 'Europe/Berlin' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'N-1', customerId: 'c1', currency: 'EUR', amountMinor: 1000_00, balanceMinor: 1000_00, dueOn: '2026-11-20', knownAt: agreedAt - 30 * 86_400_000 })]);
  // Within the plan limit: approved at once. 500.00 on Thu 12-10 and 500.00 on Thu 12-24.
  const { request } = await requestException({
    store,
    now: agreedAt,
    workspaceId: 'acme',
    by: olu,
    invoiceId: 'INV-1',
    kind: 'payment_plan',
    installments: [{ on: '2026-12-10', amount: '500.00' }, { on: '2026-12-24', amount: '500.00' }],
    reason: 'cash flow',
    settings,
    mailer,
    baseUrl: 'https://plixo.example/',
  });
  approvalId = request.id;
  await store.appendEvents('acme', [{ at: Date.parse('2026-12-09T10:00:00Z'), type: 'payment', invoiceId: 'INV-1', payload: { amount: '500.00' } }]);
});
afterEach(() => database.close());

describe('a payment plan’s instalments', () => {
  it('are due, then paid, then missed at the end of the grace in the customer’s time zone', async () => {
    const [before] = await plansAt('2026-12-05T00:00:00Z');
    expect(before).toMatchObject({ invoiceId: 'INV-1', status: 'active', totalMinor: 1000_00, paidMinor: 0, approvalId, endedAt: null });
    expect(states(before!)).toEqual(['2026-12-10 due', '2026-12-24 due']);
    // The second instalment, one day of grace: checked at the start of Sat 12-26 in Berlin (CET), 23:00Z on 12-25.
    expect(before!.installments.map((installment) => new Date(installment.dueBy).toISOString())).toEqual(['2026-12-11T23:00:00.000Z', '2026-12-25T23:00:00.000Z']);
    const [halfway] = await plansAt('2026-12-25T22:59:59Z');
    expect([halfway!.status, halfway!.paidMinor, states(halfway!)]).toEqual(['active', 500_00, ['2026-12-10 paid', '2026-12-24 due']]);
    const [after] = await plansAt('2026-12-25T23:00:00Z');
    expect([after!.status, after!.endedAt, states(after!)]).toEqual(['broken', Date.parse('2026-12-25T23:00:00Z'), ['2026-12-10 paid', '2026-12-24 missed']]);
  });

  it('show on the invoice timeline with the engine’s plan_broken task', async () => {
    const now = Date.parse('2026-12-26T08:00:00Z');
    await planWorkspace({ store, workspaceId: 'acme', now, links: createPreviewLinks('https://plixo.example/', 'a-test-secret-that-is-long-enough-1234'), documents: createFakeDocuments() });
    const timeline = await getInvoiceTimeline({ store, now, workspaceId: 'acme', invoiceId: 'INV-1', limit: 50 });
    const task = timeline.entries.find((entry) => entry.kind === 'task' && entry.at === Date.parse('2026-12-25T23:00:00Z'));
    expect(task?.summary).toBe('Task for A/R Operator: a payment plan was broken (an instalment was not paid, or a payment for one went back)');
    const plan = timeline.entries.find((entry) => entry.kind === 'plan');
    expect(plan).toEqual({
      at: agreedAt,
      kind: 'plan',
      by: null,
      summary: `Payment plan agreed (approval ${approvalId}): €1,000.00 in 2 instalments (broken: an instalment was missed): 2026-12-10 €500.00 paid; 2026-12-24 €500.00 missed`,
    });
    expect(timeline.plans).toEqual([
      {
        agreedAt,
        status: 'broken',
        endedAt: Date.parse('2026-12-25T23:00:00Z'),
        total: { minor: 1000_00, currency: 'EUR', formatted: '€1,000.00' },
        paid: { minor: 500_00, currency: 'EUR', formatted: '€500.00' },
        approvalId,
        installments: [
          { on: '2026-12-10', amount: { minor: 500_00, currency: 'EUR', formatted: '€500.00' }, dueBy: Date.parse('2026-12-11T23:00:00Z'), state: 'paid' },
          { on: '2026-12-24', amount: { minor: 500_00, currency: 'EUR', formatted: '€500.00' }, dueBy: Date.parse('2026-12-25T23:00:00Z'), state: 'missed' },
        ],
      },
    ]);
  });

  it('can be called off while kept: the plan is cancelled, audited, and told on the timeline', async () => {
    const now = Date.parse('2026-12-15T09:00:00Z');
    await cancelPaymentPlan({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'renegotiating after their restructuring' });
    expect((await store.listEvents('acme')).map((event) => event.type)).toEqual(['plan', 'payment', 'plan_cancelled']);
    const [plan] = await plansAt('2026-12-20T00:00:00Z');
    expect([plan!.status, plan!.endedAt, states(plan!)]).toEqual(['cancelled', now, ['2026-12-10 paid', '2026-12-24 cancelled']]);
    const [audit] = await store.listAudit({ workspaceId: 'acme', action: 'plan.cancel' });
    expect(audit).toMatchObject({ actor: 'olu@acme.example', subject: 'payment plan on invoice N-1' });
    const timeline = await getInvoiceTimeline({ store, now, workspaceId: 'acme', invoiceId: 'INV-1', limit: 50 });
    expect(timeline.entries[0]).toEqual({ at: now, kind: 'plan_cancelled', by: null, summary: 'Payment plan cancelled: back in its cadence' });
    // Nothing is being kept any more.
    const again = await rejection(cancelPaymentPlan({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: 'twice' }));
    expect([again.code, again.details?.record]).toEqual(['conflict', 'invoice INV-1']);
    const unsaid = await rejection(cancelPaymentPlan({ store, now, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', reason: ' ' }));
    expect([unsaid.code, unsaid.details?.field]).toEqual(['invalid_input', 'reason']);
  });

  it('a newer plan replaces the one before on the timeline too', async () => {
    await store.appendEvents('acme', [{ at: Date.parse('2026-12-12T09:00:00Z'), type: 'plan', invoiceId: 'INV-1', payload: { installments: [{ on: '2027-01-15', amount: '500.00' }] } }]);
    const [newer, older] = await plansAt('2026-12-20T00:00:00Z');
    expect([newer!.status, states(newer!), newer!.approvalId]).toEqual(['active', ['2027-01-15 due'], null]);
    expect([older!.status, states(older!)]).toEqual(['replaced', ['2026-12-10 paid', '2026-12-24 cancelled']]);
  });
});
