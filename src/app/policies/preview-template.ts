import { loadPolicyBundle } from '../../core/policy/load-policy-bundle.ts';
import type { Tone } from '../../core/policy/policy-schema.ts';
import { createEngine } from '../../core/planning/create-engine.ts';
import type { EngineAction } from '../../core/planning/engine-action.ts';
import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import { loadWorkspacePortfolio, planningStart } from '../load-workspace-portfolio.ts';
import type { DocumentRenderer, MessageLinks } from '../ports/documents.ts';
import type { PolicyFile, Store } from '../ports/store.ts';
import type { UserMailer } from '../ports/user-mailer.ts';
import { composeMessage, type ComposedMessage } from '../messages/compose-message.ts';

// A template as a customer would receive it, rendered for one real invoice of the organisation
// with the files being edited (saved or not): subject, HTML and text parts, and the attachments
// the steps that use it add. The template editor shows it as you type; "send a test" mails it to
// the person editing, never to the customer.

export interface TemplatePreviewInput {
  store: Store;
  now: number;
  workspaceId: string;
  files: readonly PolicyFile[];
  template: string;
  tone: Tone;
  /** The sample invoice; default the organisation's first open invoice. */
  invoiceId?: string;
  links: MessageLinks;
  documents: DocumentRenderer;
}

export interface TemplatePreview {
  invoiceId: string;
  invoiceNumber: string;
  customerName: string;
  /** The customer's addresses the message would go to. */
  to: string[];
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; bytes: number }[];
}

async function render(input: TemplatePreviewInput): Promise<{ preview: TemplatePreview; message: ComposedMessage }> {
  const { store, now, workspaceId } = input;
  const loaded = loadPolicyBundle(input.files);
  const firstError = loaded.issues.find((issue) => issue.severity === 'error');
  if (!loaded.policy || firstError) {
    throw new AppError('policy_invalid', `the files have errors, so nothing can be rendered; first: ${firstError?.file}:${firstError?.line}:${firstError?.column}: ${firstError?.message}`, { field: 'files' });
  }
  const policy = loaded.policy;
  if (!policy.templates.has(input.template)) {
    throw new AppError('not_found', `template "${input.template}" is not in these files; they have ${[...policy.templates.keys()].join(', ') || 'none'}`, { record: `template ${input.template}`, field: 'template' });
  }
  const stored = input.invoiceId === undefined ? (await store.pageInvoices(workspaceId, { limit: 1, status: 'open' }))[0] : (await store.listInvoices(workspaceId, { ids: [input.invoiceId] }))[0];
  if (!stored) {
    throw input.invoiceId === undefined
      ? new AppError('not_found', 'this organisation has no open invoice to preview a template with: import invoices first', { field: 'invoiceId' })
      : new AppError('not_found', `invoice ${input.invoiceId} does not exist in this organisation`, { record: `invoice ${input.invoiceId}`, field: 'invoiceId' });
  }
  const workspace = await store.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', `organisation ${workspaceId} does not exist`, { record: `organisation ${workspaceId}` });
  const portfolio = await loadWorkspacePortfolio(store, workspaceId, { customerId: stored.customerId });
  const customer = portfolio.customers.find((candidate) => candidate.id === stored.customerId)!;
  const engine = createEngine({ policy, portfolio, start: planningStart(workspace, portfolio) });
  engine.advanceTo(now + 1);
  const inspection = engine.inspectInvoice(stored.id, now);
  // The attachments the steps that send this template add (the governing cadence's, else any's).
  const cadences = inspection?.segment ? [inspection.segment.cadence] : [...policy.cadences.values()];
  const attach = [...new Set(cadences.flatMap((cadence) => cadence.steps.filter((step) => step.template === input.template).flatMap((step) => step.attach)))];
  const action: EngineAction = {
    at: now,
    type: 'send',
    customer: customer.id,
    to: customer.contacts.flatMap((contact) => (contact.email === null ? [] : [contact.email])),
    invoices: [stored.id],
    template: input.template,
    tone: input.tone,
    ...(inspection?.segment ? { segment: inspection.segment.name } : {}),
    attach,
    leadInvoice: stored.id,
    snapshots: portfolio.invoices.map((invoice) => engine.inspectInvoice(invoice.id, now)?.snapshot).filter((snapshot) => snapshot !== undefined),
  };
  const composed = await composeMessage({ workspaceId, policy, action, customer, invoices: portfolio.invoices, snapshots: action.snapshots!, links: input.links, documents: input.documents });
  if (!composed.ok) throw new AppError('policy_invalid', `template "${input.template}" cannot be rendered for invoice ${stored.number}: ${composed.failure.description}`, { record: `template ${input.template}`, field: 'template' });
  const message = composed.message;
  return {
    message,
    preview: {
      invoiceId: stored.id,
      invoiceNumber: stored.number,
      customerName: customer.name,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, bytes: attachment.content.byteLength })),
    },
  };
}

export async function previewTemplate(input: TemplatePreviewInput): Promise<TemplatePreview> {
  return (await render(input)).preview;
}

/** Mails the preview to the person asking (subject marked as a test), and records it in the audit trail. */
export async function sendTemplateTest(input: TemplatePreviewInput & { by: Actor; userMailer: UserMailer; key: string }): Promise<TemplatePreview & { sentTo: string }> {
  // A signed-in person's label is their email address; a program has no mailbox to test with.
  if (input.by.kind !== 'user') throw new AppError('forbidden', 'a test message goes to the person asking: sign in to send one (an API token has no mailbox)');
  const email = input.by.label;
  const { preview, message } = await render(input);
  const attachmentNote = preview.attachments.length > 0 ? `\n\n(A test: the customer's message would carry ${preview.attachments.map((attachment) => attachment.filename).join(', ')}.)` : '';
  const outcome = await input.userMailer.send({ to: email, subject: `[Test] ${message.subject}`, text: `${message.text}${attachmentNote}`, html: message.html, key: input.key });
  if (!outcome.sent) throw new AppError('unavailable', `the test could not be sent to ${email}: ${outcome.detail}`, { field: 'template' });
  await input.store.appendAudit({
    workspaceId: input.workspaceId,
    at: input.now,
    ...auditActor(input.by),
    action: 'template.test_sent',
    subject: `template ${input.template}`,
    detail: { tone: input.tone, invoice: preview.invoiceNumber, to: email },
    rationale: null,
  });
  return { ...preview, sentTo: email };
}
