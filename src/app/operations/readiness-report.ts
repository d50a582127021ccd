// What a readiness check reports: per check pass, warn or fail and why, and the worst of them.

export type ReadinessStatus = 'pass' | 'warn' | 'fail';

export interface ReadinessCheck {
  name: ReadinessCheckName;
  status: ReadinessStatus;
  detail: string;
}

export interface ReadinessReport {
  /** The worst of the checks. */
  status: ReadinessStatus;
  checkedAt: number;
  checks: ReadinessCheck[];
}

export const readinessCheckNames = ['database', 'worker', 'mail', 'sending-domains', 'policies', 'outbox', 'maintenance', 'scheduled-jobs'] as const;
export type ReadinessCheckName = (typeof readinessCheckNames)[number];
