import type { Store } from '../ports/store.ts';
import type { ChainedAuditEntry } from './audit-chain.ts';

// The audit trail out of Plixo, for an auditor or an archive: in chain order, with each entry's
// hashes, so the export can be checked against the chain (and a copy kept elsewhere shows if the
// newest entries were ever cut off).

export interface AuditExportFilter {
  workspaceId?: string;
  actor?: string;
  /** An exact action ('draft.approve') or a family ending in '.' ('draft.'). */
  action?: string;
  sinceAt?: number;
  untilAt?: number;
}

export async function* exportAuditTrail({ store, filter = {}, pageSize = 1000 }: { store: Store; filter?: AuditExportFilter; pageSize?: number }): AsyncGenerator<ChainedAuditEntry> {
  let afterSeq = 0;
  for (;;) {
    const page = await store.readAuditChain({ afterSeq, limit: pageSize });
    for (const entry of page) if (matches(entry, filter)) yield entry;
    if (page.length < pageSize) return;
    afterSeq = page[page.length - 1]!.seq;
  }
}

function matches(entry: ChainedAuditEntry, filter: AuditExportFilter): boolean {
  if (filter.workspaceId !== undefined && entry.workspaceId !== filter.workspaceId) return false;
  if (filter.actor !== undefined && entry.actor !== filter.actor) return false;
  if (filter.action !== undefined && !(filter.action.endsWith('.') ? entry.action.startsWith(filter.action) : entry.action === filter.action)) return false;
  if (filter.sinceAt !== undefined && entry.at < filter.sinceAt) return false;
  if (filter.untilAt !== undefined && entry.at >= filter.untilAt) return false;
  return true;
}

export const auditCsvHeader = ['seq', 'at', 'workspace', 'actor', 'action', 'subject', 'detail', 'prev_hash', 'hash'] as const;

/** One CSV line (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled). */
export function toAuditCsvLine(entry: ChainedAuditEntry): string {
  const fields = [String(entry.seq), new Date(entry.at).toISOString(), entry.workspaceId ?? '', entry.actor, entry.action, entry.subject, entry.detailJson, entry.prevHash, entry.hash];
  return fields.map(csvField).join(',');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
