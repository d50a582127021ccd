// Publishing while the worker plans: the planner ticks through three weeks while publishes to all
// segments and to one segment land between and during its ticks. Every message must come from one
// version alone. Each version marks its template's subject per tone and its body, and odd versions'
// cadences use the neutral tone, even ones the formal tone: a message whose cadence came from one
// version and template from another shows two different version marks. Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { listStorageTargets } from '../../adapters/storage/testing/storage-targets.ts';
import { AppError } from '../app-error.ts';
import { createPreviewLinks } from '../messages/create-preview-links.ts';
import { planWorkspace } from '../plan-workspace.ts';
import { buildCustomer, buildInvoice, buildWorkspace } from '../testing/build-store-inputs.ts';
import { createFakeDocuments } from '../testing/fake-documents.ts';
import { createPolicyDraft } from './manage-policy-drafts.ts';
import { publishPolicyVersion } from './publish-policy-version.ts';

const start = Date.UTC(2026, 10, 30, 0);
const hour = 3_600_000;
const versions = [1, 2, 3, 4];

function bundle(version: number) {
  const tone = version % 2 === 1 ? 'neutral' : 'formal';
  return [
    {
      path: 'policy.yaml',
      text: `kind: Workspace
timezone: UTC
locale: en-US
currency: EUR
plan: growth
guardrails:
  days: [mon, tue, wed, thu, fri, sat, sun]
  maxSendsPerDay: 5
  consolidate: false
senders:
  - domain: ar.acme.example
---
kind: Cadence
name: standard
tone: ${tone}
steps:
  - { id: before, day: -2, template: reminder }
  - { id: due, day: 0, template: reminder }
  - { id: after, day: ${3 + version}, template: reminder }
---
kind: Template
name: reminder
subject:
  neutral: "[v${version} neutral] {invoice_number}"
  formal: "[v${version} formal] {invoice_number}"
body:
  neutral: "v${version}-body: please pay {invoice_balance}."
  formal: "v${version}-body: kindly pay {invoice_balance}."
---
kind: Segment
name: smb
priority: 10
match:
  customer.tags: { includes: smb }
cadence: standard
mode: autopilot
---
kind: Segment
name: everyone
priority: 1000
cadence: standard
mode: autopilot
`,
    },
  ];
}

for (const target of listStorageTargets()) {
  if (target.skipReason !== null) console.warn(`publish while planning on ${target.name} skipped: ${target.skipReason}`);

  describe.skipIf(target.skipReason !== null)(`publishing while the worker plans, on ${target.name}`, () => {
    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());

    it('builds every message from one version', async () => {
      const database = await target.openFreshDatabase();
      await migrateToLatest(database);
      let clock = start;
      // Two stores over one database: the worker's and the publisher's, as two processes would.
      const worker = createStore(database, { now: () => clock });
      const publisher = createStore(database, { now: () => clock });
      await worker.upsertWorkspace(buildWorkspace({ id: 'acme', timeZone: 'UTC', currency: 'EUR' }));
      const ids = Array.from({ length: 24 }, (_, index) => String(index).padStart(2, '0'));
      await worker.upsertCustomers(
        'acme',
        ids.map((id, index) => buildCustomer({ id: `c${id}`, timeZone: 'UTC', tags: index % 2 === 0 ? ['smb'] : [], contacts: [{ email: `ap${id}@customer.example`, isPrimary: true }] })),
      );
      await worker.upsertInvoices(
        'acme',
        ids.map((id, index) =>
          buildInvoice({ id: `INV-${id}`, number: `INV-${id}`, customerId: `c${id}`, currency: 'EUR', dueOn: `2026-12-${String(2 + (index % 10)).padStart(2, '0')}`, knownAt: start }),
        ),
      );
      const by = { kind: 'user' as const, id: 'u1', label: 'ana@acme.example', role: 'ar_manager' as const };
      for (const version of versions) await createPolicyDraft({ store: publisher, now: start, workspaceId: 'acme', by, files: bundle(version) });
      await publishPolicyVersion({ store: publisher, now: start, workspaceId: 'acme', by, version: 1, segments: 'all', expectedRevision: 0 });

      const links = createPreviewLinks('https://plixo.example', 'test-secret');
      const documents = createFakeDocuments();
      let ticking = true;
      const planner = (async () => {
        for (let now = start; now < start + 21 * 24 * hour; now += 4 * hour) {
          clock = now;
          await planWorkspace({ store: worker, workspaceId: 'acme', now, links, documents });
        }
        ticking = false;
      })();
      let publishes = 0;
      const publishing = (async () => {
        for (let round = 0; ticking; round += 1) {
          const version = versions[round % versions.length]!;
          const segments = round % 3 === 0 ? (['smb'] as const) : ('all' as const);
          const { revision } = await publisher.getPolicyPublishState('acme');
          try {
            await publishPolicyVersion({ store: publisher, now: clock, workspaceId: 'acme', by, version, segments: segments === 'all' ? 'all' : [...segments], expectedRevision: revision });
            publishes += 1;
          } catch (error) {
            // Only a publish that lost to another may fail here.
            if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
          }
          // No macrotask pause: on SQLite the planner's awaits are microtasks, and the publisher
          // must run between them, not after the planner is done.
          await Promise.resolve();
        }
      })();
      await Promise.all([planner, publishing]);

      const messages = await worker.listOutboxMessages('acme', { limit: 10_000 });
      const actions = new Map((await worker.listEngineActions('acme')).map((action) => [action.actionKey, action]));
      expect(messages.length).toBeGreaterThan(40);
      expect(publishes).toBeGreaterThan(10);
      const seen = new Set<number>();
      for (const message of messages) {
        const subject = /^\[v(\d) (neutral|formal)\]/.exec(message.content!.subject);
        const body = /^v(\d)-body: (please|kindly)/.exec(message.content!.text);
        expect(subject, message.content!.subject).not.toBeNull();
        expect(body, message.content!.text).not.toBeNull();
        const version = Number(subject![1]);
        // Subject, body, tone and the recorded deciding version all name the same version.
        expect(Number(body![1]), `${message.key}: ${message.content!.subject} / ${message.content!.text}`).toBe(version);
        expect(subject![2]).toBe(version % 2 === 1 ? 'neutral' : 'formal');
        expect(body![2]).toBe(version % 2 === 1 ? 'please' : 'kindly');
        expect(actions.get(message.key)?.payload.policyVersion, message.key).toBe(version);
        seen.add(version);
      }
      // The publishes really did land during planning: messages of several versions went out.
      expect(seen.size).toBeGreaterThan(1);
      await database.close();
    }, 120_000);
  });
}
