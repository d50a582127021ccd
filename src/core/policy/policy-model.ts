import type { CatchUpMode, Condition, Role, SegmentField, Tone } from './policy-schema.ts';

// The resolved policy the engine runs: references checked, guardrails merged per key
// (built-in defaults < workspace < cadence < segment), times as minutes of the day.

export interface QuietHours {
  /** Minutes after local midnight. The window is [fromMinute, toMinute); it spans midnight when from > to. */
  fromMinute: number;
  toMinute: number;
}

export interface Guardrails {
  sendAtMinute: number;
  quietHours: QuietHours | null;
  /** ISO weekday numbers allowed for sending: 1 = Monday … 7 = Sunday. */
  days: ReadonlySet<number>;
  /** A date-holidays calendar code (US, DE-BY, GB-ENG) or null for none. */
  holidays: string | null;
  maxSendsPerDay: number;
  /** In major units of the invoice's currency, as a decimal string. */
  minBalance: string;
  catchUp: CatchUpMode;
  consolidate: boolean;
  replyPauseDays: number;
  promiseGraceDays: number;
}

export interface Sender {
  domain: string;
  /** Epoch day (days since 1970-01-01) in the workspace's time zone, or null when not warming up. */
  warmupStartDay: number | null;
  /** Messages a day per week of warm-up; after the last week, no cap. */
  warmupRamp: readonly number[];
  /** The From address of its messages. */
  address: string;
}

/** How the workspace's emails look; every field has a value once resolved. */
export interface Branding {
  /** Shown in the email's header and footer: the branding's companyName, else the workspace name, else 'Plixo'. */
  companyName: string;
  /** An https:// image shown in the header instead of the name; null for none. */
  logoUrl: string | null;
  /** '#RRGGBB': header, buttons and links. */
  color: string;
  senderName: string | null;
  /** May span several lines. */
  signature: string | null;
}

export const defaultBrandColor = '#1f6feb';

export interface WorkspacePolicy {
  name: string | null;
  timeZone: string;
  locale: string;
  currency: string;
  plan: 'starter' | 'growth' | 'scale' | 'enterprise';
  guardrails: Guardrails;
  senders: readonly Sender[];
  branding: Branding;
}

export interface CadenceStep {
  id: string;
  day: number;
  action: 'email' | 'task';
  template: string | null;
  tone: Tone;
  attach: readonly ('statement' | 'invoice')[];
  assignTo: Role;
}

export interface Escalation {
  id: string;
  day: number;
  unlessResponse: boolean;
  assignTo: Role;
  stop: boolean;
}

export interface ApprovalTier {
  /** Upper bound (percent for discounts, major units for credits); null = anything above the previous bound. */
  upTo: string | null;
  approvers: readonly Role[];
}

export interface Cadence {
  name: string;
  description: string | null;
  tone: Tone;
  /** Sorted by day, then by position in the file. */
  steps: readonly CadenceStep[];
  escalations: readonly Escalation[];
  caps: { discount: readonly ApprovalTier[]; credit: readonly ApprovalTier[] };
}

export interface SegmentCondition {
  field: SegmentField;
  condition: Condition;
}

export interface Segment {
  name: string;
  priority: number;
  conditions: readonly SegmentCondition[];
  cadence: Cadence;
  mode: 'shadow' | 'autopilot';
  sendCap: number | null;
  sender: Sender | null;
  /** Workspace defaults, then the cadence's overrides, then the segment's, merged per key. */
  guardrails: Guardrails;
}

export interface Template {
  name: string;
  subject: Partial<Record<Tone, string>>;
  body: Partial<Record<Tone, string>>;
  attach: readonly ('statement' | 'invoice')[];
}

export interface Policy {
  workspace: WorkspacePolicy;
  cadences: ReadonlyMap<string, Cadence>;
  templates: ReadonlyMap<string, Template>;
  /** In the order they are tried: priority ascending, then name. */
  segments: readonly Segment[];
}

export const defaultWarmupRamp: readonly number[] = [50, 100, 200, 400, 800, 1600, 3200, 3200];

/** The priority of a segment that states none: after segments that do, before catch-alls such as 1000. */
export const defaultSegmentPriority = 100;
