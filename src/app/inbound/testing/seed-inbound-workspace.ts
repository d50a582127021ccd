// A workspace whose sent messages are the ones the real-world samples in
// src/adapters/mail/inbound/samples answer or report on, for tests of inbound mail and of
// sending health. It goes through the use cases and the store, as production data would.
import { buildPolicyFiles } from '../../../core/policy/testing/build-policy-files.ts';
import { applyPolicy } from '../../apply-policy.ts';
import type { OutboxMessageInput, StoredOutboxMessage } from '../../ports/outbox-store.ts';
import type { Store } from '../../ports/store.ts';

export const inboundWorkspaceId = 'acme';
export const sendingDomain = 'mail.acme.example';

const workspaceYaml = `kind: Workspace
name: ${inboundWorkspaceId}
timezone: Europe/Berlin
locale: en-US
currency: EUR
plan: growth
senders:
  - domain: ${sendingDomain}
  - domain: acme.example
`;

/** customer, its contacts, its invoice, and the Message-IDs of what we sent it (from the samples). */
const sampleCustomers = [
  { id: 'c-1042', emails: ['maria.keller@gmail.com'], invoice: 'INV-1042', sent: ['<plixo.7f3a9c21.inv-1042.s1@mail.acme.example>', '<plixo.8b1d0e55.inv-1042.s2@mail.acme.example>'] },
  { id: 'c-2001', emails: ['jonas.berg@nordwind-logistik.example'], invoice: 'INV-2001', sent: ['<plixo.1c2d3e4f.inv-2001.s1@mail.acme.example>'] },
  { id: 'c-3107', emails: ['s.martin@contoso.example'], invoice: 'INV-3107', sent: ['<plixo.44aa55bb.inv-3107.s1@mail.acme.example>'] },
  { id: 'c-0777', emails: ['lukas.hoffmann@gmail.com'], invoice: 'INV-0777', sent: ['<plixo.0a0b0c0d.inv-0777.s1@mail.acme.example>'] },
  { id: 'c-1188', emails: ['p.novak@contoso.example'], invoice: 'INV-1188', sent: ['<plixo.5e6f7a8b.inv-1188.s2@mail.acme.example>'] },
  { id: 'c-0456', emails: ['tom.baker.old@gmail.com'], invoice: 'INV-0456', sent: ['<plixo.9c8b7a6f.inv-0456.s1@mail.acme.example>'] },
  { id: 'c-0913', emails: ['billing@fabrikam.example', 'h.schulz@fabrikam.example'], invoice: 'INV-0913', sent: ['<plixo.d1e2f3a4.inv-0913.s2@mail.acme.example>'] },
  { id: 'c-0321', emails: ['ap@slowmail.example'], invoice: 'INV-0321', sent: ['<plixo.0f1e2d3c.inv-0321.s1@mail.acme.example>'] },
  { id: 'c-0588', emails: ['invoices@bakery-schmidt.example'], invoice: 'INV-0588', sent: ['<plixo.3c4d5e6f.inv-0588.s1@mail.acme.example>'] },
  { id: 'c-0640', emails: ['d.okafor@mailbox-provider.example'], invoice: 'INV-0640', sent: ['<plixo.aa11bb22.inv-0640.s3@mail.acme.example>'] },
] as const;

const dayMs = 86_400_000;

/** The workspace, its policy (senders mail.acme.example and acme.example), customers, invoices and sent messages. */
export async function seedInboundWorkspace({ store, now }: { store: Store; now: number }): Promise<{ sent: Map<string, StoredOutboxMessage> }> {
  await applyPolicy({ store, files: buildPolicyFiles({ 'workspace.yaml': workspaceYaml }) });
  await store.upsertCustomers(
    inboundWorkspaceId,
    sampleCustomers.map((customer) => ({ id: customer.id, name: `Customer ${customer.id}`, contacts: customer.emails.map((email) => ({ email })) })),
  );
  await store.upsertInvoices(
    inboundWorkspaceId,
    sampleCustomers.map((customer) => ({
      id: customer.invoice,
      customerId: customer.id,
      number: customer.invoice,
      issuedOn: '2026-01-15',
      dueOn: '2026-02-24',
      amountMinor: 125_000,
      balanceMinor: 125_000,
      currency: 'EUR',
      knownAt: now - 30 * dayMs,
      status: 'open' as const,
    })),
  );
  const messages = sampleCustomers.flatMap((customer) =>
    customer.sent.map((messageId, index) =>
      buildSentMessage({ key: `${customer.invoice}/s${index + 1}`, customerId: customer.id, invoiceId: customer.invoice, to: [customer.emails[0]], messageId, at: now - dayMs }),
    ),
  );
  const stored = await sendMessages({ store, messages, at: now - dayMs });
  return { sent: new Map(stored.map((message) => [message.messageId, message])) };
}

export function buildSentMessage(input: { key: string; customerId: string; invoiceId: string; to: string[]; messageId: string; at: number; domain?: string }): OutboxMessageInput {
  const domain = input.domain ?? sendingDomain;
  return {
    key: input.key,
    kind: 'send',
    status: 'queued',
    customerId: input.customerId,
    invoiceIds: [input.invoiceId],
    decidedAt: input.at,
    notBefore: input.at,
    sendingDomain: domain,
    messageId: input.messageId,
    content: {
      fromName: 'Acme Billing',
      fromAddress: `ar@${domain}`,
      replyTo: null,
      to: input.to,
      subject: `Invoice ${input.invoiceId}`,
      text: 'Please pay.',
      html: '<p>Please pay.</p>',
      headers: {},
      attachments: [],
    },
  };
}

/** Enqueues the messages and settles them as sent at `at`, as the send loop would. */
export async function sendMessages({ store, messages, at }: { store: Store; messages: readonly OutboxMessageInput[]; at: number }): Promise<StoredOutboxMessage[]> {
  await store.enqueueOutboxMessages(inboundWorkspaceId, messages);
  const claimed = await store.claimOutboxMessages({ now: at, limit: messages.length, workerId: 'seed', leaseMs: 60_000 });
  for (const message of claimed) await store.settleOutboxMessage(message.id, 'seed', { status: 'sent', at, response: '250 2.0.0 Ok' });
  const sent = await store.listOutboxMessages(inboundWorkspaceId, { statuses: ['sent'], limit: 10_000 });
  const ids = new Set(messages.map((message) => message.messageId));
  return sent.filter((message) => ids.has(message.messageId));
}
