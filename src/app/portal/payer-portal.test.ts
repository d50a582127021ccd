import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import { defaultApprovalSettings } from '../approvals/approval-settings.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { rejection } from '../testing/expect-app-error.ts';
import { addTestMember } from '../testing/add-test-member.ts';
import { buildCustomer, buildInvoice } from '../testing/build-store-inputs.ts';
import { createFakePaymentProcessor } from '../testing/fake-payment-processor.ts';
import { authorizePayerLink, type PayerLinkGrant } from './authorize-payer-link.ts';
import { completePayerCheckout } from './complete-payer-checkout.ts';
import { payerLinkUrl } from './create-payer-links.ts';
import { issuePayerLink } from './issue-payer-link.ts';
import { loadPayerPortal } from './load-payer-portal.ts';
import { openPayerDispute } from './open-payer-dispute.ts';
import { createPayerLinkToken } from './payer-link-token.ts';
import { proposePaymentPlan } from './propose-payment-plan.ts';
import { regeneratePayerLink } from './regenerate-payer-link.ts';
import { requestFreshPayerLink } from './request-fresh-payer-link.ts';
import { setPortalSettings } from './set-portal-settings.ts';
import { startPayerPayment } from './start-payer-payment.ts';

// The payer portal's use cases over a real SQLite store and a clock the test moves.

const secret = 'a-test-secret-of-at-least-32-characters';
const t0 = Date.parse('2026-12-02T14:00:00Z');
const day = 86_400_000;
const olu: Actor = { kind: 'user', id: 'u-olu', label: 'olu@acme.example', role: 'operator' };
const mailer: UserMailer = { send: async () => ({ sent: true, detail: 'ok' }) };
let database: DatabaseHandle;
let store: Store;
let reads: number;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  const real = createStore(database, { now: () => t0 });
  reads = 0;
  // Counts the link reads, to show that a token is checked before the database is asked.
  store = { ...real, getPayerLink: async (id) => ((reads += 1), real.getPayerLink(id)) };
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR' });
  await store.savePolicyVersion('acme', { version: 1, bundle: buildPolicyFiles(), status: 'published' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', contacts: [{ email: 'ap@northwind.example', isPrimary: true }, { email: 'gone@northwind.example' }] })]);
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', currency: 'EUR', amountMinor: 1000_00, balanceMinor: 1000_00, dueOn: '2026-11-20', knownAt: t0 - 30 * day }),
    buildInvoice({ id: 'BIG', number: 'BIG', customerId: 'c1', currency: 'EUR', amountMinor: 80_000_00, balanceMinor: 80_000_00, dueOn: '2026-11-20', knownAt: t0 - 30 * day }),
  ]);
  await addTestMember(store, { workspaceId: 'acme', id: 'u-ctl', email: 'ctl@acme.example', role: 'controller', createdAt: t0 });
});
afterEach(() => database.close());

async function grantFor(invoiceId: string, now = t0): Promise<PayerLinkGrant> {
  const link = await issuePayerLink({ store, now, workspaceId: 'acme', customerId: 'c1', invoiceId });
  const access = await authorizePayerLink({ store, secret, now, token: createPayerLinkToken(secret, link.id) });
  if (!access.ok) throw new Error(`refused: ${access.refusal}`);
  return access.grant;
}

describe('payer links', () => {
  it('refuses an altered token before reading anything, and names the state of a genuine one', async () => {
    const link = await issuePayerLink({ store, now: t0, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' });
    const token = createPayerLinkToken(secret, link.id);
    reads = 0;
    expect(await authorizePayerLink({ store, secret, now: t0, token: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` })).toMatchObject({ ok: false, refusal: 'invalid' });
    expect(await authorizePayerLink({ store, secret: 'another-secret-of-at-least-32-characters', now: t0, token })).toMatchObject({ ok: false, refusal: 'invalid' });
    expect(reads).toBe(0);
    // Each visit moves the seven days on.
    expect((await authorizePayerLink({ store, secret, now: t0 + 6 * day, token })).ok).toBe(true);
    expect((await authorizePayerLink({ store, secret, now: t0 + 12 * day, token })).ok).toBe(true);
    expect(await authorizePayerLink({ store, secret, now: t0 + 19 * day, token })).toMatchObject({ ok: false, refusal: 'expired', locale: 'de-DE' });
  });

  it('writes a use at most once an hour, so the seven days are right to the hour', async () => {
    const link = await issuePayerLink({ store, now: t0, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' });
    const token = createPayerLinkToken(secret, link.id);
    const minute = 60_000;
    expect((await authorizePayerLink({ store, secret, now: t0 + 30 * minute, token })).ok).toBe(true);
    expect((await store.getPayerLink(link.id))?.lastUsedAt).toBe(t0);
    expect((await authorizePayerLink({ store, secret, now: t0 + 61 * minute, token })).ok).toBe(true);
    expect((await store.getPayerLink(link.id))?.lastUsedAt).toBe(t0 + 61 * minute);
    // Seven days after the last written use, not after the unwritten one at 30 minutes in.
    expect(await authorizePayerLink({ store, secret, now: t0 + 61 * minute + 7 * day, token })).toMatchObject({ ok: false, refusal: 'expired' });
  });

  it('is reused by messages while live; regenerating revokes it, audited, and messages carry the new one', async () => {
    const first = await issuePayerLink({ store, now: t0, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' });
    expect((await issuePayerLink({ store, now: t0 + day, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' })).id).toBe(first.id);
    const regenerated = await regeneratePayerLink({ store, now: t0 + 2 * day, workspaceId: 'acme', by: olu, invoiceId: 'INV-1', baseUrl: 'https://plixo.example/', secret });
    expect(regenerated.url).toBe(payerLinkUrl('https://plixo.example', secret, regenerated.link.id));
    expect(regenerated.revoked).toBe(first.id);
    expect(await authorizePayerLink({ store, secret, now: t0 + 2 * day, token: createPayerLinkToken(secret, first.id) })).toMatchObject({ ok: false, refusal: 'revoked' });
    expect((await issuePayerLink({ store, now: t0 + 3 * day, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' })).id).toBe(regenerated.link.id);
    expect((await store.listAudit({ workspaceId: 'acme', action: 'portal.' })).map((entry) => [entry.action, entry.actor])).toEqual([['portal.link_regenerate', 'olu@acme.example']]);
    expect((await rejection(regeneratePayerLink({ store, now: t0, workspaceId: 'acme', by: olu, invoiceId: 'NOPE', baseUrl: 'https://plixo.example/', secret }))).code).toBe('not_found');
  });
});

describe('paying', () => {
  it('starts a checkout for the open balance at the processor, and is spent once the processor says it completed', async () => {
    await store.appendEvents('acme', [{ at: t0 - day, type: 'payment', invoiceId: 'INV-1', payload: { amount: '250.00' } }]);
    const grant = await grantFor('INV-1');
    const processor = createFakePaymentProcessor();
    const { redirectTo } = await startPayerPayment({ store, now: t0, grant, processor, returnUrl: 'https://plixo.example/pay/x' });
    expect(redirectTo).toBe('https://plixo.example/pay/x/paid?session=cs_fake_1');
    expect(processor.checkouts[0]).toMatchObject({ amountMinor: 750_00, currency: 'EUR', linkId: grant.link.id, customerEmail: 'ap@northwind.example', locale: 'de-DE', cancelUrl: 'https://plixo.example/pay/x' });
    expect((await store.getPayerLink(grant.link.id))?.checkoutId).toBe('cs_fake_1');
    expect(await completePayerCheckout({ store, now: t0 + 1, workspaceId: 'acme', linkId: grant.link.id, checkoutId: 'cs_fake_1', processor: 'fake' })).toEqual({ spent: true });
    expect(await completePayerCheckout({ store, now: t0 + 2, workspaceId: 'acme', linkId: grant.link.id, checkoutId: 'cs_fake_1', processor: 'fake' })).toEqual({ spent: false });
    expect(await completePayerCheckout({ store, now: t0 + 2, workspaceId: 'other', linkId: grant.link.id, checkoutId: 'cs_fake_1', processor: 'fake' })).toEqual({ spent: false });
    expect(await authorizePayerLink({ store, secret, now: t0 + 3, token: createPayerLinkToken(secret, grant.link.id) })).toMatchObject({ ok: false, refusal: 'spent' });
    // A message after the payment carries a new link: the spent one is superseded.
    expect((await issuePayerLink({ store, now: t0 + 4, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' })).id).not.toBe(grant.link.id);
    expect((await store.listAudit({ workspaceId: 'acme', action: 'portal.' })).map((entry) => entry.action)).toEqual(['portal.checkout_complete', 'portal.checkout_start']);
  });

  it('without a processor, sends the payer to the workspace’s payment address, filled in', async () => {
    const grant = await grantFor('INV-1');
    expect((await rejection(startPayerPayment({ store, now: t0, grant, processor: null, returnUrl: 'https://plixo.example/pay/x' }))).code).toBe('unavailable');
    expect((await rejection(setPortalSettings({ store, now: t0, workspaceId: 'acme', by: olu, paymentUrlTemplate: 'https://pay.example/{invoice}' }))).details?.field).toBe('paymentUrlTemplate');
    expect((await rejection(setPortalSettings({ store, now: t0, workspaceId: 'acme', by: olu, paymentUrlTemplate: 'javascript:alert({amount})' }))).details?.field).toBe('paymentUrlTemplate');
    await setPortalSettings({ store, now: t0, workspaceId: 'acme', by: olu, paymentUrlTemplate: 'https://pay.example/i/{invoice_number}?amount={amount}&cur={currency}' });
    await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-1', number: 'A/7 & B', customerId: 'c1', currency: 'EUR', amountMinor: 1000_00, balanceMinor: 1000_00, dueOn: '2026-11-20', knownAt: t0 - 30 * day })]);
    const renamed = await grantFor('INV-1');
    expect((await startPayerPayment({ store, now: t0, grant: renamed, processor: null, returnUrl: 'https://plixo.example/pay/x' })).redirectTo).toBe('https://pay.example/i/A%2F7%20%26%20B?amount=1000.00&cur=EUR');
  });
});

describe('plans and disputes', () => {
  it('sends a plan above the limit to a Controller, and applies one within it at once', async () => {
    const big = await proposePaymentPlan({ store, now: t0, grant: await grantFor('BIG'), count: 4, firstOn: '2026-12-15', frequency: 'monthly', settings: defaultApprovalSettings, mailer, baseUrl: 'https://plixo.example/' });
    expect(big.request).toMatchObject({ kind: 'payment_plan', status: 'pending', requiredRoles: ['controller'], amountMinor: 80_000_00, requestedBy: 'payer:c1' });
    expect(big.installments.map((installment) => installment.on)).toEqual(['2026-12-15', '2027-01-15', '2027-02-15', '2027-03-15']);
    const small = await proposePaymentPlan({ store, now: t0, grant: await grantFor('INV-1'), count: 2, firstOn: '2026-12-10', frequency: 'biweekly', settings: defaultApprovalSettings, mailer, baseUrl: 'https://plixo.example/' });
    expect(small.request.status).toBe('approved');
    const grant = await grantFor('INV-1');
    expect((await rejection(proposePaymentPlan({ store, now: t0, grant, count: 2, firstOn: '2027-03-01', frequency: 'weekly', settings: defaultApprovalSettings, mailer, baseUrl: '' }))).details?.field).toBe('firstOn');
    expect((await rejection(proposePaymentPlan({ store, now: t0, grant, count: 13, firstOn: '2026-12-10', frequency: 'weekly', settings: defaultApprovalSettings, mailer, baseUrl: '' }))).details?.field).toBe('count');
  });

  it('shows the plan agreed on the invoice with each instalment paid, due or missed, in place of a new proposal while it is kept', async () => {
    await proposePaymentPlan({ store, now: t0, grant: await grantFor('INV-1'), count: 2, firstOn: '2026-12-10', frequency: 'biweekly', settings: defaultApprovalSettings, mailer, baseUrl: 'https://plixo.example/' });
    const viewAt = async (now: number) => loadPayerPortal({ store, now, grant: await grantFor('INV-1', now), hasProcessor: true });
    const kept = await viewAt(t0 + day);
    expect(kept.plan).toEqual({ status: 'active', totalMinor: 1000_00, paidMinor: 0, installments: [{ on: '2026-12-10', amountMinor: 500_00, state: 'due' }, { on: '2026-12-24', amountMinor: 500_00, state: 'due' }] });
    expect(kept.canPlan).toBe(false);
    await store.appendEvents('acme', [{ at: Date.parse('2026-12-10T09:00:00Z'), type: 'payment', invoiceId: 'INV-1', payload: { amount: '500.00' } }]);
    expect((await viewAt(Date.parse('2026-12-20T09:00:00Z'))).plan?.installments.map((installment) => installment.state)).toEqual(['paid', 'due']);
    // Nothing more by the end of Fri 12-25 in Berlin: the second instalment is missed, and a new plan may be proposed.
    const broken = await viewAt(Date.parse('2026-12-26T09:00:00Z'));
    expect([broken.plan?.status, broken.plan?.paidMinor, broken.plan?.installments.map((installment) => installment.state), broken.canPlan]).toEqual(['broken', 500_00, ['paid', 'missed'], true]);
    // The other invoice has no plan.
    expect((await loadPayerPortal({ store, now: t0, grant: await grantFor('BIG'), hasProcessor: true })).plan).toBeNull();
  });

  it('takes up to three PDF, PNG or JPEG files of 2 MB, judged by their bytes', async () => {
    const grant = await grantFor('INV-1');
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
    const field = async (attachments: { filename: string; content: Uint8Array }[]) => (await rejection(openPayerDispute({ store, now: t0, grant, reason: 'pricing', message: 'wrong price', attachments }))).details?.field;
    expect(await field([{ filename: 'a.pdf', content: new Uint8Array(Buffer.from('<html>')) }])).toBe('attachments[0]');
    expect(await field([{ filename: 'a.pdf', content: new Uint8Array(2 * 1024 * 1024 + 1).fill(0x25) }])).toBe('attachments[0]');
    expect(await field([1, 2, 3, 4].map((n) => ({ filename: `${n}.pdf`, content: pdf })))).toBe('attachments');
    expect((await rejection(openPayerDispute({ store, now: t0, grant, reason: 'mood', message: 'x', attachments: [] }))).details?.field).toBe('reason');
    expect((await rejection(openPayerDispute({ store, now: t0, grant, reason: 'pricing', message: '  ', attachments: [] }))).details?.field).toBe('message');
    expect(await store.listDisputes('acme', { limit: 10 })).toEqual([]);
    const dispute = await openPayerDispute({ store, now: t0, grant, reason: 'pricing', message: 'wrong price', attachments: [{ filename: '../../contract.pdf', content: pdf }] });
    expect((await store.listDisputeAttachments('acme', dispute.id)).map((file) => [file.filename, file.contentType])).toEqual([['.._.._contract.pdf', 'application/pdf']]);
  });
});

describe('a fresh link', () => {
  it('goes to the contacts on file that are not suppressed, at most once in ten minutes, and answers the same for an unknown link', async () => {
    await store.suppress('acme', { email: 'gone@northwind.example', reason: 'invalid' });
    const old = await issuePayerLink({ store, now: t0 - 10 * day, workspaceId: 'acme', customerId: 'c1', invoiceId: 'INV-1' });
    const token = createPayerLinkToken(secret, old.id);
    expect(await requestFreshPayerLink({ store, now: t0, token, baseUrl: 'https://plixo.example/', secret })).toBe('sent');
    const [message] = await store.listOutboxMessages('acme', { customerId: 'c1' });
    expect(message).toMatchObject({ status: 'queued', invoiceIds: ['INV-1'], content: { to: ['ap@northwind.example'], subject: 'Ihr Zahlungslink für Rechnung INV-1 von acme' } });
    const current = await store.getCurrentPayerLink('acme', 'INV-1');
    expect(current!.id).not.toBe(old.id);
    expect(message!.content!.text).toContain(payerLinkUrl('https://plixo.example', secret, current!.id));
    expect(await requestFreshPayerLink({ store, now: t0 + 60_000, token, baseUrl: 'https://plixo.example/', secret })).toBe('limited');
    expect(await requestFreshPayerLink({ store, now: t0 + 11 * 60_000, token, baseUrl: 'https://plixo.example/', secret })).toBe('sent');
    expect(await requestFreshPayerLink({ store, now: t0, token: createPayerLinkToken(secret, 'AAAAAAAAAAAAAAAAAAAAAA'), baseUrl: 'https://plixo.example/', secret })).toBe('nothing');
    expect(await store.listOutboxMessages('acme', { customerId: 'c1' })).toHaveLength(2);
  });
});
