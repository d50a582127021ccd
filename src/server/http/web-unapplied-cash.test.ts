// Unapplied Cash end to end in Chromium: `plixo start` on the demo workspace (its standard cadence
// credits up to 500 without approval, a Controller above), with three payments the bank reported
// and nobody applied. An A/R Operator finds one by the payer's name, splits it over two invoices
// with a note and writes the short-paid rest off within the caps; writes off a larger variance,
// which goes to the Controller for approval; and uses a suggestion for a short-pay and records a
// promise for the rest. Each outcome is checked in the store. A Viewer never sees the screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import type { StoredPayment } from '../../app/ports/payment-store.ts';
import type { Store, StoredInvoice } from '../../app/ports/store.ts';
import { demoEmailFor } from '../../app/access/seed-demo-users.ts';
import { demoWorkspaceId } from '../../app/seed-demo-workspace.ts';
import { formatAmount } from '../../core/money/money.ts';
import { browserSkipReason } from '../../testing/launch-test-chromium.ts';
import { startBrowserTestPlixo, type BrowserTestPlixo } from './testing/start-browser-test-plixo.ts';

const skipReason = browserSkipReason('web unapplied cash');
const day = 86_400_000;

describe.skipIf(skipReason !== null)('Unapplied Cash in Chromium', () => {
  let plixo: BrowserTestPlixo;
  let browser: Browser;
  let database: DatabaseHandle;
  let store: Store;
  /** Open invoices in a currency of cents, of customers on the standard cadence, by customer. */
  let byCustomer: StoredInvoice[][];
  const payments: Record<'split' | 'large' | 'promise', { payment: StoredPayment; invoices: StoredInvoice[] }> = {} as never;

  const money = (minor: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
  const record = async (sourceId: string, invoices: StoredInvoice[], amountMinor: number, extra: { payerName?: string; memo?: string } = {}) => {
    const { payment } = await store.recordPayment(demoWorkspaceId, { source: 'api', sourceId, amountMinor, currency: invoices[0]!.currency, receivedAt: Date.now() - day, recordedBy: 'token:bank', ...extra });
    return { payment, invoices };
  };

  beforeAll(async () => {
    plixo = await startBrowserTestPlixo();
    browser = plixo.browser;
    database = openDatabase(plixo.databaseUrl);
    store = createStore(database);
    const standard = new Set((await store.listCustomers(demoWorkspaceId)).filter((customer) => !customer.tags.includes('enterprise')).map((customer) => customer.id));
    const lists = new Map<string, StoredInvoice[]>();
    for (const invoice of await store.pageInvoices(demoWorkspaceId, { limit: 10_000, status: 'open' })) {
      if (!standard.has(invoice.customerId) || invoice.currency === 'JPY' || invoice.balanceMinor < 1000_00) continue;
      lists.set(invoice.customerId, [...(lists.get(invoice.customerId) ?? []), invoice]);
    }
    byCustomer = [...lists.values()];
    const pair = byCustomer.find((list) => list.length >= 2)!;
    const [x, y] = pair;
    // 100.00 short of both invoices' balances: the second is short-paid by 100.00.
    payments.split = await record('BANK-SPLIT-1', [x!, y!], x!.balanceMinor + y!.balanceMinor - 100_00, { payerName: 'Journey Splitter Ltd', memo: 'two invoices, see advice' });
    const others = byCustomer.filter((list) => list !== pair);
    payments.large = await record('BANK-LARGE-1', [others[0]![0]!], others[0]![0]!.balanceMinor - 600_00, { payerName: 'Journey Large Payer' });
    payments.promise = await record('BANK-PROMISE-1', [others[1]![0]!], others[1]![0]!.balanceMinor - 50_00, { payerName: 'Journey Promiser', memo: `Invoice ${others[1]![0]!.number}` });
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await plixo?.close();
  });

  const openScreen = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await plixo.signIn(page, 'operator');
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Unapplied Cash' }).click();
    await page.getByRole('heading', { name: 'Unapplied Cash' }).waitFor();
    return page;
  };
  const rows = (page: Page) => page.getByRole('table', { name: 'Unapplied payments' }).locator('tbody').getByRole('row');
  const search = async (page: Page, text: string) => {
    await page.getByRole('search', { name: 'Search payments' }).getByLabel('Search').fill(text);
    await expect.poll(() => rows(page).count()).toBe(1);
  };
  const addInvoice = async (dialog: ReturnType<Page['getByRole']>, invoice: StoredInvoice, amountMinor: number) => {
    await dialog.getByLabel('Find an invoice').fill(invoice.number);
    await dialog.getByRole('button', { name: `Add invoice ${invoice.number}` }).click();
    await dialog.getByLabel(`Amount for ${invoice.number}`).fill(formatAmount(amountMinor, invoice.currency));
  };

  it('finds a payment by its payer, splits it over two invoices with a note, and writes the short-paid rest off within the caps', async () => {
    const { payment, invoices } = payments.split;
    const [x, y] = invoices as [StoredInvoice, StoredInvoice];
    const page = await openScreen();
    await search(page, 'journey splitter');
    await expect.poll(() => rows(page).first().textContent()).toContain('BANK-SPLIT-1');
    await rows(page).first().getByRole('button', { name: 'Allocate payment BANK-SPLIT-1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Allocate payment BANK-SPLIT-1' });
    await addInvoice(dialog, x, x.balanceMinor);
    await addInvoice(dialog, y, y.balanceMinor - 100_00);
    const line = dialog.getByRole('region', { name: `Line ${y.number}` });
    await line.getByText(`${money(100_00, y.currency)} of ${y.number} stays open`).waitFor();
    // The invoice paid in full asks nothing.
    expect(await dialog.getByRole('region', { name: `Line ${x.number}` }).getByRole('radio').count()).toBe(0);
    await line.getByRole('radio', { name: 'Write off the variance' }).check();
    await dialog.getByLabel('Note').fill('split per remittance advice 4711');
    await expect.poll(() => dialog.getByLabel('Allocation total').textContent()).toContain(`${money(0, y.currency)} left unapplied`);
    await dialog.getByRole('button', { name: 'Allocate', exact: true }).click();
    const done = page.getByRole('status');
    await done.getByText(`${y.number}: ${money(100_00, y.currency)} left, written off within the credit caps.`).waitFor();
    await expect.poll(() => rows(page).count()).toBe(0);

    expect((await store.listPaymentAllocations(demoWorkspaceId, { paymentIds: [payment.id] })).map((allocation) => [allocation.invoiceId, allocation.amountMinor, allocation.note, allocation.by])).toEqual([
      [x.id, x.balanceMinor, 'split per remittance advice 4711', demoEmailFor('operator')],
      [y.id, y.balanceMinor - 100_00, 'split per remittance advice 4711', demoEmailFor('operator')],
    ]);
    expect((await store.listEvents(demoWorkspaceId, { customerId: y.customerId })).filter((event) => event.type === 'credit').map((event) => [event.invoiceId, event.payload.amount])).toEqual([[y.id, '100.00']]);
    const [audit] = await store.listAudit({ workspaceId: demoWorkspaceId, action: 'payment.short_pay' });
    expect(audit).toMatchObject({ subject: `invoice ${y.number} short-paid by payment ${payment.id} (api BANK-SPLIT-1)`, detail: { after: { resolution: 'write_off', approvalStatus: 'approved' } } });
    await page.close();
  }, 120_000);

  it('sends a write-off above the caps to the Controller for approval', async () => {
    const { payment, invoices } = payments.large;
    const [z] = invoices as [StoredInvoice];
    const page = await openScreen();
    await search(page, 'Journey Large');
    await rows(page).first().getByRole('button', { name: 'Allocate payment BANK-LARGE-1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Allocate payment BANK-LARGE-1' });
    await addInvoice(dialog, z, payment.amountMinor);
    const line = dialog.getByRole('region', { name: `Line ${z.number}` });
    await line.getByRole('radio', { name: 'Write off the variance' }).check();
    await line.getByLabel('Why the variance is accepted').fill('freight damage agreed with the customer');
    await dialog.getByRole('button', { name: 'Allocate', exact: true }).click();
    await page.getByRole('status').getByText(`${z.number}: ${money(600_00, z.currency)} left, write-off sent for approval (controller).`).waitFor();

    const [request] = await store.listApprovalRequests(demoWorkspaceId, { invoiceId: z.id, limit: 5 });
    expect(request).toMatchObject({ kind: 'credit', status: 'pending', amountMinor: 600_00, requiredRoles: ['controller'], reason: 'freight damage agreed with the customer' });
    expect((await store.listEvents(demoWorkspaceId, { customerId: z.customerId })).filter((event) => event.type === 'credit' && event.invoiceId === z.id)).toEqual([]);
    await page.close();
  }, 120_000);

  it('uses a suggestion for a short-pay and records a promise for the rest', async () => {
    const { payment, invoices } = payments.promise;
    const [w] = invoices as [StoredInvoice];
    const on = new Date(Date.now() + 20 * day).toISOString().slice(0, 10);
    const page = await openScreen();
    await search(page, 'promiser');
    await expect.poll(() => rows(page).first().textContent()).toContain(w.number);
    await rows(page).first().getByRole('button', { name: 'Allocate payment BANK-PROMISE-1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Allocate payment BANK-PROMISE-1' });
    const suggestions = dialog.getByRole('region', { name: 'Suggestions' });
    await suggestions.getByText(`the memo names invoice ${w.number} (+60)`).waitFor();
    await suggestions.getByRole('button', { name: `Use suggestion ${w.number}` }).click();
    await expect.poll(() => dialog.getByLabel(`Amount for ${w.number}`).inputValue()).toBe(formatAmount(payment.amountMinor, w.currency));
    const line = dialog.getByRole('region', { name: `Line ${w.number}` });
    await line.getByRole('radio', { name: 'Promise for the rest' }).check();
    // Allocate without the date: the field says what is missing, and nothing is allocated.
    await dialog.getByRole('button', { name: 'Allocate', exact: true }).click();
    await line.getByText('needs the date').waitFor();
    expect(await store.listPaymentAllocations(demoWorkspaceId, { paymentIds: [payment.id] })).toEqual([]);
    await line.getByLabel('Promised for').fill(on);
    await dialog.getByRole('button', { name: 'Allocate', exact: true }).click();
    await page.getByRole('status').getByText(`${w.number}: ${money(50_00, w.currency)} left, promised for ${on}.`).waitFor();

    expect((await store.listEvents(demoWorkspaceId, { customerId: w.customerId })).filter((event) => event.type === 'promise').map((event) => [event.invoiceId, event.payload])).toEqual([[w.id, { amount: '50.00', on }]]);
    expect((await store.getPayment(demoWorkspaceId, payment.id))?.status).toBe('applied');
    await page.close();
  }, 120_000);

  it('never shows a Viewer the screen, and tells them why when they type its address', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await plixo.signIn(page, 'viewer');
    const navigation = page.getByRole('navigation', { name: 'Screens' });
    await navigation.getByRole('link', { name: 'Invoices' }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Unapplied Cash' }).count()).toBe(0);
    await page.goto(page.url().replace(/\/queue$/, '/unapplied'));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Your role (viewer) cannot allocate payments');
    expect(await page.getByRole('table', { name: 'Unapplied payments' }).count()).toBe(0);
    await page.close();
  }, 60_000);
});
