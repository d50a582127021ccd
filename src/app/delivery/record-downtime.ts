import type { Store } from '../ports/store.ts';

// When planning has not run for a while (the worker was down, or maintenance was on), the time
// in between is recorded as a `maintenance` window of every workspace. The engine then treats
// the steps planned inside it as late and applies each cadence's `catchUp` when it ends
// (spec 3.3): after a weekend offline a customer gets the latest reminder, not all of them.

export interface Downtime {
  from: number;
  to: number;
  workspaces: number;
}

export async function recordDowntime({ store, now, thresholdMs }: { store: Store; now: number; thresholdMs: number }): Promise<Downtime | null> {
  const planning = (await store.listScheduledJobs()).find((job) => job.name === 'planning');
  const from = planning?.lastFinishedAt ?? null;
  if (from === null || now - from <= thresholdMs) return null;
  const window = { from: new Date(from).toISOString(), to: new Date(now).toISOString() };
  const workspaces = await store.listWorkspaces();
  for (const workspace of workspaces) {
    await store.transaction(async (tx) => {
      await tx.appendEvents(workspace.id, [{ at: from, type: 'maintenance', payload: window }]);
      await tx.appendAudit({ workspaceId: workspace.id, at: now, actor: 'worker', action: 'worker.downtime', subject: `planning paused ${window.from} to ${window.to}`, detail: window });
    });
  }
  return { from, to: now, workspaces: workspaces.length };
}
