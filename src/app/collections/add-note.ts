import { escapeHtml } from '../../core/messages/escape-html.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { StoredNote } from '../ports/collections-record-store.ts';
import type { Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';

// An internal note on a customer (and optionally an invoice); the members it @mentions are
// emailed a link. Audited.

/** `@ana` or `@ana@acme.example`: a member by the part of their email before the @, or by the whole. */
const mentionPattern = /(?<![\w.])@([a-z0-9._%+-]+(?:@[a-z0-9.-]+\.[a-z]{2,})?)/gi;

export async function addNote(input: {
  store: Store;
  now: number;
  workspaceId: string;
  by: Actor;
  customerId: string;
  invoiceId?: string | null;
  body: string;
  mailer: UserMailer;
  baseUrl: string;
}): Promise<{ note: StoredNote; notified: number }> {
  const { store, now, workspaceId, by } = input;
  const body = input.body.trim();
  if (body === '') throw new AppError('invalid_input', 'body: a note needs text', { field: 'body' });
  const [customer] = await store.listCustomers(workspaceId, { ids: [input.customerId] });
  if (!customer) throw new AppError('not_found', `customer ${input.customerId} does not exist in this organisation`, { record: `customer ${input.customerId}` });
  const members = await store.listMemberships({ workspaceId });
  const handles = [...body.matchAll(mentionPattern)].map((match) => match[1]!.toLowerCase());
  const mentioned = members.filter((member) => handles.some((handle) => handle === member.email || handle === member.email.split('@')[0]));
  const note = await store.transaction(async (tx) => {
    const saved = await tx.addNote(workspaceId, { customerId: customer.id, invoiceId: input.invoiceId ?? null, author: by.label, authorId: by.id, body, mentions: mentioned.map((member) => member.userId), createdAt: now });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'note.add', subject: `note ${saved.id} on customer ${customer.id}`, after: { mentions: mentioned.map((member) => member.email) } });
    return saved;
  });
  let notified = 0;
  const link = `${input.baseUrl}customers/${encodeURIComponent(customer.id)}`;
  for (const member of mentioned.filter((candidate) => candidate.userId !== by.id)) {
    const result = await input.mailer.send({
      to: member.email,
      key: `note:${note.id}:${member.userId}`,
      subject: `${by.label} mentioned you in a note on ${customer.name}`,
      text: `${by.label} wrote on ${customer.name}:\n\n${body}\n\nOpen it: ${link}\n`,
      html: `<p>${escapeHtml(by.label)} wrote on <strong>${escapeHtml(customer.name)}</strong>:</p><blockquote>${escapeHtml(body).replace(/\n/g, '<br>')}</blockquote><p><a href="${escapeHtml(link)}">Open it in Plixo</a></p>`,
    });
    if (result.sent) notified += 1;
  }
  return { note, notified };
}
