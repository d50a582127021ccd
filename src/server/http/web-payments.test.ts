// Payment settings and the payer side of an invoice end to end in Chromium: `plixo start` on the
// demo workspace, Stripe's API played by a local HTTP server (this machine reaches no processor).
// A Controller sets up Stripe (a wrong key first) and sees the keys masked, tests the connection
// and removes it; sets an invalid, then a valid payment address with its preview; an operator
// regenerates an invoice's payer link and the old link is refused at /pay/<old token>; a viewer
// downloads a file a payer attached to a dispute.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecret, secretPathFor } from '../../adapters/files/read-secret.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { demoEmailFor } from '../../app/access/seed-demo-users.ts';
import type { Store, StoredInvoice } from '../../app/ports/store.ts';
import { issuePayerLink } from '../../app/portal/issue-payer-link.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web payments');
const secretKey = 'sk_test_51PlixoBrowserKeyMnOp';
const webhookSecret = 'whsec_plixobrowsersecret0123456789cdef';
const day = 86_400_000;

describe.skipIf(skipReason !== null)('payment settings and payer links in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;
  let stripe: Server;
  const stripeCalls: string[] = [];
  /** Open invoices, one per test, so none sees another's changes. */
  let invoices: StoredInvoice[];
  const take = () => invoices.shift()!;

  const open = async (role: string, path: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await plixo.signIn(page, role);
    if (path) await page.goto(`${plixo.url}${path}`);
    return page;
  };

  beforeAll(async () => {
    stripe = createServer((request, response) => {
      stripeCalls.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ object: 'balance', livemode: false, available: [], pending: [] }));
    });
    await new Promise<void>((resolve) => stripe.listen(0, '127.0.0.1', resolve));
    const port = (stripe.address() as AddressInfo).port;
    plixo = await startBrowserTestPlixo({ options: { stripe: { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 } } });
    browser = plixo.browser;
    database = openDatabase(plixo.databaseUrl);
    // The server's own instance secret, which encrypts the connector keys it stores.
    store = createStore(database, { secret: await readSecret({}, secretPathFor(plixo.databaseUrl)) });
    invoices = await store.pageInvoices(demoWorkspaceId, { limit: 20, status: 'open' });
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
    await new Promise((resolve) => stripe?.close(resolve));
  });

  it('sets up Stripe after refusing a wrong key, shows the keys masked, tests the connection and removes it', async () => {
    const page = await open('controller', '');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Payment settings' }).click();
    await page.getByRole('heading', { level: 2, name: 'Payment settings' }).waitFor();
    const card = page.getByRole('region', { name: 'Stripe' });
    // The address to paste into Stripe's dashboard is there before anything is set up.
    await card.getByText(`${plixo.url}webhooks/stripe/${demoWorkspaceId}`, { exact: true }).waitFor();
    await card.getByText('Not set up').waitFor();

    await card.getByRole('button', { name: 'Set up Stripe' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up the Stripe keys' });
    await dialog.getByLabel('Secret key').fill('pk_test_publishable');
    await dialog.getByLabel(/^Webhook signing secret/).fill(webhookSecret);
    await dialog.getByRole('button', { name: 'Save keys' }).click();
    await expect.poll(() => dialog.getByLabel('Secret key').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText(/secretKey: expected a Stripe secret or restricted key/).waitFor();
    expect(await store.getPaymentConnector(demoWorkspaceId, 'stripe')).toBeNull();

    await dialog.getByLabel('Secret key').fill(secretKey);
    await dialog.getByRole('button', { name: 'Save keys' }).click();
    await card.getByRole('status').getByText(/^Saved\./).waitFor();
    expect(await dialog.count()).toBe(0);
    const keys = card.getByRole('table', { name: 'Keys of Stripe' });
    await keys.getByText('sk_test_…MnOp', { exact: true }).waitFor();
    await keys.getByText('whsec_…cdef', { exact: true }).waitFor();
    await keys.getByText(`by ${demoEmailFor('controller')}`, { exact: false }).waitFor();
    const html = await page.content();
    expect(html).not.toContain(secretKey);
    expect(html).not.toContain(webhookSecret);
    expect(await store.getPaymentConnector(demoWorkspaceId, 'stripe')).toMatchObject({ secretKey, webhookSecret, setBy: demoEmailFor('controller') });

    stripeCalls.length = 0;
    await card.getByRole('button', { name: 'Test connection' }).click();
    const results = card.getByRole('list', { name: 'Test results' });
    await results.getByText(/Secret key: Stripe accepted the key \(test mode\)/).waitFor();
    await results.getByText(/Webhook secret: .*no delivery has verified with it yet/).waitFor();
    expect(stripeCalls).toEqual([`GET /v1/balance Bearer ${secretKey}`]);

    // With Stripe taking payments, the payment address is said to be unused.
    await page.getByRole('region', { name: 'Payment address' }).getByText(/Stripe takes the payments now/).waitFor();

    await card.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove the Stripe connector' });
    await confirm.getByRole('button', { name: 'Remove connector' }).click();
    await card.getByText('Not set up').waitFor();
    expect(await store.getPaymentConnector(demoWorkspaceId, 'stripe')).toBeNull();
    expect((await store.listAudit({ workspaceId: demoWorkspaceId, action: 'connector.' })).map((entry) => [entry.action, entry.actor])).toEqual([
      ['connector.remove', demoEmailFor('controller')],
      ['connector.set', demoEmailFor('controller')],
    ]);
    await page.close();
  }, 120_000);

  it('shows why a payment address is refused under its field, then previews and saves a valid one', async () => {
    const page = await open('billing_admin', `orgs/${demoWorkspaceId}/settings/payments`);
    const section = page.getByRole('region', { name: 'Payment address' });
    const field = section.getByLabel(/^Payment address template/);
    await field.fill('https://pay.example/{invoice}');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await section.getByText('paymentUrlTemplate: {invoice} is not a placeholder; use {invoice_number}, {amount}, {currency}').waitFor();
    expect(await section.getByRole('region', { name: 'Preview' }).count()).toBe(0);

    await field.fill('https://pay.example/i/{invoice_number}?amount={amount}&cur={currency}');
    await expect.poll(() => field.getAttribute('aria-invalid')).not.toBe('true');
    const [first] = await store.pageInvoices(demoWorkspaceId, { limit: 1, status: 'open' });
    const preview = section.getByRole('region', { name: 'Preview' });
    await preview.getByText(`For invoice ${first!.number} (`, { exact: false }).waitFor();
    const address = await preview.getByLabel('Preview address').textContent();
    expect(address).toMatch(new RegExp(`^https://pay\\.example/i/${encodeURIComponent(first!.number)}\\?amount=\\d+(\\.\\d+)?&cur=${first!.currency}$`));

    await section.getByRole('button', { name: 'Save address' }).click();
    await section.getByRole('status').getByText(/^Payment address saved/).waitFor();
    expect((await store.getPortalSettings(demoWorkspaceId)).paymentUrlTemplate).toBe('https://pay.example/i/{invoice_number}?amount={amount}&cur={currency}');
    expect((await store.listAudit({ workspaceId: demoWorkspaceId, action: 'portal.settings' }))[0]).toMatchObject({ actor: demoEmailFor('billing_admin') });

    // An operator is not offered the screen, and is told so at its address.
    const operator = await open('operator', `orgs/${demoWorkspaceId}/settings/payments`);
    await operator.getByRole('alert').getByText(/cannot manage payment settings/).waitFor();
    expect(await operator.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Payment settings' }).count()).toBe(0);
    await operator.close();
    await page.close();
  }, 120_000);

  it('regenerates an invoice’s payer link: the old link is refused at /pay/<old token>, the new one opens', async () => {
    const invoice = take();
    await issuePayerLink({ store, now: Date.now() - day, workspaceId: demoWorkspaceId, customerId: invoice.customerId, invoiceId: invoice.id });
    const page = await open('operator', `orgs/${demoWorkspaceId}/invoices?invoice=${encodeURIComponent(invoice.id)}`);
    const drawer = page.getByRole('dialog', { name: new RegExp(`^Invoice ${invoice.number} `) });
    const link = drawer.getByRole('region', { name: 'Payer link' });
    await link.getByText('Active', { exact: true }).waitFor();
    await link.getByText(/expires .+ unless used again/).waitFor();
    const oldUrl = (await link.getByLabel('Payer link address').textContent())!;
    expect(oldUrl.startsWith(`${plixo.url}pay/`)).toBe(true);
    expect((await fetch(oldUrl)).status).toBe(200);

    await link.getByRole('button', { name: 'Regenerate link' }).click();
    const confirm = page.getByRole('dialog', { name: `Regenerate the payer link of ${invoice.number}` });
    await confirm.getByText(/stops working at once/).waitFor();
    await confirm.getByRole('button', { name: 'Regenerate link' }).click();
    await link.getByRole('status').getByText(/the old one no longer opens/).waitFor();
    await expect.poll(() => link.getByLabel('Payer link address').textContent()).not.toBe(oldUrl);
    const newUrl = (await link.getByLabel('Payer link address').textContent())!;

    const old = await browser.newPage();
    const refused = await old.goto(oldUrl);
    expect(refused!.status()).toBe(410);
    await old.getByRole('heading', { level: 1, name: 'This link was replaced' }).waitFor();
    expect((await (await browser.newPage()).goto(newUrl))!.status()).toBe(200);
    expect((await store.listAudit({ workspaceId: demoWorkspaceId, action: 'portal.link_regenerate' }))[0]).toMatchObject({ actor: demoEmailFor('operator'), subject: `invoice ${invoice.number}` });
    await page.close();
  }, 120_000);

  it('downloads the file a payer attached to a dispute, under a safe name, with the bytes they sent', async () => {
    const invoice = take();
    const pdf = Buffer.from('%PDF-1.4\n% a delivery note\n%%EOF\n');
    const dispute = await store.createDispute(demoWorkspaceId, { invoiceId: invoice.id, customerId: invoice.customerId, reason: 'quality', description: 'Two pallets arrived broken.', owner: null, openedBy: `payer:${invoice.customerId}`, openedAt: Date.now(), dueAt: Date.now() + 5 * day, atRiskAt: Date.now() + 4 * day });
    await store.addDisputeAttachments(demoWorkspaceId, dispute.id, [{ filename: 'Lieferschein "März".pdf', contentType: 'application/pdf', content: pdf }], Date.now());

    const page = await open('viewer', `orgs/${demoWorkspaceId}/invoices?invoice=${encodeURIComponent(invoice.id)}`);
    const drawer = page.getByRole('dialog', { name: new RegExp(`^Invoice ${invoice.number} `) });
    const disputes = drawer.getByRole('region', { name: 'Disputes' });
    await disputes.getByText('Damaged or faulty goods or service').waitFor();
    await disputes.getByText(/by the payer, from the payer portal/).waitFor();
    await disputes.getByText('Two pallets arrived broken.').waitFor();
    // A viewer reads disputes but does not work payer links.
    expect(await drawer.getByRole('region', { name: 'Payer link' }).count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), disputes.getByRole('link', { name: 'Download Lieferschein "März".pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('Lieferschein _März_.pdf');
    expect(await readFile((await download.path())!)).toEqual(pdf);
    await page.close();
  }, 120_000);
});
