import type { Generated } from 'kysely';
import type { Role } from '../../core/policy/policy-schema.ts';

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
  live_policy_version: number | null;
  policy_revision: Generated<number>;
  plan: Generated<'starter' | 'growth' | 'scale' | 'enterprise'>;
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
  /** The number's lookup keys (normalise-invoice-number.ts), the plain one and the one by groups; null when it has none. */
  number_key: string | null;
  number_group_key: string | null;
  /** balance_minor moved by every balance event recorded on the invoice (app/open-balance.ts); null: not known. */
  open_minor: number | null;
  /** The latest `at` of those events; null when there are none. */
  balance_event_at: number | null;
}

export interface CustomerNameWordTable {
  workspace_id: string;
  /** compare-names.ts nameWordKeys. */
  word_key: string;
  customer_id: string;
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
  revision: Generated<number>;
  created_by: string | null;
  published_by: string | null;
  based_on: number | null;
  note: string | null;
}

export interface ApprovalRequestTable {
  id: Generated<number>;
  workspace_id: string;
  invoice_id: string;
  customer_id: string;
  kind: 'discount' | 'credit' | 'payment_plan';
  amount_minor: number;
  currency: string;
  reason: string;
  /** JSON object. */
  detail: string;
  /** JSON array of roles. */
  required_roles: string;
  requested_by: string;
  requester_id: string;
  requester_role: string | null;
  status: 'pending' | 'info_requested' | 'approved' | 'rejected' | 'expired' | 'withdrawn';
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}

export interface ApprovalDecisionTable {
  id: Generated<number>;
  request_id: number;
  workspace_id: string;
  role: string;
  decision: 'approve' | 'reject' | 'ask_info' | 'answer';
  decided_by: string;
  decider_id: string;
  rationale: string;
  at: number;
}

export interface CollectionQueueTable {
  workspace_id: string;
  invoice_id: string;
  customer_id: string;
  score: number;
  days_past_due: number;
  balance_minor: number;
  currency: string;
  /** JSON array of { code, points, text }. */
  reasons: string;
  next_action_at: number | null;
  /** JSON object or null. */
  next_action: string | null;
  refreshed_at: number;
  invoice_number: Generated<string>;
  customer_name: Generated<string>;
}

export interface DisputeTable {
  id: Generated<number>;
  workspace_id: string;
  invoice_id: string;
  customer_id: string;
  reason: string;
  description: string;
  owner: string | null;
  escalated_to_legal: Generated<number>;
  opened_by: string;
  opened_at: number;
  due_at: number;
  at_risk_at: number;
  resolved_at: number | null;
  resolution: string | null;
  resolution_note: string | null;
}

export interface PayerLinkTable {
  id: string;
  workspace_id: string;
  invoice_id: string;
  customer_id: string;
  created_at: number;
  last_used_at: number;
  revoked_at: number | null;
  revoked_reason: 'regenerated' | 'superseded' | null;
  revoked_by: string | null;
  spent_at: number | null;
  checkout_id: string | null;
}

export interface PortalSettingTable {
  workspace_id: string;
  payment_url_template: string | null;
  updated_by: string;
  updated_at: number;
}

export interface DisputeAttachmentTable {
  id: Generated<number>;
  workspace_id: string;
  dispute_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  content_base64: string;
  created_at: number;
}

export interface NoteTable {
  id: Generated<number>;
  workspace_id: string;
  customer_id: string;
  invoice_id: string | null;
  author: string;
  author_id: string;
  body: string;
  /** JSON array of user ids. */
  mentions: string;
  created_at: number;
}

export interface SegmentVersionTable {
  workspace_id: string;
  segment: string;
  version: number;
  assigned_at: number;
}

export interface SegmentModeTable {
  workspace_id: string;
  segment: string;
  mode: 'shadow' | 'autopilot';
  set_by: string;
  set_at: number;
  reason: string | null;
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

export interface OutboxMessageTable {
  id: Generated<number>;
  workspace_id: string;
  key: string;
  kind: 'send' | 'draft';
  status: string;
  status_reason: string | null;
  customer_id: string;
  /** JSON array of invoice ids. */
  invoice_ids: string;
  decided_at: number;
  not_before: number;
  sending_domain: string;
  message_id: string;
  /** JSON OutboxContent, or null when held. */
  content: string | null;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  claimed_by: string | null;
  response: string | null;
  sent_at: number | null;
  bounced_at: number | null;
  complained_at: number | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
  edited: number;
  /** Added by 0006; null on rows written before it (then created_at stands for it). */
  written_at: number | null;
  /** Added by 0022: when retention dropped the text, HTML and attachment bytes; null while kept. */
  body_dropped_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SettingTable {
  name: string;
  /** JSON value. */
  value: string;
  updated_at: number;
}

export interface ScheduledJobTable {
  name: string;
  paused: number;
  paused_reason: string | null;
  last_started_at: number | null;
  last_finished_at: number | null;
  last_status: 'ok' | 'failed' | null;
  last_error: string | null;
}

export interface WorkerHeartbeatTable {
  worker_id: string;
  seen_at: number;
  /** JSON object. */
  detail: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: string | null;
  at: number;
  actor: string;
  action: string;
  subject: string;
  /** JSON object. */
  detail: string;
  /** The entry's place in the hash chain (added by 0007). */
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface SendingDomainTable {
  workspace_id: string;
  domain: string;
  status: 'pass' | 'warn' | 'fail' | null;
  spf: 'pass' | 'warn' | 'fail' | null;
  dkim: 'pass' | 'warn' | 'fail' | null;
  dmarc: 'pass' | 'warn' | 'fail' | null;
  /** JSON object. */
  detail: string;
  last_checked_at: number | null;
  paused: number;
  paused_reason: string | null;
  paused_at: number | null;
}

export interface InboundMessageTable {
  id: Generated<number>;
  workspace_id: string;
  received_at: number;
  kind: string;
  from_address: string | null;
  message_id: string | null;
  subject: string | null;
  customer_id: string | null;
  outbox_id: number | null;
  outcome: string;
  /** JSON object. */
  detail: string;
}

export interface Database {
  workspaces: WorkspaceTable;
  customers: CustomerTable;
  contacts: ContactTable;
  customer_name_words: CustomerNameWordTable;
  invoices: InvoiceTable;
  events: EventTable;
  policy_versions: PolicyVersionTable;
  segment_versions: SegmentVersionTable;
  segment_modes: SegmentModeTable;
  approval_requests: ApprovalRequestTable;
  approval_decisions: ApprovalDecisionTable;
  collection_queue: CollectionQueueTable;
  disputes: DisputeTable;
  notes: NoteTable;
  payer_links: PayerLinkTable;
  portal_settings: PortalSettingTable;
  dispute_attachments: DisputeAttachmentTable;
  engine_actions: EngineActionTable;
  suppressions: SuppressionTable;
  outbox_messages: OutboxMessageTable;
  settings: SettingTable;
  scheduled_jobs: ScheduledJobTable;
  worker_heartbeats: WorkerHeartbeatTable;
  audit_log: AuditLogTable;
  sending_domains: SendingDomainTable;
  inbound_messages: InboundMessageTable;
  users: UserTable;
  memberships: MembershipTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  idempotency_keys: IdempotencyKeyTable;
  payments: PaymentTable;
  payment_allocations: PaymentAllocationTable;
  payment_reversals: PaymentReversalTable;
  webhook_deliveries: WebhookDeliveryTable;
  payment_connectors: PaymentConnectorTable;
  remittances: RemittanceTable;
}

export interface PaymentTable {
  id: Generated<number>;
  workspace_id: string;
  source: 'stripe' | 'api' | 'webhook' | 'csv' | 'portal';
  source_id: string;
  amount_minor: number;
  currency: string;
  received_at: number;
  customer_id: string | null;
  payer_name: string | null;
  memo: string | null;
  /** JSON object. */
  detail: string;
  recorded_by: string;
  status: 'unapplied' | 'partially_applied' | 'applied' | 'reversed';
  unapplied_minor: number;
  reversed_minor: Generated<number>;
  created_at: number;
}

export interface PaymentAllocationTable {
  id: Generated<number>;
  workspace_id: string;
  payment_id: number;
  invoice_id: string;
  amount_minor: number;
  reversed_minor: Generated<number>;
  allocated_by: string;
  confidence_percent: number | null;
  note: string | null;
  at: number;
}

export interface PaymentReversalTable {
  id: Generated<number>;
  workspace_id: string;
  payment_id: number;
  reference: string;
  reason: 'refund' | 'chargeback';
  amount_minor: number;
  from_unapplied_minor: number;
  /** JSON array of {allocationId, invoiceId, amountMinor}. */
  parts: string;
  at: number;
  recorded_by: string;
  note: string | null;
  reinstated_at: number | null;
}

export interface WebhookDeliveryTable {
  workspace_id: string;
  processor: 'stripe' | 'webhook';
  event_id: string;
  event_type: string;
  event_at: number;
  received_at: number;
  /** JSON object. */
  event: string;
  status: 'received' | 'waiting' | 'applied' | 'ignored';
  waiting_for: string | null;
  outcome: string | null;
  processed_at: number | null;
}

export interface PaymentConnectorTable {
  workspace_id: string;
  processor: 'stripe' | 'webhook';
  secret_key: string | null;
  webhook_secret: string;
  set_by: string;
  set_at: number;
}

export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

export interface MembershipTable {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: number;
}

export interface SessionTable {
  /** SHA-256 of the cookie's value, hex. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  /** The absolute end, whatever the activity. */
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationTable {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  revoked_at: number | null;
}

export interface ApiTokenTable {
  id: string;
  workspace_id: string;
  name: string;
  role: Role;
  token_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  /** 'email:<address>' or 'ip:<address>'. */
  subject: string;
  at: number;
  succeeded: number;
}

export interface IdempotencyKeyTable {
  /** Who and where: '<organisation>/<user or token id>'; one caller's keys never meet another's. */
  scope: string;
  key: string;
  request_hash: string;
  status: 'pending' | 'done';
  status_code: number | null;
  /** The JSON body that was answered. */
  response: string | null;
  created_at: number;
}

export interface RemittanceTable {
  id: Generated<number>;
  workspace_id: string;
  payment_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  content_base64: string;
  format: 'csv' | 'pdf' | 'text';
  /** JSON object: the advice as read. */
  advice: string;
  /** JSON object: the proposal made at upload. */
  proposal: string;
  status: 'proposed' | 'accepted';
  uploaded_by: string;
  uploaded_at: number;
  accepted_by: string | null;
  accepted_at: number | null;
  /** JSON object: what accepting applied. */
  acceptance: string | null;
}
