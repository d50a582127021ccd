import { simulatedAt } from './soak-clock.ts';
import { stripAngles, type CheckResult, type SoakEvidence, type SoakMessage } from './soak-evidence.ts';
import type { ReceivedRecord } from './soak-mail-server.ts';

// No duplicate and nothing lost, from the SMTP server's side and the outbox's.

const shown = 8;

export function messageByRef(evidence: SoakEvidence): Map<string, SoakMessage> {
  return new Map(evidence.messages.map((message) => [`${message.workspaceId}/${message.id}`, message]));
}

/**
 * Every Message-ID received once, and each outbox key once in the outbox. A second copy is
 * accepted only when the first came in while a worker that was then killed held the message
 * (the 250-to-commit window, docs/delivery.md "Exactly once"); it is reported apart.
 */
export function checkNoDuplicate(evidence: SoakEvidence): CheckResult {
  const byRef = messageByRef(evidence);
  const copies = new Map<string, ReceivedRecord[]>();
  const unknown: string[] = [];
  const mismatched: string[] = [];
  for (const record of evidence.received) {
    const id = stripAngles(record.messageId);
    copies.set(id, [...(copies.get(id) ?? []), record]);
    const message = byRef.get(record.plixoRef);
    if (!message) unknown.push(`${record.plixoRef || '(no X-Plixo-Message)'} ${id}`);
    else if (message.messageId !== id) mismatched.push(`${record.plixoRef}: received ${id}, the outbox says ${message.messageId}`);
  }
  const inWindow = new Set(evidence.kills.flatMap((kill) => kill.inWindow.map(stripAngles)));
  const duplicated = [...copies].filter(([, records]) => records.length > 1);
  const explained = duplicated.filter(([id]) => inWindow.has(id));
  const unexplained = duplicated.filter(([id]) => !inWindow.has(id));
  const keys = new Map<string, number>();
  for (const message of evidence.messages) keys.set(`${message.workspaceId}/${message.key}`, (keys.get(`${message.workspaceId}/${message.key}`) ?? 0) + 1);
  const repeatedKeys = [...keys].filter(([, count]) => count > 1).map(([key]) => key);
  const ok = unexplained.length === 0 && unknown.length === 0 && mismatched.length === 0 && repeatedKeys.length === 0;
  const extraCopies = duplicated.reduce((sum, [, records]) => sum + records.length - 1, 0);
  const summary =
    `${evidence.received.length} received, ${copies.size} distinct Message-IDs, ${keys.size} outbox keys each once` +
    (repeatedKeys.length > 0 ? ` but ${repeatedKeys.length} twice` : '') +
    `; ${extraCopies} second cop${extraCopies === 1 ? 'y' : 'ies'}: ${explained.length} resent after a kill inside the 250-to-commit window (same Message-ID), ${unexplained.length} otherwise`;
  const details = [
    ...unexplained.slice(0, shown).map(([id, records]) => `received ${records.length} times, not explained by a kill: ${id} (${records[0]!.plixoRef})`),
    ...explained.slice(0, shown).map(([id, records]) => `resent after a kill: ${id} (${records[0]!.plixoRef}), ${records.length} copies`),
    ...unknown.slice(0, shown).map((line) => `received, not in any outbox: ${line}`),
    ...mismatched.slice(0, shown),
    ...repeatedKeys.slice(0, shown).map((key) => `outbox key twice: ${key}`),
    `${evidence.kills.length} kills; messages inside the window at a kill: ${inWindow.size}`,
  ];
  return { title: 'No duplicate', ok, summary, details };
}

/**
 * Every message due by the end was sent (and received), withdrawn for a reason, or failed or
 * held for a stated reason; none is still queued past its time or sending past its lease; and
 * every organisation's planning reached the end, so no due message was never enqueued.
 */
export function checkNothingLost(evidence: SoakEvidence): CheckResult {
  const stoppedAt = simulatedAt(evidence.clock, evidence.stoppedWallAt);
  // A due message waits for the next tick or two of a worker; more than five is lateness.
  const graceMs = 5 * evidence.tickMs * evidence.clock.speed;
  const received = new Set(evidence.received.map((record) => stripAngles(record.messageId)));
  const tally = new Map<string, number>();
  const count = (label: string) => tally.set(label, (tally.get(label) ?? 0) + 1);
  const lost: string[] = [];
  const reasons = new Map<string, number>();
  for (const message of evidence.messages) {
    const name = `${message.workspaceId}/${message.id} (${message.key})`;
    switch (message.status) {
      case 'sent':
        count('sent');
        if (!received.has(message.messageId)) lost.push(`${name}: recorded sent, never received`);
        break;
      case 'withdrawn':
      case 'failed':
      case 'held':
      case 'discarded':
        count(message.status);
        if (!message.statusReason?.trim()) lost.push(`${name}: ${message.status} without a reason`);
        else reasons.set(`${message.status}: ${reasonFamily(message.statusReason)}`, (reasons.get(`${message.status}: ${reasonFamily(message.statusReason)}`) ?? 0) + 1);
        if (message.status !== 'held' && received.has(message.messageId)) lost.push(`${name}: received although recorded ${message.status}`);
        break;
      case 'draft':
        count('draft (waiting for review)');
        break;
      case 'queued': {
        const dueAt = Math.max(message.notBefore, message.nextAttemptAt);
        if (dueAt <= stoppedAt - graceMs) {
          count('queued past its time');
          lost.push(`${name}: still queued, due ${new Date(dueAt).toISOString()} (${message.statusReason ?? 'no reason'})`);
        } else count('queued, not yet due');
        break;
      }
      case 'sending':
        if (message.leaseUntil !== null && message.leaseUntil <= stoppedAt) {
          count('sending past its lease');
          lost.push(`${name}: still sending, lease ran out ${new Date(message.leaseUntil).toISOString()}`);
        } else count('sending at the end (lease running)');
        break;
    }
  }
  const planningLag = evidence.workspaces.filter((workspace) => workspace.plannedThrough === null || workspace.plannedThrough < stoppedAt - graceMs);
  for (const workspace of planningLag) {
    lost.push(`${workspace.id}: planned only through ${workspace.plannedThrough === null ? 'never' : new Date(workspace.plannedThrough).toISOString()}, the run ended ${new Date(stoppedAt).toISOString()}`);
  }
  const summary = `${evidence.messages.length} messages in the outbox: ${[...tally].map(([label, n]) => `${n} ${label}`).join(', ')}; ${lost.length} lost or stuck`;
  const details = [...lost.slice(0, shown), ...[...reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} × ${reason}`)];
  return { title: 'Nothing lost', ok: lost.length === 0, summary, details };
}

/** A reason with its particulars (numbers, invoice numbers, addresses) taken out, for counting. */
export function reasonFamily(reason: string): string {
  return reason
    .replace(/invoice \S+/g, 'invoice …')
    .replace(/\([^)]*\)/g, '')
    .replace(/:.*$/, '')
    .replace(/\d+/g, 'n')
    .replace(/\s+/g, ' ')
    .trim();
}
