import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createStripeProcessor } from '../../adapters/payments/stripe/create-stripe-processor.ts';
import { charge, checkoutSession, dispute, seconds, stripeEvent } from '../../adapters/payments/stripe/testing/stripe-events.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../../adapters/storage/open-database.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
import { planWorkspace } from '../plan-workspace.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { createFakeDocuments } from '../testing/fake-documents.ts';
import { receivePaymentWebhook } from './receive-payment-webhook.ts';

// End to end: a Stripe payment stops the cadence, and a refund (or a lost chargeback) of it makes
// the cadence's next step go out after all, through the worker's planning use case, the ledger
// and the real Stripe adapter. Berlin, April 2024 (CEST, UTC+2); invoice due Tue 04-02: `due`
// Tue 04-02 09:00 = 07:00Z, `overdue-1` Tue 04-09 07:00Z, `overdue-2` Tue 04-16 07:00Z.

const policyText = `kind: Workspace
timezone: Europe/Berlin
locale: de-DE
currency: EUR
plan: growth
---
kind: Cadence
name: standard
steps:
  - { id: due, day: 0, template: t }
  - { id: overdue-1, day: 7, template: t }
  - { id: overdue-2, day: 14, template: t }
---
kind: Template
name: t
subject: "Invoice {invoice_number}"
body: "Please pay {invoice_balance}: {pay_link}"
---
kind: Segment
name: all
cadence: standard
mode: autopilot
`;

const secret = 'whsec_plixotestsecret0123456789abcdef';
const at = (iso: string) => Date.parse(iso);

async function scenario(reversal: (deliver: (body: string, now: number) => Promise<unknown>) => Promise<void>) {
  let clock = at('2024-03-01T00:00:00Z');
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  const store = createStore(database, { now: () => clock });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'Europe/Berlin', currency: 'EUR' }));
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', customerId: 'c1', dueOn: '2024-04-02', amountMinor: 1200_00, balanceMinor: 1200_00, knownAt: clock })]);
  await store.savePolicyVersion('acme', { version: 1, bundle: [{ path: 'policy.yaml', text: policyText }], status: 'published' });
  const plan = (iso: string) => {
    clock = at(iso);
    return planWorkspace({ store, workspaceId: 'acme', links: createPreviewLinks('https://plixo.example', 's'), documents: createFakeDocuments(), now: clock });
  };
  const deliver = async (body: string, now: number) => {
    clock = now;
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: seconds(now) });
    const reading = createStripeProcessor({ secretKey: null, webhookSecret: secret }).readWebhook({ payload: body, signature, receivedAt: now });
    if (!reading.ok) throw new Error(reading.problem);
    return receivePaymentWebhook({ store, now, workspaceId: 'acme', processor: 'stripe', reading });
  };
  try {
    await plan('2024-04-02T07:00:00Z');
    await deliver(stripeEvent('evt_paid', 'checkout.session.completed', checkoutSession(), at('2024-04-03T10:00:00Z')), at('2024-04-03T10:00:00Z'));
    // Paid: overdue-1 (04-09) does not go.
    await plan('2024-04-09T12:00:00Z');
    const whilePaid = (await store.listEngineActions('acme')).map((action) => action.step);
    await reversal(deliver);
    await plan('2024-04-20T00:00:00Z');
    const actions = await store.listEngineActions('acme');
    return { whilePaid, actions: actions.map((action) => `${new Date(action.at).toISOString()} ${action.type} ${action.step}${action.reason ? ` ${action.reason}` : ''}`) };
  } finally {
    await database.close();
  }
}

describe('a reversal re-opens the cadence', () => {
  it('a full refund on Wed 04-10 at 12:00: the late overdue-1 goes out then (catch-up), overdue-2 on its day', async () => {
    const result = await scenario((deliver) => deliver(stripeEvent('evt_refund', 'charge.refunded', charge(1200_00), at('2024-04-10T10:00:00Z')), at('2024-04-10T10:00:00Z')).then(() => undefined));
    expect(result.whilePaid).toEqual(['due']);
    expect(result.actions).toEqual(['2024-04-02T07:00:00.000Z send due', '2024-04-10T10:00:00.000Z send overdue-1', '2024-04-16T07:00:00.000Z send overdue-2']);
  });

  it('a chargeback opened 04-10 keeps the invoice out of dunning; lost on 04-12, the cadence resumes there', async () => {
    const result = await scenario(async (deliver) => {
      await deliver(stripeEvent('evt_d1', 'charge.dispute.created', dispute('needs_response', at('2024-04-10T10:00:00Z')), at('2024-04-10T10:00:00Z')), at('2024-04-10T10:00:00Z'));
      await deliver(stripeEvent('evt_d2', 'charge.dispute.closed', dispute('lost', at('2024-04-10T10:00:00Z')), at('2024-04-12T11:00:00Z')), at('2024-04-12T11:00:00Z'));
    });
    expect(result.actions).toEqual(['2024-04-02T07:00:00.000Z send due', '2024-04-12T11:00:00.000Z send overdue-1', '2024-04-16T07:00:00.000Z send overdue-2']);
  });

  it('a chargeback won: the money is back and nothing more goes out', async () => {
    const result = await scenario(async (deliver) => {
      await deliver(stripeEvent('evt_d1', 'charge.dispute.created', dispute('needs_response', at('2024-04-10T10:00:00Z')), at('2024-04-10T10:00:00Z')), at('2024-04-10T10:00:00Z'));
      await deliver(stripeEvent('evt_d2', 'charge.dispute.closed', dispute('won', at('2024-04-10T10:00:00Z')), at('2024-04-12T11:00:00Z')), at('2024-04-12T11:00:00Z'));
    });
    expect(result.actions).toEqual(['2024-04-02T07:00:00.000Z send due']);
  });
});
