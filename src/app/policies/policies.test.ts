import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../testing/expect-app-error.ts';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import type { Actor } from '../access/actor.ts';
import { loadLivePolicy } from '../load-live-policy.ts';
import type { PolicyFile, Store } from '../ports/store.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { createPolicyDraft, editPolicyDraft } from './manage-policy-drafts.ts';
import { previewPolicyPublish } from './preview-policy-publish.ts';
import { publishPolicyVersion } from './publish-policy-version.ts';

// Drafts, the impact preview, publishing to segments and rolling back, over a real SQLite store.

const now = Date.UTC(2026, 11, 2, 12); // a Wednesday
const ana: Actor = { kind: 'user', id: 'u1', label: 'ana@acme.example', role: 'ar_manager' };

const segments = `kind: Segment
name: smb
priority: 10
match:
  customer.tags: { includes: smb }
cadence: standard
mode: shadow
---
kind: Segment
name: everyone
priority: 1000
cadence: standard
mode: shadow
`;

const cadence = (dueDay: number) => `kind: Cadence
name: standard
tone: neutral
steps:
  - id: due
    day: ${dueDay}
    template: reminder
`;

const bundle = (dueDay: number): PolicyFile[] => buildPolicyFiles({ 'segments.yaml': segments, 'cadence.yaml': cadence(dueDay) });

let database: DatabaseHandle;
let store: Store;

beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrateToLatest(database);
  store = createStore(database, { now: () => now });
  await store.upsertWorkspace(buildWorkspace({ id: 'acme' }));
  await store.upsertCustomers('acme', [
    buildCustomer({ id: 'c1', tags: ['smb'], contacts: [{ email: 'ap@one.example', name: 'One', role: 'ap', isPrimary: true }] }),
    buildCustomer({ id: 'c2', tags: ['enterprise'], contacts: [{ email: 'ap@two.example', name: 'Two', role: 'ap', isPrimary: true }] }),
  ]);
  const known = now - 86_400_000;
  await store.upsertInvoices('acme', [
    buildInvoice({ id: 'INV-1', number: 'INV-1', customerId: 'c1', issuedOn: '2026-11-07', dueOn: '2026-12-07', knownAt: known }),
    buildInvoice({ id: 'INV-2', number: 'INV-2', customerId: 'c1', issuedOn: '2026-11-08', dueOn: '2026-12-08', knownAt: known }),
    buildInvoice({ id: 'INV-3', number: 'INV-3', customerId: 'c2', issuedOn: '2026-11-07', dueOn: '2026-12-07', knownAt: known }),
  ]);
  await store.savePolicyVersion('acme', { version: 1, bundle: bundle(0), status: 'published' });
});
afterEach(() => database.close());


describe('drafts', () => {
  it('starts a draft as a copy of the live version and saves edits from the current revision only', async () => {
    const { version: draft, issues } = await createPolicyDraft({ store, now, workspaceId: 'acme', by: ana });
    expect(draft).toMatchObject({ version: 2, status: 'draft', basedOn: 1, revision: 1, createdBy: 'ana@acme.example', bundle: bundle(0) });
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);

    const saved = await editPolicyDraft({ store, now, workspaceId: 'acme', by: ana, version: 2, files: bundle(2), revision: 1 });
    expect(saved.version.revision).toBe(2);
    const stale = await rejection(editPolicyDraft({ store, now, workspaceId: 'acme', by: ana, version: 2, files: bundle(3), revision: 1 }));
    expect([stale.code, stale.details?.field]).toEqual(['conflict', 'revision']);
    expect((await store.getPolicyVersion('acme', 2))?.bundle).toEqual(bundle(2));

    const audit = await store.listAudit({ workspaceId: 'acme' });
    expect(audit.map((entry) => entry.action).sort()).toEqual(['policy.draft', 'policy.edit']);
    expect(audit.find((entry) => entry.action === 'policy.edit')?.detail).toMatchObject({ role: 'ar_manager', after: { revision: 2, changed: ['cadence.yaml'] } });
  });

  it('refuses to edit a published version and points to creating a draft', async () => {
    const error = await rejection(editPolicyDraft({ store, now, workspaceId: 'acme', by: ana, version: 1, files: bundle(5), revision: 1 }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('create a draft');
    expect((await store.getPolicyVersion('acme', 1))?.bundle).toEqual(bundle(0));
  });

  it('keeps a draft with lint errors and reports them; such a draft cannot be published', async () => {
    const broken = buildPolicyFiles({ 'segments.yaml': segments.replace('cadence: standard', 'cadence: missing') });
    const { version, issues } = await createPolicyDraft({ store, now, workspaceId: 'acme', by: ana, files: broken });
    expect(issues.some((issue) => issue.severity === 'error' && issue.file === 'segments.yaml')).toBe(true);
    const error = await rejection(publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: version.version, segments: 'all', expectedRevision: 1 }));
    expect(error.code).toBe('policy_invalid');
    expect((await store.getPolicyVersion('acme', version.version))?.status).toBe('draft');
  });
});

describe('publishing', () => {
  async function draftWithLaterDueStep() {
    const { version } = await createPolicyDraft({ store, now, workspaceId: 'acme', by: ana, files: bundle(2), note: 'two days of grace' });
    return version;
  }

  it('previews a publish to one segment: only its invoices, each with its next action before and after', async () => {
    const draft = await draftWithLaterDueStep();
    const preview = await previewPolicyPublish({ store, workspaceId: 'acme', version: draft.version, segments: ['smb'], now });
    expect(preview).toMatchObject({ version: 2, expectedRevision: 1, expectedDraftRevision: 1, considered: 2, changed: 2, bySegment: [{ segment: 'smb', considered: 2, changed: 2 }] });
    expect(preview.sample.map((impact) => [impact.invoiceId, impact.before.next?.at.slice(0, 10), impact.after.next?.at.slice(0, 10), impact.before.version, impact.after.version])).toEqual([
      ['INV-1', '2026-12-07', '2026-12-09', 1, 2],
      ['INV-2', '2026-12-08', '2026-12-10', 1, 2],
    ]);
    expect(preview.sample[0]!.after.next).toMatchObject({ type: 'draft', step: 'standard/due', template: 'reminder' });
    // Previewing changes nothing.
    expect(await store.getPolicyPublishState('acme')).toMatchObject({ revision: 1, liveVersion: 1, segmentVersions: [] });
  });

  it('counts every segment for a publish to all, and nothing for the same policy again', async () => {
    const draft = await draftWithLaterDueStep();
    const everywhere = await previewPolicyPublish({ store, workspaceId: 'acme', version: draft.version, segments: 'all', now });
    expect([everywhere.considered, everywhere.changed]).toEqual([3, 3]);
    const same = await previewPolicyPublish({ store, workspaceId: 'acme', version: 1, segments: 'all', now });
    expect([same.considered, same.changed, same.sample]).toEqual([3, 0, []]);
  });

  it('publishes what was previewed to the chosen segment, audited with before and after', async () => {
    const draft = await draftWithLaterDueStep();
    const preview = await previewPolicyPublish({ store, workspaceId: 'acme', version: draft.version, segments: ['smb'], now });
    const outcome = await publishPolicyVersion({
      store,
      now,
      workspaceId: 'acme',
      by: ana,
      version: 2,
      segments: ['smb'],
      expectedRevision: preview.expectedRevision,
      expectedDraftRevision: preview.expectedDraftRevision!,
      note: 'smb first',
    });
    expect(outcome).toMatchObject({ kind: 'publish', version: { status: 'published', publishedBy: 'ana@acme.example' }, state: { revision: 2, liveVersion: 1 } });
    const live = await loadLivePolicy(store, 'acme');
    expect([...live.versionOfSegment]).toEqual([['smb', 2], ['everyone', 1]]);
    expect(live.policy.segments.map((segment) => segment.cadence.steps[0]!.day)).toEqual([2, 0]);
    const [entry] = await store.listAudit({ workspaceId: 'acme', action: 'policy.publish' });
    expect(entry?.detail).toMatchObject({
      role: 'ar_manager',
      rationale: 'smb first',
      before: { liveVersion: 1, segmentVersions: [] },
      after: { liveVersion: 1, segmentVersions: [{ segment: 'smb', version: 2 }] },
    });
  });

  it('refuses a second publish made from the same preview, and an edit after the preview', async () => {
    const draft = await draftWithLaterDueStep();
    const other = (await createPolicyDraft({ store, now, workspaceId: 'acme', by: ana, files: bundle(4) })).version;
    await publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: draft.version, segments: 'all', expectedRevision: 1 });
    const late = await rejection(publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: other.version, segments: 'all', expectedRevision: 1 }));
    expect([late.code, late.details?.field]).toEqual(['conflict', 'expectedRevision']);
    expect((await store.getPolicyVersion('acme', other.version))?.status).toBe('draft');

    await editPolicyDraft({ store, now, workspaceId: 'acme', by: ana, version: other.version, files: bundle(5), revision: 1 });
    const edited = await rejection(publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: other.version, segments: 'all', expectedRevision: 2, expectedDraftRevision: 1 }));
    expect([edited.code, edited.details?.field]).toEqual(['conflict', 'expectedDraftRevision']);
  });

  it('rolls back by publishing the earlier version again', async () => {
    const draft = await draftWithLaterDueStep();
    await publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: draft.version, segments: 'all', expectedRevision: 1 });
    const back = await publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: 1, segments: 'all', expectedRevision: 2, note: 'grace confused customers' });
    expect(back).toMatchObject({ kind: 'rollback', state: { liveVersion: 1, revision: 3 } });
    expect((await loadLivePolicy(store, 'acme')).policy.segments.map((segment) => segment.cadence.steps[0]!.day)).toEqual([0, 0]);
    expect((await store.listAudit({ workspaceId: 'acme', action: 'policy.rollback' })).map((entry) => entry.subject)).toEqual(['policy version 1']);
  });

  it('names the segment a publish cannot go to', async () => {
    const draft = await draftWithLaterDueStep();
    const error = await rejection(publishPolicyVersion({ store, now, workspaceId: 'acme', by: ana, version: draft.version, segments: ['smb', 'enterprise'], expectedRevision: 1 }));
    expect([error.code, error.details?.field]).toEqual(['invalid_input', 'segments[1]']);
    expect(error.message).toContain('smb, everyone');
    expect(await store.getPolicyPublishState('acme')).toMatchObject({ revision: 1, segmentVersions: [] });
  });
});
