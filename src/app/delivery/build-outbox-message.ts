import type { EngineAction } from '../../core/planning/engine-action.ts';
import type { Policy } from '../../core/policy/policy-model.ts';
import type { ComposeResult } from '../messages/compose-message.ts';
import { messageIdFor } from '../ports/mailer.ts';
import type { OutboxMessageInput } from '../ports/outbox-store.ts';

/**
 * The outbox entry for a send or draft of the engine. The Message-ID comes from the workspace and
 * the action key, so every enqueue and every resend of one decision carries the same id.
 */
export function buildOutboxMessage(input: {
  workspaceId: string;
  policy: Policy;
  action: EngineAction;
  actionKey: string;
  composed: ComposeResult | { ok: false; failure: { description: string } };
}): OutboxMessageInput {
  const { workspaceId, policy, action, actionKey, composed } = input;
  const senders = policy.workspace.senders;
  const sender = senders.find((candidate) => candidate.domain === action.sender) ?? senders[0];
  // Domains compare without regard to case (pauses, send statistics, the inbound listener).
  const domain = (sender?.domain ?? 'invalid').toLowerCase();
  const base = {
    key: actionKey,
    kind: action.type === 'draft' ? ('draft' as const) : ('send' as const),
    customerId: action.customer,
    invoiceIds: [...action.invoices],
    decidedAt: action.at,
    notBefore: action.at,
    sendingDomain: domain,
    messageId: messageIdFor({ idempotencyKey: `${workspaceId}/${actionKey}`, sendingDomain: domain }),
  };
  if (!composed.ok) return { ...base, status: 'held', statusReason: composed.failure.description, content: null };
  if (!sender) return { ...base, status: 'held', statusReason: 'the policy names no sending domain (workspace senders)', content: null };
  const { message } = composed;
  const branding = policy.workspace.branding;
  return {
    ...base,
    status: action.type === 'draft' ? 'draft' : 'queued',
    content: {
      fromName: branding.senderName ?? branding.companyName,
      fromAddress: sender.address,
      replyTo: null,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
      attachments: message.attachments.map((attachment) => ({
        filename: attachment.filename,
        contentType: attachment.contentType,
        contentBase64: Buffer.from(attachment.content).toString('base64'),
      })),
    },
  };
}
