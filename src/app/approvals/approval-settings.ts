import type { Role } from '../../core/policy/policy-schema.ts';

// How exception approvals behave where the policy does not say: how long a request waits for its
// approvers, and the payment-plan limit (the product brief: "Plan exceeds $50K: Controller
// approval required"), in the invoice's currency.

export interface ApprovalSettings {
  /** A request not decided within this expires; the requester asks again. */
  requestLifetimeMs: number;
  /** Payment plans whose total is above this (major units) need `paymentPlanApprovers`. */
  paymentPlanLimit: number;
  paymentPlanApprovers: readonly Role[];
}

export const defaultApprovalSettings: ApprovalSettings = {
  requestLifetimeMs: 7 * 24 * 3_600_000,
  paymentPlanLimit: 50_000,
  paymentPlanApprovers: ['controller'],
};
