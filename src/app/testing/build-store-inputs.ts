// Builders for Store inputs: a valid record by default, overrides for what a test is about.
import type {
  CustomerInput,
  EngineActionInput,
  EventInput,
  InvoiceInput,
  PolicyVersionInput,
  WorkspaceInput,
} from '../ports/store.ts';
import { messageIdFor } from '../ports/mailer.ts';
import type { OutboxMessageInput } from '../ports/outbox-store.ts';
import type { PaymentInput } from '../ports/payment-store.ts';

export function buildWorkspace(overrides: Partial<WorkspaceInput> = {}): WorkspaceInput {
  return { id: 'acme', name: 'Acme Corp', timeZone: 'America/New_York', locale: 'en-US', currency: 'USD', ...overrides };
}

export function buildCustomer(overrides: Partial<CustomerInput> = {}): CustomerInput {
  return {
    id: 'c1',
    name: 'Acme GmbH',
    timeZone: 'Europe/Berlin',
    locale: 'de-DE',
    tags: ['smb'],
    region: 'EU',
    industry: 'manufacturing',
    score: 72.5,
    tier: 'gold',
    contacts: [{ email: 'ap@acme.example', name: 'Ana', role: 'ap', isPrimary: true }],
    ...overrides,
  };
}

export function buildInvoice(overrides: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    id: 'INV-1',
    customerId: 'c1',
    number: 'INV-1',
    issuedOn: '2024-03-01',
    dueOn: '2024-03-31',
    amountMinor: 120_000,
    balanceMinor: 120_000,
    currency: 'EUR',
    knownAt: Date.UTC(2024, 2, 1),
    status: 'open',
    ...overrides,
  };
}

export function buildEvent(overrides: Partial<EventInput> = {}): EventInput {
  return { at: Date.UTC(2024, 3, 10, 12), type: 'payment', invoiceId: 'INV-1', payload: { amount: '200.00' }, ...overrides };
}

export function buildPolicyVersion(overrides: Partial<PolicyVersionInput> = {}): PolicyVersionInput {
  return {
    version: 1,
    bundle: [{ path: 'workspace.yaml', text: 'kind: Workspace\ntimezone: America/New_York\n' }],
    status: 'draft',
    ...overrides,
  };
}

export function buildEngineAction(overrides: Partial<EngineActionInput> = {}): EngineActionInput {
  return {
    invoiceId: 'INV-1',
    customerId: 'c1',
    cadence: 'standard',
    step: 'overdue-1',
    type: 'send',
    at: Date.UTC(2024, 3, 8, 7),
    reason: null,
    actionKey: 'send:c1:INV-1/standard/overdue-1',
    payload: { template: 'overdue' },
    ...overrides,
  };
}

export function buildOutboxMessage(overrides: Partial<OutboxMessageInput> = {}): OutboxMessageInput {
  const key = overrides.key ?? 'send:c1:INV-1/standard/overdue-1';
  return {
    key,
    kind: 'send',
    status: 'queued',
    customerId: 'c1',
    invoiceIds: ['INV-1'],
    decidedAt: Date.UTC(2024, 3, 8, 7),
    notBefore: Date.UTC(2024, 3, 8, 7),
    sendingDomain: 'ar.acme.example',
    messageId: messageIdFor({ idempotencyKey: `acme/${key}`, sendingDomain: 'ar.acme.example' }),
    content: {
      fromName: 'Acme Receivables',
      fromAddress: 'receivables@ar.acme.example',
      replyTo: null,
      to: ['ap@acme.example'],
      subject: 'Invoice INV-1 is overdue',
      text: 'Please pay invoice INV-1.',
      html: '<p>Please pay invoice INV-1.</p>',
      headers: { 'List-Unsubscribe': '<https://plixo.test/unsubscribe/t>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      attachments: [],
    },
    ...overrides,
  };
}

export function buildPayment(overrides: Partial<PaymentInput> = {}): PaymentInput {
  return { source: 'api', sourceId: 'PAY-1', amountMinor: 100_000, currency: 'EUR', receivedAt: Date.UTC(2024, 3, 10, 12), recordedBy: 'token:erp', ...overrides };
}
