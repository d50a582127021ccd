import { describe, expect, it } from 'vitest';
import type { StoredOutboxMessage } from '../ports/outbox-store.ts';
import type { StoredEvent, StoredInvoice } from '../ports/store.ts';
import { recheckMessage } from './recheck-message.ts';

const decidedAt = Date.UTC(2024, 3, 2, 7);
const writtenAt = decidedAt;
const now = decidedAt + 60_000;

const message = {
  id: 7,
  workspaceId: 'acme',
  invoiceIds: ['INV-1', 'INV-2'],
  customerId: 'c1',
  decidedAt,
  writtenAt,
  reviewedAt: null,
  content: { to: ['ap@one.example', 'cfo@one.example'] },
} as unknown as StoredOutboxMessage;

const invoice = (id: string, overrides: Partial<StoredInvoice> = {}): StoredInvoice => ({
  workspaceId: 'acme',
  id,
  customerId: 'c1',
  number: `No. ${id}`,
  issuedOn: '2024-03-01',
  dueOn: '2024-04-02',
  amountMinor: 100_000,
  balanceMinor: 100_000,
  currency: 'EUR',
  knownAt: decidedAt - 86_400_000,
  status: 'open',
  updatedAt: decidedAt,
  ...overrides,
});

let nextId = 1;
const event = (type: StoredEvent['type'], overrides: Partial<StoredEvent> = {}): StoredEvent => ({
  workspaceId: 'acme',
  id: nextId++,
  at: decidedAt - 1000,
  type,
  customerId: 'c1',
  invoiceId: 'INV-1',
  payload: {},
  recordedAt: writtenAt - 1000,
  ...overrides,
});

const check = (input: { invoices?: StoredInvoice[]; events?: StoredEvent[]; suppressed?: string[]; message?: StoredOutboxMessage }) =>
  recheckMessage({
    message: input.message ?? message,
    now,
    invoices: input.invoices ?? [invoice('INV-1'), invoice('INV-2')],
    events: input.events ?? [],
    suppressed: new Set(input.suppressed ?? []),
  });

describe('recheckMessage: the last look before a message goes out', () => {
  it('sends to every recipient when nothing changed', () => {
    expect(check({})).toEqual({ kind: 'send', to: ['ap@one.example', 'cfo@one.example'] });
  });

  it('withdraws when an invoice is closed, gone, or paid in full by payment events', () => {
    expect(check({ invoices: [invoice('INV-1'), invoice('INV-2', { status: 'closed' })] })).toEqual({ kind: 'withdraw', reason: 'invoice No. INV-2 is closed', cause: 'invoice_closed' });
    expect(check({ invoices: [invoice('INV-1')] })).toEqual({ kind: 'withdraw', reason: 'invoice INV-2 no longer exists', cause: 'invoice_missing' });
    // Two payments known when the message was written, together the whole balance.
    const payments = [event('payment', { payload: { amount: '600.00' } }), event('payment', { payload: { amount: '400.00' } })];
    expect(check({ events: payments })).toEqual({ kind: 'withdraw', reason: 'invoice No. INV-1 is paid', cause: 'invoice_paid' });
    // A part payment known at writing leaves the message as it is.
    expect(check({ events: [payments[0]!] })).toMatchObject({ kind: 'send' });
  });

  it("withdraws for a payment, dispute, promise, pause or reply learned after writing, or happening after the message's instant", () => {
    for (const type of ['payment', 'dispute', 'promise', 'pause', 'reply'] as const) {
      const late = event(type, { recordedAt: writtenAt + 1, payload: type === 'payment' ? { amount: '1.00' } : {}, ...(type === 'reply' || type === 'pause' ? { invoiceId: null } : {}) });
      const about = type === 'reply' || type === 'pause' ? 'the customer' : 'invoice No. INV-1';
      expect(check({ events: [late] })).toEqual({ kind: 'withdraw', reason: `a ${type} on ${about} was recorded after the message was written`, cause: `new_${type}` });
    }
    // Recorded long before, but happening between the message's instant and now.
    expect(check({ events: [event('dispute', { at: decidedAt + 1 })] })).toMatchObject({ kind: 'withdraw' });
    // Not yet happened: no effect now.
    expect(check({ events: [event('dispute', { at: now + 1, recordedAt: writtenAt + 1 })] })).toMatchObject({ kind: 'send' });
  });

  it('ignores events of invoices the message does not cover, and those known when it was written', () => {
    expect(check({ events: [event('dispute', { invoiceId: 'INV-9', recordedAt: writtenAt + 1 })] })).toMatchObject({ kind: 'send' });
    expect(check({ events: [event('reply', { invoiceId: null })] })).toMatchObject({ kind: 'send' });
  });

  it('judges an approved draft from its approval, not from when the engine wrote it', () => {
    const approved = { ...message, reviewedAt: writtenAt + 5000 } as StoredOutboxMessage;
    expect(check({ message: approved, events: [event('reply', { invoiceId: null, recordedAt: writtenAt + 1000 })] })).toMatchObject({ kind: 'send' });
    expect(check({ message: approved, events: [event('reply', { invoiceId: null, recordedAt: writtenAt + 6000 })] })).toMatchObject({ kind: 'withdraw' });
  });

  it('drops suppressed recipients, and withdraws when none is left', () => {
    expect(check({ suppressed: ['cfo@one.example'] })).toEqual({ kind: 'send', to: ['ap@one.example'] });
    expect(check({ suppressed: ['cfo@one.example', 'ap@one.example'] })).toEqual({ kind: 'withdraw', reason: 'every recipient is on the suppression list', cause: 'suppressed' });
  });
});
