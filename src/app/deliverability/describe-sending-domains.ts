import { pauseAfterBounces, sendingHealthWindow } from '../../core/deliverability/evaluate-sending-health.ts';
import { warmupCap } from '../../core/planning/cap-ledger.ts';
import type { Sender } from '../../core/policy/policy-model.ts';
import { formatCalendarDay } from '../../core/time/calendar-day.ts';
import { localDay, startOfLocalDay } from '../../core/time/time-zone.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { CheckStatus } from '../ports/deliverability-store.ts';
import type { Store } from '../ports/store.ts';
import { listDomainStatus, type DomainStatus } from './list-domain-status.ts';
import { normalizeDomain } from './list-sender-domains.ts';

// Each sending domain as the deliverability screen shows it: what `plixo domains list` shows
// (DNS checks, paused or not, bounce and complaint rates over the last 200 sends) and where its
// warm-up stands today: the day of the ramp, today's cap and what went out today.

/** The brief's targets (core/deliverability/evaluate-sending-health.ts): bounces under 2 %, complaints under 0.1 %. */
export const sendingThresholds = { bounceRateTarget: 0.02, complaintRateTarget: 0.001, pauseAfterBounces, window: sendingHealthWindow } as const;

export interface DnsRecordView {
  result: CheckStatus | null;
  /** What the check found, in words; null before the first check. */
  message: string | null;
}

export interface WarmupView {
  startOn: string;
  /** 1 on the start date; 0 or less before it (days before the start count as week one of the ramp). */
  day: number;
  /** The ramp's length in days (7 per step). */
  rampDays: number;
  /** Today's cap; null after the ramp (no cap). */
  allowanceToday: number | null;
  sentToday: number;
  /** The date the counts are for, in the policy's time zone. */
  todayOn: string;
}

export interface SendingDomainView extends DomainStatus {
  dns: { spf: DnsRecordView; dkim: DnsRecordView; dmarc: DnsRecordView };
  /** null: the domain is not warming up (no warmupStart in the policy). */
  warmup: WarmupView | null;
}

export async function describeSendingDomains({ store, workspaceId, now }: { store: Store; workspaceId: string; now: number }): Promise<SendingDomainView[]> {
  const statuses = await listDomainStatus({ store, workspaceId });
  const live = await loadLivePolicy(store, workspaceId).catch(() => null);
  const senders = new Map((live?.policy.workspace.senders ?? []).map((sender) => [normalizeDomain(sender.domain), sender]));
  const timeZone = live?.policy.workspace.timeZone ?? (await store.getWorkspace(workspaceId))?.timeZone ?? 'UTC';
  return Promise.all(
    statuses.map(async (status) => {
      const sender = senders.get(status.state.domain);
      return { ...status, dns: dnsOf(status), warmup: sender ? await describeWarmup({ store, workspaceId, sender, timeZone, now }) : null };
    }),
  );
}

function dnsOf(status: DomainStatus): SendingDomainView['dns'] {
  const record = (name: 'spf' | 'dkim' | 'dmarc'): DnsRecordView => {
    const found = status.state.detail[name];
    const message = found && typeof found === 'object' && !Array.isArray(found) && typeof found.message === 'string' ? found.message : null;
    return { result: status.state[name], message };
  };
  return { spf: record('spf'), dkim: record('dkim'), dmarc: record('dmarc') };
}

async function describeWarmup({ store, workspaceId, sender, timeZone, now }: { store: Store; workspaceId: string; sender: Sender; timeZone: string; now: number }): Promise<WarmupView | null> {
  if (sender.warmupStartDay === null) return null;
  const today = localDay(timeZone, now);
  const cap = warmupCap(sender, today);
  const sentToday = await store.countSentFromDomain(workspaceId, { domain: sender.domain, fromAt: startOfLocalDay(timeZone, today), untilAt: startOfLocalDay(timeZone, today + 1) });
  return {
    startOn: formatCalendarDay(sender.warmupStartDay),
    day: today - sender.warmupStartDay + 1,
    rampDays: sender.warmupRamp.length * 7,
    allowanceToday: Number.isFinite(cap) ? cap : null,
    sentToday,
    todayOn: formatCalendarDay(today),
  };
}
