import {
  evaluateSendingHealth,
  pauseAfterBounces,
  sendingHealthWindow,
  type SendingHealth,
  type SendOutcome,
} from '../../core/deliverability/evaluate-sending-health.ts';
import type { DomainSendStats } from '../ports/outbox-store.ts';
import type { Store } from '../ports/store.ts';
import { normalizeDomain } from './list-sender-domains.ts';

export interface DomainHealthOutcome {
  workspaceId: string;
  domain: string;
  health: SendingHealth;
  /** Whether the domain is paused after this evaluation. */
  paused: boolean;
  /** true when this evaluation paused it. */
  pausedNow: boolean;
}

export interface EvaluateDomainHealthInput {
  store: Store;
  workspaceId: string;
  domain: string;
  now: number;
  /** Who the audit entry names; the scheduled job is 'worker'. */
  actor?: string;
}

/**
 * The bounce-rate rule for one sending domain: over its last 200 sends, more bounces than 5 %
 * of 200 pause it, with the reason and an audit entry. It never resumes a domain: after a pause
 * someone has to look at the list before mail flows again (resumeSendingDomain).
 *
 * Run it when new evidence arrives (a bounce or complaint was noted on a sent message), not on a
 * timer: the window still holds the bounces that caused a pause after an operator resumes, so a
 * timer would pause the domain again at once, while the next bounce is a fair reason to.
 */
export async function evaluateDomainHealth({ store, workspaceId, domain: given, now, actor = 'worker' }: EvaluateDomainHealthInput): Promise<DomainHealthOutcome> {
  const domain = normalizeDomain(given);
  return store.transaction(async (tx) => {
    const health = evaluateSendingHealth(toOutcomes(await tx.domainSendStats(workspaceId, domain, sendingHealthWindow)));
    const state = (await tx.listSendingDomains(workspaceId)).find((entry) => entry.domain === domain);
    const alreadyPaused = state?.paused ?? false;
    if (!health.pause || alreadyPaused) return { workspaceId, domain, health, paused: alreadyPaused, pausedNow: false };
    const reason = `${health.bounces} bounces in the last ${health.sends} sends (${formatPercent(health.bounceRate)}); the limit is ${pauseAfterBounces} in ${sendingHealthWindow}`;
    await tx.setDomainPaused(workspaceId, domain, { paused: true, reason, at: now });
    await tx.appendAudit({
      workspaceId,
      at: now,
      actor,
      action: 'domain.pause',
      subject: `domain ${domain}`,
      detail: { reason, automatic: true, sends: health.sends, bounces: health.bounces, complaints: health.complaints },
    });
    return { workspaceId, domain, health, paused: true, pausedNow: true };
  });
}

/** The sending health of a domain as counts, for showing it: the same rule, nothing written. */
export function describeSendingHealth(stats: DomainSendStats): SendingHealth {
  return evaluateSendingHealth(toOutcomes(stats));
}

/**
 * The counts as the outcome list the rule reads. Order does not matter within one window; a
 * message that both bounced and drew a complaint counts as a bounce, so no send counts twice.
 */
function toOutcomes({ sends, bounces, complaints }: DomainSendStats): SendOutcome[] {
  const bounced = Math.min(bounces, sends);
  const complained = Math.min(complaints, sends - bounced);
  return [
    ...Array<SendOutcome>(bounced).fill('bounced'),
    ...Array<SendOutcome>(complained).fill('complained'),
    ...Array<SendOutcome>(sends - bounced - complained).fill('delivered'),
  ];
}

export function formatPercent(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)} %`;
}
