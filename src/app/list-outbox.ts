import type { Store } from './ports/store.ts';

export interface OutboxEntry {
  at: number;
  type: 'send' | 'draft';
  customerId: string;
  invoiceIds: string[];
  to: string[];
  subject: string | null;
  /** Why the message is held (a missing value, every recipient suppressed), or null. */
  held: string | null;
  actionKey: string;
}

/**
 * The messages the worker decided, newest first, one entry per message (a consolidated message
 * is recorded once per invoice and shown once).
 */
export async function listOutbox({ store, workspaceId, limit = 50 }: { store: Store; workspaceId: string; limit?: number }): Promise<OutboxEntry[]> {
  const rows = await store.listEngineActions(workspaceId);
  const entries = new Map<string, OutboxEntry>();
  for (const row of rows) {
    if (row.type !== 'send' && row.type !== 'draft') continue;
    const existing = entries.get(row.actionKey);
    if (existing) {
      if (!existing.invoiceIds.includes(row.invoiceId)) existing.invoiceIds.push(row.invoiceId);
      continue;
    }
    const payload = row.payload as { to?: string[]; rendered?: { subject?: string }; held?: { description?: string } };
    entries.set(row.actionKey, {
      at: row.at,
      type: row.type,
      customerId: row.customerId,
      invoiceIds: [row.invoiceId],
      to: payload.to ?? [],
      subject: payload.rendered?.subject ?? null,
      held: payload.held?.description ?? null,
      actionKey: row.actionKey,
    });
  }
  return [...entries.values()].sort((a, b) => b.at - a.at || (a.actionKey < b.actionKey ? -1 : 1)).slice(0, limit);
}
