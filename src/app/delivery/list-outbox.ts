import type { OutboxStatus } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';

export interface OutboxEntry {
  id: number;
  /** When it is (or was) due to go out. */
  at: number;
  kind: 'send' | 'draft';
  status: OutboxStatus;
  customerId: string;
  invoiceIds: string[];
  to: string[];
  subject: string | null;
  /** Why it is held, withdrawn, discarded or failed, or the last retry's reason; else null. */
  reason: string | null;
  sentAt: number | null;
  attempts: number;
  messageId: string;
}

/** The outbox, newest first: one entry per message, whatever its state. */
export async function listOutbox({ store, workspaceId, limit = 50, statuses }: { store: Store; workspaceId: string; limit?: number; statuses?: readonly OutboxStatus[] }): Promise<OutboxEntry[]> {
  const rows = await store.listOutboxMessages(workspaceId, { limit, ...(statuses ? { statuses } : {}) });
  return rows.map((row) => ({
    id: row.id,
    at: row.notBefore,
    kind: row.kind,
    status: row.status,
    customerId: row.customerId,
    invoiceIds: row.invoiceIds,
    to: row.content?.to ?? [],
    subject: row.content?.subject ?? null,
    reason: row.statusReason,
    sentAt: row.sentAt,
    attempts: row.attempts,
    messageId: row.messageId,
  }));
}
