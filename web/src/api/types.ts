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
