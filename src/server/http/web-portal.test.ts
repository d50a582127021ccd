// The payer portal end to end in Chromium: `plixo start` on the demo workspace with a fake payment
// processor. A payer pays, promises and disputes (with a file) from the link of a message, proposes
// a payment plan, reads the page in German, and is refused with a helpful page for an expired, a
// spent (reused), an altered and a regenerated link, from which they ask for a fresh one by email.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { Store, StoredInvoice } from '../../app/ports/store.ts';
import { completePayerCheckout } from '../../app/portal/complete-payer-checkout.ts';
import { payerLinkUrl } from '../../app/portal/create-payer-links.ts';
import { issuePayerLink } from '../../app/portal/issue-payer-link.ts';
import { newPayerLinkId } from '../../app/portal/payer-link-token.ts';
import { regeneratePayerLink } from '../../app/portal/regenerate-payer-link.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { createFakePaymentProcessor } from '../../app/testing/fake-payment-processor.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web portal');
const secret = 'a-browser-test-secret-of-32-characters-or-more';
const day = 86_400_000;

describe.skipIf(skipReason !== null)('the payer portal in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;
  const processor = createFakePaymentProcessor();
  /** Open invoices of customers with at least two, one per test so none sees another's changes. */
  let invoices: StoredInvoice[];

  const linkFor = async (invoice: StoredInvoice) => payerLinkUrl(plixo.url, secret, (await issuePayerLink({ store, now: Date.now(), workspaceId: demoWorkspaceId, customerId: invoice.customerId, invoiceId: invoice.id })).id);
  const take = () => invoices.shift()!;
  const open = async (url: string): Promise<{ page: Page; status: number }> => {
    const page = await browser.newPage();
    const response = await page.goto(url);
    return { page, status: response!.status() };
  };

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo({ env: { PLIXO_SECRET: secret }, options: { paymentProcessor: processor } });
    browser = plixo.browser;
    database = openDatabase(plixo.databaseUrl);
    store = createStore(database);
    const all = await store.pageInvoices(demoWorkspaceId, { limit: 10_000, status: 'open' });
    const perCustomer = new Map<string, StoredInvoice[]>();
    for (const invoice of all) perCustomer.set(invoice.customerId, [...(perCustomer.get(invoice.customerId) ?? []), invoice]);
    // One invoice per customer, so each test's customer is its own.
    invoices = [...perCustomer.values()].filter((list) => list.length >= 2).map((list) => list[0]!);
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
  });

  it('pays: shows the invoice and the other open ones, sends the payer to the checkout, and refuses the link once the payment completed', async () => {
    const invoice = take();
    const url = await linkFor(invoice);
    const { page, status } = await open(url);
    expect(status).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: `Invoice ${invoice.number}` }).waitFor();
    const others = (await store.pageInvoices(demoWorkspaceId, { limit: 100, status: 'open', customerId: invoice.customerId })).filter((other) => other.id !== invoice.id);
    const table = page.getByRole('table');
    for (const other of others) await table.getByRole('rowheader', { name: other.number }).waitFor();
    const due = new Intl.NumberFormat('en-US', { style: 'currency', currency: invoice.currency }).format(invoice.balanceMinor / 100);
    await page.getByRole('button', { name: `Pay ${due}` }).click();
    await page.getByText('Your payment is being processed').waitFor();
    expect(page.url()).toMatch(/\/paid\?session=cs_fake_1$/);
    expect(processor.checkouts[0]).toMatchObject({ workspaceId: demoWorkspaceId, invoiceId: invoice.id, amountMinor: invoice.balanceMinor, currency: invoice.currency, successUrl: `${url}/paid`, cancelUrl: url });
    expect((await store.listAudit({ workspaceId: demoWorkspaceId, action: 'portal.checkout_start' }))[0]).toMatchObject({ subject: `invoice ${invoice.number}` });

    // The processor's webhook: the link is spent, and opening it again is refused.
    expect(await completePayerCheckout({ store, now: Date.now(), workspaceId: demoWorkspaceId, linkId: processor.checkouts[0]!.linkId, checkoutId: 'cs_fake_1', processor: 'fake' })).toEqual({ spent: true });
    const again = await open(url);
    expect(again.status).toBe(410);
    await again.page.getByRole('heading', { level: 1, name: 'This link was used for a payment' }).waitFor();
    // The thank-you page still answers after the payment.
    expect((await open(`${url}/paid`)).status).toBe(200);

    // A fresh link goes to the customer's contacts on file, once; a second ask is held back.
    await again.page.getByRole('button', { name: 'Email me a fresh link' }).click();
    await again.page.getByText('we have sent a fresh one to the email addresses we have on file').waitFor();
    const outbox = (await store.listOutboxMessages(demoWorkspaceId, { customerId: invoice.customerId })).filter((message) => message.key.startsWith(`payer-link/${invoice.id}/`));
    const contacts = (await store.listContacts(demoWorkspaceId, { customerIds: [invoice.customerId] })).map((contact) => contact.email);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.content!.to).toEqual(contacts);
    const fresh = /https?:\/\/\S+\/pay\/[\w-]+\.[\w-]+/.exec(outbox[0]!.content!.text)![0];
    expect(fresh).not.toBe(url);
    expect((await open(fresh)).status).toBe(200);
    const retry = await open(url);
    await retry.page.getByRole('button', { name: 'Email me a fresh link' }).click();
    await retry.page.getByText('A fresh link was sent recently').waitFor();
  });

  it('records a promise through the queue’s promise use case, after showing what was wrong with the first try', async () => {
    const invoice = take();
    const { page } = await open(await linkFor(invoice));
    const promise = page.getByRole('region', { name: 'Promise to pay' });
    await promise.getByLabel(/^Amount/).fill('0');
    await promise.getByRole('button', { name: 'Send promise' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    // The summary has the focus, and its link leads to the field.
    expect(await page.evaluate("document.activeElement?.classList.contains('error-summary')")).toBe(true);
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#promise-amount');
    expect(await page.getByLabel(/^Amount/).getAttribute('aria-invalid')).toBe('true');

    const on = new Date(Date.now() + 10 * day).toISOString().slice(0, 10);
    await page.getByLabel(/^Amount/).fill('100,50');
    await page.getByLabel('Pay by (date)').fill(on);
    await page.getByLabel('Your name (optional)').fill('Ana Buyer');
    await page.getByRole('button', { name: 'Send promise' }).click();
    await page.getByRole('status').getByText('We have noted your promise to pay').waitFor();
    const events = (await store.listEvents(demoWorkspaceId, { customerId: invoice.customerId })).filter((event) => event.type === 'promise');
    expect(events.map((event) => [event.invoiceId, event.payload])).toEqual([[invoice.id, { amount: '100.50', on }]]);
    const [audit] = await store.listAudit({ workspaceId: demoWorkspaceId, action: 'promise.record' });
    expect(audit).toMatchObject({ actor: `payer:${invoice.customerId}`, subject: `promise on invoice ${invoice.number}` });
  });

  it('opens a dispute with a reason, a message and a file, refusing a file that is not a PDF, PNG or JPEG', async () => {
    const invoice = take();
    const { page } = await open(await linkFor(invoice));
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await page.getByLabel('Reason').selectOption({ label: 'Damaged or faulty goods or service' });
    await page.getByLabel('What is wrong?').fill('Two pallets arrived broken.');
    await page.getByLabel(/^Documents/).setInputFiles([{ name: 'notes.txt', mimeType: 'image/png', buffer: Buffer.from('not an image') }]);
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await page.getByRole('alert').getByRole('link', { name: /PDF, PNG or JPEG/ }).waitFor();
    // What was typed is kept.
    expect(await page.getByLabel('What is wrong?').inputValue()).toBe('Two pallets arrived broken.');
    await page.getByLabel(/^Documents/).setInputFiles([{ name: 'pallet.png', mimeType: 'image/png', buffer: png }]);
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await page.getByRole('status').getByText('Your dispute is open').waitFor();
    await page.getByText('This invoice is in dispute').waitFor();
    const [dispute] = await store.listDisputes(demoWorkspaceId, { invoiceId: invoice.id, limit: 5 });
    expect(dispute).toMatchObject({ reason: 'quality', description: 'Two pallets arrived broken.', openedBy: `payer:${invoice.customerId}` });
    const [file] = await store.listDisputeAttachments(demoWorkspaceId, dispute!.id);
    expect(file).toMatchObject({ filename: 'pallet.png', contentType: 'image/png', sizeBytes: png.length });
    expect(Buffer.from((await store.getDisputeAttachmentContent(demoWorkspaceId, dispute!.id, file!.id))!.content)).toEqual(png);
  });

  it('shows a payment plan’s schedule before sending it to the approvals queue', async () => {
    const invoice = take();
    const { page } = await open(await linkFor(invoice));
    const first = new Date(Date.now() + 5 * day).toISOString().slice(0, 10);
    await page.getByLabel('Number of instalments').fill('3');
    await page.getByLabel('First payment on').fill(first);
    await page.getByLabel('Frequency').selectOption('weekly');
    await page.getByRole('button', { name: 'Show the schedule' }).click();
    const schedule = page.getByRole('table', { name: 'Your proposed schedule' });
    await schedule.waitFor();
    expect(await schedule.locator('tbody tr').count()).toBe(3);
    await page.getByRole('button', { name: 'Send this plan' }).click();
    await page.getByRole('status').getByText(/Your plan (is accepted|was sent for approval)/).waitFor();
    const requests = await store.listApprovalRequests(demoWorkspaceId, { invoiceId: invoice.id, limit: 10 });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ kind: 'payment_plan', amountMinor: invoice.balanceMinor, requestedBy: `payer:${invoice.customerId}` });
    expect((requests[0]!.detail.installments as { on: string }[]).map((installment) => installment.on)[0]).toBe(first);
    // Approved at once (within the plan limit), the page shows the plan with each instalment due
    // and offers no second one; waiting for a Controller, it shows no plan yet.
    const plan = page.getByRole('table', { name: 'Your payment plan' });
    if (requests[0]!.status === 'approved') {
      await plan.waitFor();
      expect(await plan.locator('tbody tr').allInnerTexts()).toHaveLength(3);
      expect((await plan.locator('tbody tr td:last-child').allInnerTexts()).map((text) => text.trim())).toEqual(['Due', 'Due', 'Due']);
      expect(await page.getByRole('heading', { name: 'Propose a payment plan' }).count()).toBe(0);
    } else {
      expect(await plan.count()).toBe(0);
    }
  });

  it('speaks the customer’s language, with money and dates in their locale', async () => {
    const invoice = take();
    const [customer] = await store.listCustomers(demoWorkspaceId, { ids: [invoice.customerId] });
    await store.upsertCustomers(demoWorkspaceId, [{ ...customer!, locale: 'de-DE' }]);
    const { page } = await open(await linkFor(invoice));
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('heading', { level: 1, name: `Rechnung ${invoice.number}` }).waitFor();
    const money = new Intl.NumberFormat('de-DE', { style: 'currency', currency: invoice.currency }).format(invoice.balanceMinor / 100);
    await page.getByRole('button', { name: `${money} bezahlen` }).waitFor();
    await page.getByLabel('Zahlung bis (Datum)').waitFor();
  });

  it('refuses expired, altered and regenerated links with a page that says what happened', async () => {
    const [expiredInvoice, revokedInvoice] = [take(), take()];
    const old = await store.createPayerLink(demoWorkspaceId, { id: newPayerLinkId(), invoiceId: expiredInvoice.id, customerId: expiredInvoice.customerId, createdAt: Date.now() - 8 * day });
    const expired = await open(payerLinkUrl(plixo.url, secret, old.id));
    expect(expired.status).toBe(410);
    await expired.page.getByRole('heading', { level: 1, name: 'This link has expired' }).waitFor();
    await expired.page.getByRole('button', { name: 'Email me a fresh link' }).waitFor();

    const good = await linkFor(revokedInvoice);
    const altered = await open(`${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(altered.status).toBe(404);
    await altered.page.getByRole('heading', { level: 1, name: 'This link is not valid' }).waitFor();

    await regeneratePayerLink({ store, now: Date.now(), workspaceId: demoWorkspaceId, by: { kind: 'user', id: 'u', label: 'olu@acme.example', role: 'operator' }, invoiceId: revokedInvoice.id, baseUrl: plixo.url, secret });
    const revoked = await open(good);
    expect(revoked.status).toBe(410);
    await revoked.page.getByRole('heading', { level: 1, name: 'This link was replaced' }).waitFor();
    // A form posted from another page of no link is refused.
    const forged = await fetch(`${good}/promise`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=1&on=2099-01-01&form=x' });
    expect(forged.status).toBe(410);
  });
});
