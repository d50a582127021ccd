import { describe, expect, it } from 'vitest';
import type { InboundEmail } from './inbound-email.ts';
import { matchInboundEmail, type CustomerRef, type InboundLookup, type SentMessageRef } from './match-inbound-email.ts';

const sent: Record<string, SentMessageRef> = {
  '<s1@acme.example>': { workspaceId: 'w1', customerId: 'c1', invoiceIds: ['INV-1'] },
  '<s2@acme.example>': { workspaceId: 'w1', customerId: 'c1', invoiceIds: ['INV-1', 'INV-2'] },
  '<s9@acme.example>': { workspaceId: 'w1', customerId: 'c9', invoiceIds: ['INV-9'] },
};
const byAddress: Record<string, CustomerRef[]> = {
  'one@customer.example': [{ workspaceId: 'w1', customerId: 'c1' }],
  'shared@group.example': [{ workspaceId: 'w1', customerId: 'c1' }, { workspaceId: 'w1', customerId: 'c2' }],
  'gone@customer.example': [{ workspaceId: 'w1', customerId: 'c3' }],
};
const lookup: InboundLookup = {
  findByMessageId: (id) => sent[id] ?? null,
  findByAddress: (address) => byAddress[address] ?? [],
};
const email = (overrides: Partial<InboundEmail>): InboundEmail => ({ kind: 'reply', from: 'nobody@else.example', to: ['ar@acme.example'], subject: 'Re: x', references: [], text: '', ...overrides });

describe('matchInboundEmail', () => {
  it('In-Reply-To comes first', () => {
    expect(matchInboundEmail(email({ inReplyTo: '<s9@acme.example>', references: ['<s1@acme.example>'] }), lookup)).toEqual({ ...sent['<s9@acme.example>'], method: 'in_reply_to', messageId: '<s9@acme.example>' });
  });

  it('then References, newest (last) first, skipping IDs that are not ours', () => {
    const match = matchInboundEmail(email({ inReplyTo: '<theirs@x.example>', references: ['<s1@acme.example>', '<s2@acme.example>', '<theirs@x.example>'] }), lookup);
    expect(match).toMatchObject({ method: 'references', messageId: '<s2@acme.example>', invoiceIds: ['INV-1', 'INV-2'] });
  });

  it("then the bounce's original Message-ID", () => {
    const bounce = email({ kind: 'bounce', from: 'mailer-daemon@mx.example', bounce: { recipients: [], permanent: true, originalMessageId: '<s1@acme.example>' } });
    expect(matchInboundEmail(bounce, lookup)).toMatchObject({ method: 'original_message_id', customerId: 'c1' });
  });

  it('then the sender address when exactly one customer has it', () => {
    expect(matchInboundEmail(email({ kind: 'other', from: 'one@customer.example' }), lookup)).toEqual({ workspaceId: 'w1', customerId: 'c1', invoiceIds: [], method: 'address', address: 'one@customer.example' });
  });

  it('an address shared by two customers matches nothing', () => {
    expect(matchInboundEmail(email({ from: 'shared@group.example' }), lookup)).toBeNull();
  });

  it('an unknown sender with no known IDs matches nothing', () => {
    expect(matchInboundEmail(email({ inReplyTo: '<theirs@x.example>' }), lookup)).toBeNull();
  });

  it('a bounce falls back to the failed recipient, never to the mailer daemon', () => {
    const bounce = email({
      kind: 'bounce',
      from: 'one@customer.example', // a daemon address would never match; this proves the sender is not used
      bounce: { recipients: [{ address: 'gone@customer.example', status: '5.1.1', action: 'failed', diagnostic: '' }], permanent: true },
    });
    expect(matchInboundEmail(bounce, lookup)).toMatchObject({ method: 'address', customerId: 'c3', address: 'gone@customer.example' });
  });

  it('a complaint falls back to the complaining recipient', () => {
    const complaint = email({ kind: 'complaint', from: 'fbl@provider.example', complaint: { feedbackType: 'abuse', recipient: 'one@customer.example' } });
    expect(matchInboundEmail(complaint, lookup)).toMatchObject({ method: 'address', customerId: 'c1' });
  });
});
