import { z } from 'zod';
import { isCalendarDate } from '../time/calendar-day.ts';

// The documents of a policy bundle, as written in YAML (spec section 1). Keys follow the spec;
// the resolved model the engine uses (policy-model.ts) renames them to the house style.

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a slug: lower-case letters, digits and dashes, starting with a letter or digit');

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day written HH:MM, such as "09:00"');

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a date that exists in the calendar');


export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const tones = ['formal', 'neutral', 'confident'] as const;
export const roles = ['controller', 'ar_manager', 'operator', 'legal', 'billing_admin', 'sales', 'csm', 'viewer'] as const;
export const plans = ['starter', 'growth', 'scale', 'enterprise'] as const;
export const catchUpModes = ['latest', 'sequential', 'skip'] as const;
export const attachmentKinds = ['statement', 'invoice'] as const;

const decimalAmount = z.union([
  z.number().nonnegative('must not be negative'),
  z.string().regex(/^\d+(\.\d+)?$/, 'must be an amount such as 500 or 500.00'),
]);

export const guardrailsSchema = z
  .object({
    sendAt: localTime,
    quietHours: z.union([z.literal('none'), z.object({ from: localTime, to: localTime }).strict()]),
    days: z.array(z.enum(weekdays)).min(1, 'must list at least one day'),
    holidays: z.union([
      z.literal('none'),
      z.string().regex(/^[A-Z]{2}(-[A-Za-z0-9]+){0,2}$/, 'must be none or a calendar code such as US, DE-BY or GB-ENG'),
    ]),
    maxSendsPerDay: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    minBalance: decimalAmount,
    catchUp: z.enum(catchUpModes),
    consolidate: z.boolean(),
    replyPauseDays: z.number().int('must be a whole number of days').min(0, 'must not be negative'),
    promiseGraceDays: z.number().int('must be a whole number of days').min(0, 'must not be negative'),
  })
  .strict();

export const guardrailOverridesSchema = guardrailsSchema.partial();

export const senderSchema = z
  .object({
    domain: z.string().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'must be a domain name such as ar.acme.example'),
    warmupStart: isoDate.optional(),
    warmupRamp: z.array(z.number().int().positive()).min(1).optional(),
    /** The From address of messages through this domain; default receivables@<domain>. */
    address: z.string().regex(/^[^\s@<>"]+@[^\s@<>"]+$/, 'must be an email address such as ar@ar.acme.example').optional(),
  })
  .strict()
  .refine((sender) => sender.address === undefined || sender.address.toLowerCase().endsWith(`@${sender.domain.toLowerCase()}`), {
    path: ['address'],
    message: 'must be an address of the sending domain (…@domain), so SPF, DKIM and DMARC align',
  });

// How emails look: the header, the colour of buttons and links, and who signs them.
export const brandingSchema = z
  .object({
    companyName: z.string().trim().min(1, 'must not be empty').optional(),
    logoUrl: z
      .string()
      .regex(/^https:\/\/[^\s"'<>]+$/, 'must be an https:// address, such as https://acme.example/logo.png')
      .refine((text) => URL.canParse(text), 'is not a valid web address')
      .optional(),
    color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour written #RRGGBB, such as #1f6feb').optional(),
    senderName: z.string().trim().min(1, 'must not be empty').optional(),
    signature: z.string().trim().min(1, 'must not be empty').optional(),
  })
  .strict();

export const workspaceSchema = z
  .object({
    kind: z.literal('Workspace'),
    name: slug.optional(),
    timezone: z.string(),
    locale: z.string(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD'),
    plan: z.enum(plans),
    guardrails: guardrailOverridesSchema.optional(),
    senders: z.array(senderSchema).optional(),
    branding: brandingSchema.optional(),
  })
  .strict();

export const stepSchema = z
  .object({
    id: slug,
    day: z.number().int('must be a whole number of days'),
    action: z.enum(['email', 'task']).optional(),
    template: slug.optional(),
    tone: z.enum(tones).optional(),
    attach: z.array(z.enum(attachmentKinds)).optional(),
    assignTo: z.enum(roles).optional(),
  })
  .strict();

export const escalationSchema = z
  .object({
    id: slug,
    day: z.number().int('must be a whole number of days'),
    unless: z.literal('response').optional(),
    assignTo: z.enum(roles),
    stop: z.boolean().optional(),
  })
  .strict();

const percent = z.string().regex(/^\d+(\.\d+)?%$/, 'must be a percentage such as 5%');

export const discountTierSchema = z
  .object({ upTo: percent.optional(), approvers: z.array(z.enum(roles)).optional() })
  .strict();
export const creditTierSchema = z
  .object({ upTo: decimalAmount.optional(), approvers: z.array(z.enum(roles)).optional() })
  .strict();

export const cadenceSchema = z
  .object({
    kind: z.literal('Cadence'),
    name: slug,
    description: z.string().optional(),
    tone: z.enum(tones).optional(),
    steps: z.array(stepSchema).min(1, 'a cadence needs at least one step'),
    escalations: z.array(escalationSchema).optional(),
    guardrails: guardrailOverridesSchema.optional(),
    caps: z
      .object({ discount: z.array(discountTierSchema).optional(), credit: z.array(creditTierSchema).optional() })
      .strict()
      .optional(),
  })
  .strict();

const perTone = z
  .object({ formal: z.string().optional(), neutral: z.string().optional(), confident: z.string().optional() })
  .strict();

export const templateSchema = z
  .object({
    kind: z.literal('Template'),
    name: slug,
    description: z.string().optional(),
    subject: z.union([z.string(), perTone]),
    body: z.union([z.string(), perTone]),
    attach: z.array(z.enum(attachmentKinds)).optional(),
  })
  .strict();

export const segmentFields = [
  'customer.id',
  'customer.name',
  'customer.tags',
  'customer.region',
  'customer.industry',
  'customer.score',
  'customer.tier',
  'invoice.currency',
  'invoice.amount',
  'invoice.balance',
  'invoice.daysPastDue',
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const conditionSchema = z
  .object({
    eq: scalar.optional(),
    ne: scalar.optional(),
    in: z.array(scalar).optional(),
    includes: scalar.optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    between: z.tuple([z.number(), z.number()]).optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'needs at least one operator (eq, ne, in, includes, lt, lte, gt, gte, between)');

export const segmentSchema = z
  .object({
    kind: z.literal('Segment'),
    name: slug,
    description: z.string().optional(),
    priority: z.number().int('must be a whole number').optional(),
    // partialRecord: in zod 4 a record keyed by an enum requires every key; a segment names only some fields.
    match: z.partialRecord(z.enum(segmentFields), conditionSchema).nullable().optional(),
    cadence: slug,
    mode: z.enum(['shadow', 'autopilot']),
    sendCap: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
    sender: z.string().optional(),
    guardrails: guardrailOverridesSchema.optional(),
    notes: z.string().optional(),
  })
  .strict();

export const expectedActionSchema = z
  .object({
    at: z.string(),
    type: z.enum(['send', 'draft', 'task', 'escalate', 'skip']),
    customer: z.string().optional(),
    invoices: z.array(z.string()).optional(),
    step: z.string().optional(),
    template: z.string().optional(),
    tone: z.enum(tones).optional(),
    segment: z.string().optional(),
    reason: z.string().optional(),
    assignTo: z.enum(roles).optional(),
    to: z.array(z.string()).optional(),
  })
  .strict();

export const policyTestSchema = z
  .object({
    kind: z.literal('PolicyTest'),
    name: z.string().min(1, 'must not be empty'),
    data: z.string().optional(),
    customers: z.array(z.unknown()).optional(),
    invoices: z.array(z.unknown()).optional(),
    events: z.array(z.unknown()).optional(),
    from: z.string(),
    to: z.string(),
    exact: z.boolean().optional(),
    expect: z.array(expectedActionSchema),
  })
  .strict();

export const policyDocumentSchema = z.discriminatedUnion('kind', [
  workspaceSchema,
  cadenceSchema,
  templateSchema,
  segmentSchema,
  policyTestSchema,
]);

export type WorkspaceDocument = z.infer<typeof workspaceSchema>;
export type CadenceDocument = z.infer<typeof cadenceSchema>;
export type TemplateDocument = z.infer<typeof templateSchema>;
export type SegmentDocument = z.infer<typeof segmentSchema>;
export type PolicyTestDocument = z.infer<typeof policyTestSchema>;
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type BrandingDocument = z.infer<typeof brandingSchema>;
export type GuardrailOverrides = z.infer<typeof guardrailOverridesSchema>;
export type Tone = (typeof tones)[number];
export type Role = (typeof roles)[number];
export type Weekday = (typeof weekdays)[number];
export type CatchUpMode = (typeof catchUpModes)[number];
export type SegmentField = (typeof segmentFields)[number];
export type Condition = z.infer<typeof conditionSchema>;
export type ExpectedAction = z.infer<typeof expectedActionSchema>;
