import { z } from 'zod';
import { AppError } from '../../../../app/app-error.ts';
import { loadLivePolicy } from '../../../../app/load-live-policy.ts';
import { createPolicyDraft, editPolicyDraft, lintBundle } from '../../../../app/policies/manage-policy-drafts.ts';
import { previewPolicyPublish } from '../../../../app/policies/preview-policy-publish.ts';
import { publishPolicyVersion } from '../../../../app/policies/publish-policy-version.ts';
import { previewTemplate, sendTemplateTest } from '../../../../app/policies/preview-template.ts';
import type { PolicyPublishState } from '../../../../app/ports/policy-publishing-store.ts';
import type { Store, StoredPolicyVersion } from '../../../../app/ports/store.ts';
import { segmentFieldTypes, segmentOperatorsByType } from '../../../../core/policy/check-segments.ts';
import { diffPolicyBundles } from '../../../../core/policy/diff-policy-bundles.ts';
import { segmentFields, tones } from '../../../../core/policy/policy-schema.ts';
import { knownMergeTags } from '../../../../core/policy/scan-merge-tags.ts';
import { defineRoute } from '../define-route.ts';

// Policies as versions: the live policy, drafts, the impact preview, publishing and rollback,
// and diffs. The same routes serve the admin app and policy-as-code (`plixo policy publish`).

const org = z.object({ orgId: z.string().min(1) });
/** People edit and publish from the app on every plan; programs need Growth and up. */
const policyAsCode = { feature: 'policy_as_code' as const, tokensOnly: true };
const byVersion = org.extend({ version: z.coerce.number().int().positive() });
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const file = z.object({ path: z.string().min(1).max(300), text: z.string().max(1_000_000) });
const files = z.array(file).min(1).max(200);
const segmentsInput = z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]);
const note = z.string().max(2000).optional();

const issueView = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), severity: z.enum(['error', 'warning']), code: z.string(), message: z.string() });
const versionSummary = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  revision: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  basedOn: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  note: z.string().nullable(),
  /** true for the live version: every segment not given another runs it. */
  live: z.boolean(),
  /** Segments given this version by a publish to chosen segments. */
  segments: z.array(z.string()),
});
const versionDetail = versionSummary.extend({ files: z.array(file), issues: z.array(issueView) });
const nextAction = z.object({ type: z.string(), at: z.string(), step: z.string().nullable(), template: z.string().nullable(), reason: z.string().nullable() }).nullable();
const side = z.object({ segment: z.string().nullable(), version: z.number().int().nullable(), next: nextAction });
const previewView = z.object({
  version: z.number().int(),
  segments: segmentsInput,
  expectedRevision: z.number().int(),
  expectedDraftRevision: z.number().int().nullable(),
  horizon: z.object({ from: z.string(), to: z.string() }),
  considered: z.number().int(),
  changed: z.number().int(),
  bySegment: z.array(z.object({ segment: z.string(), considered: z.number().int(), changed: z.number().int() })),
  sample: z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string(), customerId: z.string(), before: side, after: side })),
  /** Why the publish would be refused (a chosen segment under 70 % contact coverage); empty: it would not. */
  blockers: z.array(z.string()),
});
const stateView = z.object({ revision: z.number().int(), liveVersion: z.number().int().nullable(), segmentVersions: z.array(z.object({ segment: z.string(), version: z.number().int() })) });
const diffView = z.object({
  from: z.string(),
  to: z.string(),
  files: z.array(z.object({ path: z.string(), change: z.enum(['added', 'removed', 'changed']), added: z.number().int(), removed: z.number().int(), patch: z.string() })),
});

const templateRequest = z.object({ files, template: z.string().min(1), tone: z.enum(tones).default('neutral'), invoiceId: z.string().min(1).optional() });
const templatePreview = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  customerName: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), bytes: z.number().int() })),
});

/** Every field a segment may match on, with the operators that can hold on it (what the linter accepts). */
const segmentFieldOptions = segmentFields.map((field) => ({ field, type: segmentFieldTypes[field], operators: [...segmentOperatorsByType[segmentFieldTypes[field]]] }));

function summarise(version: StoredPolicyVersion, state: PolicyPublishState): z.infer<typeof versionSummary> {
  return {
    version: version.version,
    status: version.status,
    revision: version.revision,
    createdAt: iso(version.createdAt)!,
    createdBy: version.createdBy,
    basedOn: version.basedOn,
    publishedAt: iso(version.publishedAt),
    publishedBy: version.publishedBy,
    note: version.note,
    live: state.liveVersion === version.version,
    segments: state.segmentVersions.filter((entry) => entry.version === version.version).map((entry) => entry.segment),
  };
}

function detail(version: StoredPolicyVersion, state: PolicyPublishState): z.infer<typeof versionDetail> {
  return { ...summarise(version, state), files: version.bundle, issues: lintBundle(version.bundle) };
}

function stateOf(state: PolicyPublishState): z.infer<typeof stateView> {
  return { revision: state.revision, liveVersion: state.liveVersion, segmentVersions: state.segmentVersions.map(({ segment, version }) => ({ segment, version })) };
}

async function requireVersion(store: Store, organisationId: string, version: number): Promise<StoredPolicyVersion> {
  const found = await store.getPolicyVersion(organisationId, version);
  if (!found) throw new AppError('not_found', `policy version ${version} does not exist in this organisation`, { record: `policy version ${version}` });
  return found;
}

export const policyRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/policy',
    summary: 'The live policy: which version each segment runs, and every version with its status',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: policyAsCode,
    params: org,
    response: z.object({
      state: stateView,
      segments: z.array(z.object({ segment: z.string(), version: z.number().int(), priority: z.number(), mode: z.enum(['shadow', 'autopilot']), cadence: z.string() })),
      versions: z.array(versionSummary),
      /** Why the live policy does not run, when it does not (nothing published, a version with errors). */
      problem: z.string().nullable(),
    }),
    async handler({ deps, organisationId }) {
      const state = await deps.store.getPolicyPublishState(organisationId);
      const versions = await deps.store.listPolicyVersions(organisationId);
      const live = await liveSegments(deps.store, organisationId);
      return { state: stateOf(state), segments: live.segments, versions: versions.map((version) => summarise(version, state)), problem: live.problem };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/policy/versions/:version',
    summary: 'One version: its files and the linter’s findings',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: policyAsCode,
    params: byVersion,
    response: versionDetail,
    async handler({ deps, organisationId, params }) {
      const version = await requireVersion(deps.store, organisationId, params.version);
      return detail(version, await deps.store.getPolicyPublishState(organisationId));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/versions',
    summary: 'Start a draft: from the files given, or a copy of a version (basedOn), or of the live version',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.edit' },
    plan: policyAsCode,
    params: org,
    body: z.object({ files: files.optional(), basedOn: z.number().int().positive().optional(), note }),
    response: versionDetail,
    status: 201,
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      const { version } = await createPolicyDraft({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        ...(body.files ? { files: body.files } : {}),
        ...(body.basedOn !== undefined ? { basedOn: body.basedOn } : {}),
        note: body.note ?? null,
      });
      return detail(version, await deps.store.getPolicyPublishState(organisationId));
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/orgs/:orgId/policy/versions/:version',
    summary: 'Save a draft from the revision read (a published version is refused: create a draft)',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.edit' },
    plan: policyAsCode,
    params: byVersion,
    body: z.object({ files, revision: z.number().int().positive(), note }),
    response: versionDetail,
    async handler({ deps, organisationId, actor, params, body, now }) {
      const { version } = await editPolicyDraft({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        version: params.version,
        files: body.files,
        revision: body.revision,
        ...(body.note !== undefined ? { note: body.note } : {}),
      });
      return detail(version, await deps.store.getPolicyPublishState(organisationId));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/versions/:version/preview',
    summary: 'The impact of publishing a version to segments: invoices whose next action changes, with a before/after sample',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.edit' },
    plan: policyAsCode,
    params: byVersion,
    body: z.object({ segments: segmentsInput, horizonDays: z.number().int().min(1).max(365).optional(), sampleSize: z.number().int().min(0).max(200).optional() }),
    response: previewView,
    async handler({ deps, organisationId, params, body, now }) {
      return previewPolicyPublish({
        store: deps.store,
        workspaceId: organisationId,
        version: params.version,
        segments: body.segments,
        now,
        ...(body.horizonDays !== undefined ? { horizonDays: body.horizonDays } : {}),
        ...(body.sampleSize !== undefined ? { sampleSize: body.sampleSize } : {}),
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/versions/:version/publish',
    summary: 'Publish a version to segments (or "all"); an earlier version again is a rollback. 409 when another publish came first',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.publish' },
    plan: policyAsCode,
    params: byVersion,
    body: z.object({ segments: segmentsInput, expectedRevision: z.number().int().nonnegative(), expectedDraftRevision: z.number().int().positive().optional(), note }),
    response: z.object({ version: versionSummary, kind: z.enum(['publish', 'rollback']), state: stateView }),
    idempotent: true,
    async handler({ deps, organisationId, actor, params, body, now }) {
      const outcome = await publishPolicyVersion({
        store: deps.store,
        now,
        workspaceId: organisationId,
        by: actor!,
        version: params.version,
        segments: body.segments,
        expectedRevision: body.expectedRevision,
        ...(body.expectedDraftRevision !== undefined ? { expectedDraftRevision: body.expectedDraftRevision } : {}),
        note: body.note ?? null,
      });
      return { version: summarise(outcome.version, outcome.state), kind: outcome.kind, state: stateOf(outcome.state) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/orgs/:orgId/policy/diff',
    summary: 'What changed from one version to another, file by file (unified diffs)',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: policyAsCode,
    params: org,
    query: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
    response: diffView,
    async handler({ deps, organisationId, query }) {
      const from = await requireVersion(deps.store, organisationId, query.from);
      const to = await requireVersion(deps.store, organisationId, query.to);
      return { from: `version ${from.version}`, to: `version ${to.version}`, files: diffPolicyBundles(from.bundle, to.bundle) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/diff',
    summary: 'What a bundle would change against a version (default: the live one), file by file; nothing is saved',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: policyAsCode,
    params: org,
    body: z.object({ files, against: z.number().int().positive().optional() }),
    response: diffView,
    async handler({ deps, organisationId, body }) {
      const against = body.against !== undefined ? await requireVersion(deps.store, organisationId, body.against) : await deps.store.getLivePolicyVersion(organisationId);
      return { from: against ? `version ${against.version}` : 'nothing published', to: 'the files given', files: diffPolicyBundles(against?.bundle ?? [], body.files) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/lint',
    summary: 'The linter’s findings on files being edited, without saving them; with the merge tags a template may use and the fields and operators a segment may match on',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: policyAsCode,
    params: org,
    body: z.object({ files }),
    response: z.object({
      issues: z.array(issueView),
      mergeTags: z.array(z.string()),
      segmentFields: z.array(z.object({ field: z.enum(segmentFields), type: z.enum(['number', 'text', 'list']), operators: z.array(z.string()) })),
    }),
    async handler({ body }) {
      return { issues: lintBundle(body.files), mergeTags: [...knownMergeTags], segmentFields: segmentFieldOptions };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/template-preview',
    summary: 'A template of the files given rendered for a sample invoice (default: the first open one): subject, HTML, text and attachments; nothing is saved or sent',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.view' },
    plan: policyAsCode,
    params: org,
    body: templateRequest,
    response: templatePreview,
    async handler({ deps, organisationId, body, now }) {
      return previewTemplate({
        store: deps.store,
        now,
        workspaceId: organisationId,
        files: body.files,
        template: body.template,
        tone: body.tone,
        ...(body.invoiceId ? { invoiceId: body.invoiceId } : {}),
        links: deps.messages.previewLinks,
        documents: deps.messages.documents,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/orgs/:orgId/policy/template-test',
    summary: 'Send a template of the files given, rendered for a sample invoice, to yourself (subject marked [Test]); never to the customer',
    tag: 'Policies',
    access: { kind: 'organisation', permission: 'policy.edit' },
    plan: policyAsCode,
    params: org,
    body: templateRequest,
    response: templatePreview.extend({ sentTo: z.string() }),
    idempotent: true,
    async handler({ deps, organisationId, actor, body, now }) {
      return sendTemplateTest({
        store: deps.store,
        now,
        workspaceId: organisationId,
        files: body.files,
        template: body.template,
        tone: body.tone,
        ...(body.invoiceId ? { invoiceId: body.invoiceId } : {}),
        links: deps.messages.previewLinks,
        documents: deps.messages.documents,
        by: actor!,
        userMailer: deps.userMailer,
        key: `template-test/${organisationId}/${body.template}/${now}`,
      });
    },
  }),
];

async function liveSegments(store: Store, organisationId: string) {
  try {
    const live = await loadLivePolicy(store, organisationId);
    const segments = live.policy.segments.map((segment) => ({
      segment: segment.name,
      version: live.versionOfSegment.get(segment.name) ?? live.version,
      priority: segment.priority,
      mode: segment.mode,
      cadence: segment.cadence.name,
    }));
    return { segments, problem: null };
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'policy_invalid')) return { segments: [], problem: error.message };
    throw error;
  }
}
