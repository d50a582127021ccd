import { parseCalendarDay } from '../time/calendar-day.ts';
import {
  defaultBrandColor,
  defaultSegmentPriority,
  defaultWarmupRamp,
  type ApprovalTier,
  type Branding,
  type Cadence,
  type Guardrails,
  type Policy,
  type Segment,
  type Sender,
  type Template,
  type WorkspacePolicy,
} from './policy-model.ts';
import type {
  CadenceDocument,
  GuardrailOverrides,
  Role,
  SegmentDocument,
  SegmentField,
  TemplateDocument,
  Tone,
  Weekday,
  WorkspaceDocument,
} from './policy-schema.ts';

// From checked documents to the model the engine runs. Guardrails merge per key:
// built-in defaults < Workspace < Cadence < Segment, so a segment that only sets `holidays`
// keeps everything else from the layers below.

export interface PolicyDocuments {
  workspace: WorkspaceDocument;
  cadences: readonly CadenceDocument[];
  templates: readonly TemplateDocument[];
  segments: readonly SegmentDocument[];
}

export const defaultGuardrails: Required<GuardrailOverrides> = {
  sendAt: '09:00',
  quietHours: { from: '20:00', to: '08:00' },
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  holidays: 'none',
  maxSendsPerDay: 1,
  minBalance: 0,
  catchUp: 'latest',
  consolidate: true,
  replyPauseDays: 3,
  promiseGraceDays: 1,
};

const isoWeekdays: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

function parseMinuteOfDay(text: string): number {
  const [hours = 0, minutes = 0] = text.split(':').map(Number);
  return hours * 60 + minutes;
}

function mergeOverrides(layers: readonly (GuardrailOverrides | undefined)[]): Required<GuardrailOverrides> {
  const merged: Record<string, unknown> = { ...defaultGuardrails };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) merged[key] = value;
  }
  return merged as Required<GuardrailOverrides>;
}

/** Guardrails of the built-in defaults with each layer's keys laid over them, in order. */
export function resolveGuardrails(...layers: (GuardrailOverrides | undefined)[]): Guardrails {
  const merged = mergeOverrides(layers);
  return {
    sendAtMinute: parseMinuteOfDay(merged.sendAt),
    quietHours:
      merged.quietHours === 'none'
        ? null
        : { fromMinute: parseMinuteOfDay(merged.quietHours.from), toMinute: parseMinuteOfDay(merged.quietHours.to) },
    days: new Set(merged.days.map((day) => isoWeekdays[day])),
    holidays: merged.holidays === 'none' ? null : merged.holidays,
    maxSendsPerDay: merged.maxSendsPerDay,
    minBalance: String(merged.minBalance),
    catchUp: merged.catchUp,
    consolidate: merged.consolidate,
    replyPauseDays: merged.replyPauseDays,
    promiseGraceDays: merged.promiseGraceDays,
  };
}

function resolveSender(sender: NonNullable<WorkspaceDocument['senders']>[number]): Sender {
  return {
    domain: sender.domain,
    warmupStartDay: sender.warmupStart === undefined ? null : parseCalendarDay(sender.warmupStart),
    warmupRamp: sender.warmupRamp ?? defaultWarmupRamp,
    address: sender.address ?? `receivables@${sender.domain}`,
  };
}

function resolveBranding(workspace: WorkspaceDocument): Branding {
  const branding = workspace.branding ?? {};
  return {
    companyName: branding.companyName ?? workspace.name ?? 'Plixo',
    logoUrl: branding.logoUrl ?? null,
    color: (branding.color ?? defaultBrandColor).toLowerCase(),
    senderName: branding.senderName ?? null,
    signature: branding.signature ?? null,
  };
}

function resolveWorkspace(workspace: WorkspaceDocument): WorkspacePolicy {
  return {
    name: workspace.name ?? null,
    timeZone: workspace.timezone,
    locale: workspace.locale,
    currency: workspace.currency,
    plan: workspace.plan,
    guardrails: resolveGuardrails(workspace.guardrails),
    senders: (workspace.senders ?? []).map(resolveSender),
    branding: resolveBranding(workspace),
  };
}

function resolveTiers(tiers: readonly { upTo?: string | number | undefined; approvers?: Role[] | undefined }[] | undefined): ApprovalTier[] {
  return (tiers ?? []).map((tier) => ({
    // Discount bounds are written "5%"; the model keeps the number, as its comment says.
    upTo: tier.upTo === undefined ? null : String(tier.upTo).replace(/%$/, ''),
    approvers: tier.approvers ?? [],
  }));
}

export function resolveCadence(cadence: CadenceDocument): Cadence {
  const tone: Tone = cadence.tone ?? 'neutral';
  const steps = cadence.steps.map((step) => ({
    id: step.id,
    day: step.day,
    action: step.action ?? 'email',
    template: step.template ?? null,
    tone: step.tone ?? tone,
    attach: step.attach ?? [],
    assignTo: step.assignTo ?? 'operator',
  }));
  return {
    name: cadence.name,
    description: cadence.description ?? null,
    tone,
    // Array.prototype.sort is stable: steps on one day keep their order in the file.
    steps: steps.sort((a, b) => a.day - b.day),
    escalations: (cadence.escalations ?? []).map((escalation) => ({
      id: escalation.id,
      day: escalation.day,
      unlessResponse: escalation.unless === 'response',
      assignTo: escalation.assignTo,
      stop: escalation.stop ?? false,
    })),
    caps: { discount: resolveTiers(cadence.caps?.discount), credit: resolveTiers(cadence.caps?.credit) },
  };
}

export function resolveTemplate(template: TemplateDocument): Template {
  const perTone = (texts: TemplateDocument['subject']): Partial<Record<Tone, string>> =>
    typeof texts === 'string' ? { neutral: texts } : Object.fromEntries(Object.entries(texts).filter(([, text]) => text !== undefined));
  return { name: template.name, subject: perTone(template.subject), body: perTone(template.body), attach: template.attach ?? [] };
}

interface SegmentContext {
  workspace: WorkspaceDocument;
  cadenceDocuments: ReadonlyMap<string, CadenceDocument>;
  cadences: ReadonlyMap<string, Cadence>;
  senders: readonly Sender[];
}

type SegmentConditionEntry = [SegmentField, NonNullable<NonNullable<SegmentDocument['match']>[SegmentField]>];

function resolveSegment(segment: SegmentDocument, context: SegmentContext): Segment {
  const cadence = context.cadences.get(segment.cadence);
  const cadenceDocument = context.cadenceDocuments.get(segment.cadence);
  // The loader reports dangling names as issues and resolves only a clean bundle; reaching
  // these throws means a caller skipped the checks.
  if (!cadence || !cadenceDocument) {
    throw new Error(`resolvePolicy: segment "${segment.name}" names cadence "${segment.cadence}", which is not in the bundle`);
  }
  const sender =
    segment.sender === undefined
      ? (context.senders[0] ?? null)
      : context.senders.find((candidate) => candidate.domain === segment.sender);
  if (sender === undefined) {
    throw new Error(`resolvePolicy: segment "${segment.name}" names sender "${segment.sender ?? ''}", which the workspace does not list`);
  }
  const entries = Object.entries(segment.match ?? {}) as SegmentConditionEntry[];
  return {
    name: segment.name,
    priority: segment.priority ?? defaultSegmentPriority,
    conditions: entries.map(([field, condition]) => ({ field, condition })),
    cadence,
    mode: segment.mode,
    sendCap: segment.sendCap ?? null,
    sender,
    guardrails: resolveGuardrails(context.workspace.guardrails, cadenceDocument.guardrails, segment.guardrails),
  };
}

/** Builds the engine's model from documents whose references have been checked (see loadPolicyBundle). */
export function resolvePolicy(documents: PolicyDocuments): Policy {
  const workspace = resolveWorkspace(documents.workspace);
  const cadences = new Map(documents.cadences.map((cadence) => [cadence.name, resolveCadence(cadence)]));
  const cadenceDocuments = new Map(documents.cadences.map((cadence) => [cadence.name, cadence]));
  const context: SegmentContext = { workspace: documents.workspace, cadenceDocuments, cadences, senders: workspace.senders };
  const segments = documents.segments
    .map((segment) => resolveSegment(segment, context))
    .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    workspace,
    cadences,
    templates: new Map(documents.templates.map((template) => [template.name, resolveTemplate(template)])),
    segments,
  };
}
