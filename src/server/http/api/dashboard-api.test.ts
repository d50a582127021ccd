import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../app/access/manage-api-tokens.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// The dashboard over HTTP: aging after the payments recorded in Plixo, DSO by month worked out by
// hand, cadence coverage from the scored queue, promise adherence; per currency, never summed.

const now = Date.UTC(2026, 11, 2, 12);
const at = (on: string) => Date.parse(`${on}T12:00:00Z`);
let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
let viewer = '';

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'EUR' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1' }), buildCustomer({ id: 'c2', contacts: [] })]);
  const invoice = (id: string, issuedOn: string, dueOn: string, amountMinor: number, currency = 'EUR', customerId = 'c1') =>
    buildInvoice({ id, number: id, customerId, issuedOn, dueOn, amountMinor, balanceMinor: amountMinor, currency, knownAt: at(issuedOn) });
  await store.upsertInvoices('acme', [
    invoice('A', '2026-11-20', '2026-12-10', 1_000),
    invoice('B', '2026-10-01', '2026-11-01', 2_000),
    invoice('C', '2026-08-01', '2026-08-31', 3_000),
    invoice('D', '2026-11-01', '2026-11-30', 700, 'USD', 'c2'),
  ]);
  await store.appendEvents('acme', [
    { at: at('2026-11-10'), type: 'promise', invoiceId: 'B', payload: { amount: '5.00', on: '2026-11-14' } },
    { at: at('2026-11-15'), type: 'payment', invoiceId: 'B', payload: { amount: '5.00' } },
    { at: at('2026-11-01'), type: 'promise', invoiceId: 'C', payload: { amount: '1.00', on: '2026-11-05' } },
    { at: at('2026-11-20'), type: 'payment', invoiceId: 'C', payload: { amount: '30.00' } },
  ]);
  const entry = (invoiceId: string, customerId: string, segment: string | null) => ({
    invoiceId,
    invoiceNumber: invoiceId,
    customerId,
    customerName: customerId,
    score: 1,
    daysPastDue: 0,
    balanceMinor: 1,
    currency: 'EUR',
    reasons: [],
    nextActionAt: now,
    nextAction: { type: 'send', at: new Date(now).toISOString(), step: 'due', segment, reason: null, plannedAt: null, moves: [] },
  });
  await store.replaceCollectionQueue('acme', [entry('A', 'c1', 'everyone'), entry('B', 'c1', null), entry('D', 'c2', 'everyone')], now - 60_000);
  const by = { kind: 'user' as const, id: 'u1', label: 'carla@acme.example', role: 'controller' as const };
  viewer = (await createApiToken({ store, now, workspaceId: 'acme', by, name: 'viewer', role: 'viewer' })).secret;
});
afterAll(async () => {
  await server.close();
});

describe('the dashboard over the API', () => {
  it('answers aging, DSO, coverage and promise adherence as worked out by hand', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/orgs/acme/dashboard?months=3', headers: { authorization: `Bearer ${viewer}` } });
    expect(response.statusCode).toBe(200);
    const dashboard = response.json();
    expect(dashboard.asOfOn).toBe('2026-12-02');
    expect(dashboard.receivables).toEqual([
      {
        currency: 'EUR',
        totalMinor: 2_500,
        openInvoices: 2,
        buckets: [
          { bucket: 'current', invoices: 1, balanceMinor: 1_000 },
          { bucket: '1-30', invoices: 0, balanceMinor: 0 },
          { bucket: '31-60', invoices: 1, balanceMinor: 1_500 },
          { bucket: '61-90', invoices: 0, balanceMinor: 0 },
          // C was paid in full on 20 November.
          { bucket: '90+', invoices: 0, balanceMinor: 0 },
        ],
      },
      {
        currency: 'USD',
        totalMinor: 700,
        openInvoices: 1,
        buckets: [
          { bucket: 'current', invoices: 0, balanceMinor: 0 },
          { bucket: '1-30', invoices: 1, balanceMinor: 700 },
          { bucket: '31-60', invoices: 0, balanceMinor: 0 },
          { bucket: '61-90', invoices: 0, balanceMinor: 0 },
          { bucket: '90+', invoices: 0, balanceMinor: 0 },
        ],
      },
    ]);
    const eur = (dashboard.dso as { month: string; partial: boolean; values: { currency: string; dsoDays: number; receivableMinor: number; invoicedMinor: number; periodDays: number }[] }[]).map((point) => ({
      month: point.month,
      partial: point.partial,
      ...point.values.find((value) => value.currency === 'EUR'),
    }));
    expect(eur).toEqual([
      // October: B and C open, both invoiced August to October (92 days): 5,000 / 5,000 × 92.
      { month: '2026-10', partial: false, currency: 'EUR', receivableMinor: 5_000, invoicedMinor: 5_000, periodDays: 92, dsoDays: 92 },
      // November: A, B less its payment, C paid; invoiced September to November (91 days): A and B.
      { month: '2026-11', partial: false, currency: 'EUR', receivableMinor: 2_500, invoicedMinor: 3_000, periodDays: 91, dsoDays: 75.8 },
      // December so far: from 1 October to today, 63 days.
      { month: '2026-12', partial: true, currency: 'EUR', receivableMinor: 2_500, invoicedMinor: 3_000, periodDays: 63, dsoDays: 52.5 },
    ]);
    expect(dashboard.coverage).toEqual({ openInvoices: 3, coveredInvoices: 1, share: 1 / 3, scoredAt: new Date(now - 60_000).toISOString() });
    // B's promise was kept within the grace day; C's passed its date without payment.
    expect(dashboard.promises).toEqual({ kept: 1, missed: 1, open: 0, adherence: 0.5 });
  });
});
