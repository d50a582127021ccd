import { auditActor, type Actor } from '../access/actor.ts';
import { AppError } from '../app-error.ts';
import type { PortalSettings } from '../ports/payer-portal-store.ts';
import type { Store } from '../ports/store.ts';
import { checkPaymentUrlTemplate } from './payment-url-template.ts';

/** The payer portal's settings of an organisation: its payment address (used when no processor is connected). Audited. */
export async function setPortalSettings(input: { store: Store; now: number; workspaceId: string; by: Actor; paymentUrlTemplate: string | null }): Promise<PortalSettings> {
  const { store, now, workspaceId, by } = input;
  const template = input.paymentUrlTemplate?.trim() || null;
  if (template !== null) {
    const problem = checkPaymentUrlTemplate(template);
    if (problem) throw new AppError('invalid_input', `paymentUrlTemplate: ${problem}`, { record: `organisation ${workspaceId}`, field: 'paymentUrlTemplate' });
  }
  return store.transaction(async (tx) => {
    const before = await tx.getPortalSettings(workspaceId);
    const saved = await tx.savePortalSettings(workspaceId, { paymentUrlTemplate: template, updatedBy: by.label, updatedAt: now });
    await tx.appendAudit({ workspaceId, at: now, ...auditActor(by), action: 'portal.settings', subject: 'payer portal', before: { paymentUrlTemplate: before.paymentUrlTemplate }, after: { paymentUrlTemplate: template } });
    return saved;
  });
}
