import type { ScheduledJobName } from '../ports/operations-store.ts';

// When each of the worker's jobs runs, for people: the per-tick jobs follow PLIXO_TICK_MS, the
// periodic ones the periods `server/main.ts` gives the worker (kept here so the ops console can
// say when a job runs next; main.ts's literals and these must agree).

export interface JobSchedule {
  /** In words, for the ops console and the docs. */
  description: string;
  /** The period of a periodic job; null for jobs that run every tick or per message. */
  everyMs: number | null;
}

export const jobSchedules: Record<ScheduledJobName, JobSchedule> = {
  planning: { description: 'every worker tick (PLIXO_TICK_MS, 30 s by default); not while maintenance is on', everyMs: null },
  sending: { description: 'every worker tick, after planning; not while maintenance is on', everyMs: null },
  queue: { description: 'every worker tick, after sending, for organisations whose queue changed or is 5 minutes old', everyMs: null },
  inbound: { description: 'for each message the inbound listener receives', everyMs: null },
  deliverability: { description: 'every 6 hours, first a minute after the worker starts', everyMs: 6 * 3_600_000 },
  retention: { description: 'daily, first 5 minutes after the worker starts', everyMs: 24 * 3_600_000 },
  webhooks: { description: 'every minute, first 30 s after the worker starts: payment webhook deliveries that failed to apply are tried again', everyMs: 60_000 },
};
