import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings } from '../../../app/access/access-settings.ts';
import { startSession } from '../../../app/access/start-session.ts';
import type { Store } from '../../../app/ports/store.ts';
import { buildCustomer, buildInvoice } from '../../../app/testing/build-store-inputs.ts';
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { addTestMember, startApiTestServer, type ApiTestServer } from './testing/start-api-test-server.ts';

// The policy editor's live help over HTTP: the linter on unsaved files, a template rendered for a
// real invoice of the organisation, and a test sent to the person editing (never the customer).

const now = Date.UTC(2026, 11, 2, 12);
const template = (subject: string) => `kind: Template\nname: reminder\nsubject:\n  neutral: "${subject}"\n  formal: "Formal notice: invoice {invoice_number}"\nbody: |\n  Hi {contact_name},\n\n  Please pay {invoice_balance} here: {pay_link}\n`;
const cadence = 'kind: Cadence\nname: standard\ntone: neutral\nsteps:\n  - id: due\n    day: 0\n    template: reminder\n    attach: [statement]\n';

let server: ApiTestServer;
let store: Store;
let app: FastifyInstance;
const sessions: Record<string, { token: string; csrfToken: string }> = {};

beforeAll(async () => {
  server = await startApiTestServer({ now });
  ({ store, app } = server);
  await store.upsertWorkspace({ id: 'acme', name: 'Acme', timeZone: 'UTC', locale: 'en-US', currency: 'USD' });
  await store.upsertCustomers('acme', [buildCustomer({ id: 'c1', name: 'Berlin Works', locale: 'de-DE' })]);
  await store.upsertInvoices('acme', [buildInvoice({ id: 'INV-7', number: 'INV-7', customerId: 'c1', issuedOn: '2026-11-01', dueOn: '2026-12-01', amountMinor: 120_050, balanceMinor: 120_050, currency: 'EUR', knownAt: now - 86_400_000 })]);
  for (const role of ['ar_manager', 'operator'] as const) {
    await addTestMember(store, { workspaceId: 'acme', id: `u-${role}`, email: `${role}@acme.example`, role, createdAt: now });
    sessions[role] = await startSession({ store, userId: `u-${role}`, now, settings: defaultAccessSettings });
  }
});
afterAll(async () => {
  await server.close();
});

const post = (role: string, url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: { cookie: `plixo_session=${sessions[role]!.token}`, 'x-csrf-token': sessions[role]!.csrfToken }, payload });

describe('the policy editor’s live help', () => {
  it('lints unsaved files with file, line and column, and lists the merge tags', async () => {
    const response = await post('operator', '/api/orgs/acme/policy/lint', { files: buildPolicyFiles({ 'templates.yaml': template('Invoice {invoice_numbr} is due') }) });
    expect(response.statusCode).toBe(200);
    const [issue] = response.json().issues;
    expect(issue).toMatchObject({ file: 'templates.yaml', line: 4, severity: 'error' });
    expect(issue.message).toContain('invoice_number');
    expect(response.json().mergeTags).toEqual(expect.arrayContaining(['invoice_number', 'pay_link', 'invoice_balance']));
  });

  it('renders a template for a real invoice in the customer’s locale, per tone, with the attachments its step adds', async () => {
    const files = buildPolicyFiles({ 'cadence.yaml': cadence, 'templates.yaml': template('Invoice {invoice_number}: {invoice_balance}') });
    const neutral = await post('operator', '/api/orgs/acme/policy/template-preview', { files, template: 'reminder' });
    expect(neutral.statusCode).toBe(200);
    expect(neutral.json()).toMatchObject({ invoiceId: 'INV-7', customerName: 'Berlin Works', to: ['ap@acme.example'] });
    // 1,200.50 EUR in de-DE reads 1.200,50 € (the spec's example; Intl puts a no-break space before €).
    const amount = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1200.5);
    expect(amount.replace(/\s/g, ' ')).toBe('1.200,50 €');
    expect(neutral.json().subject).toBe(`Invoice INV-7: ${amount}`);
    expect(neutral.json().text).toContain('Hi Ana');
    expect(neutral.json().html).toContain('1.200,50');
    expect(neutral.json().attachments).toHaveLength(1);
    expect(neutral.json().attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(neutral.json().attachments[0].bytes).toBeGreaterThan(500);

    const formal = await post('operator', '/api/orgs/acme/policy/template-preview', { files, template: 'reminder', tone: 'formal', invoiceId: 'INV-7' });
    expect(formal.json().subject).toBe('Formal notice: invoice INV-7');
    expect(server.mail).toHaveLength(0);
  });

  it('names the field when the files have errors, the template is missing or the invoice is unknown', async () => {
    const broken = await post('operator', '/api/orgs/acme/policy/template-preview', { files: buildPolicyFiles({ 'templates.yaml': template('Invoice {nope}') }), template: 'reminder' });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error).toMatchObject({ field: 'files' });
    expect(broken.json().error.message).toContain('templates.yaml:4');
    const missing = await post('operator', '/api/orgs/acme/policy/template-preview', { files: buildPolicyFiles({}), template: 'overdue' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ field: 'template' });
    expect(missing.json().error.message).toContain('reminder');
    const unknown = await post('operator', '/api/orgs/acme/policy/template-preview', { files: buildPolicyFiles({}), template: 'reminder', invoiceId: 'INV-404' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ field: 'invoiceId' });
  });

  it('sends a test to the person asking, marked as a test, and records it; an operator (no policy.edit) cannot', async () => {
    const files = buildPolicyFiles({ 'templates.yaml': template('Invoice {invoice_number} is due') });
    const refused = await post('operator', '/api/orgs/acme/policy/template-test', { files, template: 'reminder' });
    expect(refused.statusCode).toBe(403);
    const sent = await post('ar_manager', '/api/orgs/acme/policy/template-test', { files, template: 'reminder' });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().sentTo).toBe('ar_manager@acme.example');
    expect(server.mail.map((mail) => [mail.to, mail.subject])).toEqual([['ar_manager@acme.example', '[Test] Invoice INV-7 is due']]);
    const audit = await store.listAudit({ workspaceId: 'acme', action: 'template.test_sent' });
    expect(audit.map((entry) => [entry.actor, entry.subject])).toEqual([['ar_manager@acme.example', 'template reminder']]);
  });
});
