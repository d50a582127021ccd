import { AppError } from '../app-error.ts';
import type { MaintenanceState } from '../ports/operations-store.ts';
import type { Store } from '../ports/store.ts';

export interface SetMaintenanceInput {
  store: Store;
  on: boolean;
  /** Required to switch on: the audit trail and `plixo ops readiness` show it. */
  reason?: string | null;
  /** Who: 'cli:<os user>', a user's email. */
  by: string;
  now: number;
}

export interface SetMaintenanceResult {
  state: MaintenanceState;
  /** false when maintenance already was as asked: nothing was written or audited. */
  changed: boolean;
}

/**
 * Switches maintenance on or off, audited. While it is on the worker neither plans nor sends; when
 * it is off again the worker finds planning stopped since before the switch and records the gap
 * as a maintenance window (app/plan-workspace.ts), so the steps missed meanwhile follow
 * each cadence's catchUp instead of all going out at once.
 */
export async function setMaintenance({ store, on, reason, by, now }: SetMaintenanceInput): Promise<SetMaintenanceResult> {
  const why = reason?.trim() || null;
  if (on && why === null) throw new AppError('invalid_input', 'say why maintenance is switched on (--reason)', { field: 'reason' });
  return store.transaction(async (tx) => {
    const current = await tx.getMaintenance();
    // Switching on again would overwrite when and why it started; it stays as it is.
    if (current.on === on) return { state: current, changed: false };
    return { state: await tx.setMaintenance({ on, reason: why, at: now, by }), changed: true };
  });
}
