import { AppError } from '../app-error.ts';
import { scheduledJobNames, type ScheduledJobName, type ScheduledJobState } from '../ports/operations-store.ts';
import type { Store } from '../ports/store.ts';

export interface SetJobPausedInput {
  store: Store;
  /** As typed by an operator; checked against scheduledJobNames. */
  name: string;
  paused: boolean;
  reason?: string | null;
  by: string;
  now: number;
}

export interface SetJobPausedResult {
  job: ScheduledJobState;
  /** false when the job already was as asked: nothing was written or audited. */
  changed: boolean;
}

/** Pauses or resumes one scheduled job; the worker skips a paused job's runs until it is resumed. */
export async function setJobPaused({ store, name, paused, reason, by, now }: SetJobPausedInput): Promise<SetJobPausedResult> {
  if (!isScheduledJobName(name)) {
    throw new AppError('invalid_input', `there is no job "${name}"; the jobs are ${scheduledJobNames.join(', ')}`, { record: `job ${name}`, field: 'name' });
  }
  return store.transaction(async (tx) => {
    const current = (await tx.listScheduledJobs()).find((job) => job.name === name);
    if (current?.paused === paused) return { job: current, changed: false };
    const job = await tx.setScheduledJobPaused(name, { paused, reason: reason?.trim() || null, at: now, by });
    return { job, changed: true };
  });
}

export function isScheduledJobName(name: string): name is ScheduledJobName {
  return (scheduledJobNames as readonly string[]).includes(name);
}
