import { createHash } from 'node:crypto';

// The audit trail is a hash chain: each entry's hash covers its content and the hash of the entry
// before it, so changing, deleting or reordering any entry breaks every hash from there on, and
// `plixo audit verify` names the first entry that does not fit.

/** An entry as stored: its place in the chain, its content (detail as the stored JSON text) and hashes. */
export interface ChainedAuditEntry {
  id: number;
  seq: number;
  workspaceId: string | null;
  at: number;
  actor: string;
  action: string;
  subject: string;
  /** The detail exactly as stored (JSON text), so the hash covers the bytes, not a re-encoding. */
  detailJson: string;
  prevHash: string;
  hash: string;
}

/** The hash before the first entry. */
export const genesisHash = '0'.repeat(64);

export function hashAuditEntry(entry: Omit<ChainedAuditEntry, 'id' | 'hash'>): string {
  const content = JSON.stringify([entry.seq, entry.workspaceId, entry.at, entry.actor, entry.action, entry.subject, entry.detailJson, entry.prevHash]);
  return createHash('sha256').update(content).digest('hex');
}

export type AuditChainVerdict =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; seq: number; id: number | null; problem: string };

/**
 * Checks entries one at a time in chain order (by seq), so a long trail is read a page at a time:
 * `add` returns the verdict at the first entry that does not fit, `finish` the verdict at the end.
 */
export function startAuditChainCheck(): { add(entry: ChainedAuditEntry): AuditChainVerdict | null; finish(): AuditChainVerdict } {
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let count = 0;
  return {
    add(entry) {
      count += 1;
      if (entry.seq !== expectedSeq) {
        const problem =
          entry.seq > expectedSeq
            ? `entry ${expectedSeq}${expectedSeq + 1 < entry.seq ? `-${entry.seq - 1}` : ''} is missing (the chain goes on at entry ${entry.seq}, id ${entry.id})`
            : `entry ${entry.seq} (id ${entry.id}) appears again after entry ${expectedSeq - 1}`;
        return { ok: false, entries: count, seq: expectedSeq, id: entry.seq > expectedSeq ? null : entry.id, problem };
      }
      if (entry.prevHash !== prevHash) {
        return { ok: false, entries: count, seq: entry.seq, id: entry.id, problem: `entry ${entry.seq} (id ${entry.id}) does not follow entry ${entry.seq - 1}: its previous hash differs` };
      }
      const { id: _id, hash: _hash, ...content } = entry;
      if (hashAuditEntry(content) !== entry.hash) {
        return { ok: false, entries: count, seq: entry.seq, id: entry.id, problem: `entry ${entry.seq} (id ${entry.id}) was changed: its content does not match its hash` };
      }
      prevHash = entry.hash;
      expectedSeq += 1;
      return null;
    },
    finish: () => ({ ok: true, entries: count, lastHash: prevHash }),
  };
}

/** Checks entries in chain order (by seq); the first one that does not fit is named. */
export function verifyAuditChain(entries: Iterable<ChainedAuditEntry>): AuditChainVerdict {
  const check = startAuditChainCheck();
  for (const entry of entries) {
    const broken = check.add(entry);
    if (broken) return broken;
  }
  return check.finish();
}
