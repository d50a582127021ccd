import type { Generated } from 'kysely';

// Row shapes as the database holds them (snake_case). Repositories map them to the port's types.
// `…_at` columns are bigint epoch milliseconds (read back as numbers on both databases),
// `…_on` columns 'YYYY-MM-DD' text, money bigint minor units, JSON as text.

export interface WorkspaceTable {
  id: string;
  name: string;
  time_zone: string;
  locale: string;
  currency: string;
  created_at: number;
}

export interface CustomerTable {
  workspace_id: string;
  id: string;
  name: string;
  time_zone: string | null;
  locale: string | null;
  /** JSON array of strings. */
  tags: string;
  region: string | null;
  industry: string | null;
  score: number | null;
  tier: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContactTable {
  workspace_id: string;
  customer_id: string;
  email: string;
  name: string | null;
  role: string | null;
  /** 0 or 1: SQLite has no boolean, and one schema serves both databases. */
  is_primary: number;
}

export interface InvoiceTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  number: string;
  issued_on: string;
  due_on: string;
  amount_minor: number;
  balance_minor: number;
  currency: string;
  known_at: number;
  status: 'open' | 'closed';
  updated_at: number;
}

export interface EventTable {
  id: Generated<number>;
  workspace_id: string;
  at: number;
  type: string;
  customer_id: string | null;
  invoice_id: string | null;
  /** JSON object. */
  payload: string;
  recorded_at: number;
}

export interface PolicyVersionTable {
  workspace_id: string;
  version: number;
  /** JSON array of { path, text }. */
  bundle: string;
  status: 'draft' | 'published';
  created_at: number;
  published_at: number | null;
}

export interface EngineActionTable {
  workspace_id: string;
  invoice_id: string;
  cadence: string;
  step: string;
  type: string;
  at: number;
  reason: string | null;
  customer_id: string;
  action_key: string;
  /** JSON object. */
  payload: string;
  recorded_at: number;
}

export interface SuppressionTable {
  workspace_id: string;
  email: string;
  reason: 'invalid' | 'opted_out' | 'legal_hold';
  until_at: number | null;
  note: string | null;
  created_at: number;
}

export interface Database {
  workspaces: WorkspaceTable;
  customers: CustomerTable;
  contacts: ContactTable;
  invoices: InvoiceTable;
  events: EventTable;
  policy_versions: PolicyVersionTable;
  engine_actions: EngineActionTable;
  suppressions: SuppressionTable;
}
