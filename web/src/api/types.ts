// The shapes of the API's answers the screens read (see /api/openapi.json).

export interface OrganisationMembership {
  id: string;
  name: string;
  role: string;
  permissions: string[];
}

export interface Session {
  user: { id: string; email: string; name: string };
  csrfToken: string;
  expiresAt: string;
  organisations: OrganisationMembership[];
}

export interface QueueReason {
  code: string;
  points: number;
  text: string;
}

export interface QueueEntry {
  rank: number;
  focus: boolean;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  score: number;
  daysPastDue: number;
  balance: { value: string; currency: string };
  reasons: QueueReason[];
  next: { type?: string; at?: string; step?: string | null; segment?: string | null; reason?: string | null; plannedAt?: string | null; moves?: string[] } | null;
}

export interface QueuePage {
  refreshedAt: string | null;
  items: QueueEntry[];
  nextCursor: string | null;
}

export interface SegmentHealth {
  openInvoices: number;
  reachableInvoices: number;
  coverage: number | null;
  openDisputes: number;
  sent: number;
  bounced: number;
  bounceRate: number | null;
  promisesKept: number;
  promisesMissed: number;
  promiseAdherence: number | null;
  payments: number;
  reversals: number;
  reversalRate: number | null;
}

export interface SegmentView {
  segment: string;
  priority: number;
  cadence: string;
  version: number;
  mode: 'shadow' | 'autopilot';
  fileMode: 'shadow' | 'autopilot';
  switchedBy: string | null;
  switchedAt: string | null;
  switchReason: string | null;
  health: SegmentHealth;
  autopilotBlockers: string[];
  publishBlocker: string | null;
}

export interface ApprovalDecision {
  role: string;
  decision: string;
  by: string;
  rationale: string;
  at: string;
}

export interface ApprovalView {
  id: number;
  invoiceId: string;
  customerId: string;
  kind: 'discount' | 'credit' | 'payment_plan';
  amount: { value: string; currency: string };
  reason: string;
  explanation: string;
  installments: { on: string; amount: string }[] | null;
  requestedBy: string;
  requiredRoles: string[];
  awaiting: string[];
  status: string;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  decisions: ApprovalDecision[];
}
