import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildPolicyFiles } from '../../core/policy/testing/build-policy-files.ts';
import { applyPolicy } from '../apply-policy.ts';
import type { Store } from '../ports/store.ts';
import { pauseSendingDomain } from './pause-sending-domain.ts';
import { resumeSendingDomain } from './resume-sending-domain.ts';

const now = Date.UTC(2026, 2, 5, 10);
const workspaceId = 'acme';

describe('pauseSendingDomain and resumeSendingDomain', () => {
  let database: DatabaseHandle;
  let store: Store;

  beforeEach(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
    await applyPolicy({ store, files: buildPolicyFiles() }); // senders: ar.acme.example
  });
  afterEach(() => database.close());

  it('an operator pauses and resumes a domain; each change is audited once', async () => {
    const paused = await pauseSendingDomain({ store, workspaceId, domain: 'AR.acme.example', reason: ' spam trap hits ', actor: 'cli:ana', now });
    expect(paused).toMatchObject({ changed: true, state: { domain: 'ar.acme.example', paused: true, pausedReason: 'spam trap hits', pausedAt: now } });
    expect(await pauseSendingDomain({ store, workspaceId, domain: 'ar.acme.example', reason: 'again', actor: 'cli:ana', now: now + 1 })).toMatchObject({
      changed: false,
      state: { pausedReason: 'spam trap hits', pausedAt: now },
    });

    const resumed = await resumeSendingDomain({ store, workspaceId, domain: 'ar.acme.example', actor: 'cli:ben', reason: 'list cleaned', now: now + 60_000 });
    expect(resumed).toMatchObject({ changed: true, state: { paused: false, pausedReason: null, pausedAt: null } });
    expect(await resumeSendingDomain({ store, workspaceId, domain: 'ar.acme.example', actor: 'cli:ben', now: now + 120_000 })).toMatchObject({ changed: false });

    const audit = (await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply');
    expect(audit.map((entry) => [entry.actor, entry.action, entry.subject])).toEqual([
      ['cli:ben', 'domain.resume', 'domain ar.acme.example'],
      ['cli:ana', 'domain.pause', 'domain ar.acme.example'],
    ]);
    expect(audit[0]!.detail).toEqual({ reason: 'list cleaned', pausedReason: 'spam trap hits', pausedAt: now });
  });

  it('resumes a domain the worker paused, even after the policy dropped it', async () => {
    await store.setDomainPaused(workspaceId, 'old.acme.example', { paused: true, reason: '11 bounces in the last 200 sends', at: now });
    expect(await resumeSendingDomain({ store, workspaceId, domain: 'old.acme.example', actor: 'cli:ana', now })).toMatchObject({ changed: true, state: { paused: false } });
  });

  it('resuming a sender that was never paused changes nothing and writes nothing', async () => {
    expect(await resumeSendingDomain({ store, workspaceId, domain: 'ar.acme.example', actor: 'cli:ana', now })).toMatchObject({
      changed: false,
      state: { domain: 'ar.acme.example', paused: false, lastCheckedAt: null },
    });
    expect(await store.listSendingDomains(workspaceId)).toEqual([]);
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toEqual([]);
  });

  it('refuses a domain that is not one of the workspace, an unknown workspace, and a pause without a reason', async () => {
    await expect(pauseSendingDomain({ store, workspaceId, domain: 'ar.acme.exmaple', reason: 'typo', actor: 'cli:ana', now })).rejects.toMatchObject({
      code: 'not_found',
      details: { field: 'domain' },
      message: expect.stringContaining('ar.acme.example'),
    });
    await expect(resumeSendingDomain({ store, workspaceId: 'nobody', domain: 'ar.acme.example', actor: 'cli:ana', now })).rejects.toMatchObject({ code: 'not_found', details: { field: 'workspaceId' } });
    await expect(pauseSendingDomain({ store, workspaceId, domain: 'ar.acme.example', reason: '  ', actor: 'cli:ana', now })).rejects.toMatchObject({ code: 'invalid_input', details: { field: 'reason' } });
    expect(await store.listSendingDomains(workspaceId)).toEqual([]);
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toEqual([]);
  });
});
