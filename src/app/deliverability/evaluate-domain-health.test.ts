import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/storage/create-store.ts';
import { migrateToLatest } from '../../adapters/storage/migrate-to-latest.ts';
import { openDatabase, type DatabaseHandle } from '../../adapters/storage/open-database.ts';
import { buildSentMessage, inboundWorkspaceId as workspaceId, seedInboundWorkspace, sendMessages, sendingDomain } from '../inbound/testing/seed-inbound-workspace.ts';
import type { Store } from '../ports/store.ts';
import { describeSendingHealth, evaluateDomainHealth } from './evaluate-domain-health.ts';

const now = Date.UTC(2026, 2, 5, 10);

describe('evaluateDomainHealth', () => {
  let database: DatabaseHandle;
  let store: Store;

  beforeEach(async () => {
    database = openDatabase(':memory:');
    await migrateToLatest(database);
    store = createStore(database, { now: () => now });
    await seedInboundWorkspace({ store, now });
  });
  afterEach(() => database.close());

  /** `count` more sends from the domain, the first `bounced` of them bounced. */
  async function send({ count, bounced, from = 0 }: { count: number; bounced: number; from?: number }) {
    const at = now - 3_600_000 + from;
    const messages = Array.from({ length: count }, (_, index) =>
      buildSentMessage({ key: `bulk-${from + index}`, customerId: 'c-1042', invoiceId: 'INV-1042', to: ['maria.keller@gmail.com'], messageId: `<bulk-${from + index}@${sendingDomain}>`, at }),
    );
    const sent = await sendMessages({ store, messages, at });
    for (const message of sent.slice(0, bounced)) await store.markOutboxFeedback(workspaceId, message.id, { kind: 'bounce', at });
  }

  const evaluate = () => evaluateDomainHealth({ store, workspaceId, domain: sendingDomain, now });

  it('leaves a domain with 10 bounces in its last 200 sends alone (5 % is the limit, not past it)', async () => {
    await send({ count: 190, bounced: 10 });
    const outcome = await evaluate();
    expect(outcome).toMatchObject({ paused: false, pausedNow: false, health: { sends: 200, bounces: 10, level: 'warn' } });
    expect(await store.listSendingDomains(workspaceId)).toEqual([]);
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toEqual([]);
  });

  it('pauses at the 11th bounce, with the reason and an audit entry by the worker, once', async () => {
    await send({ count: 190, bounced: 11 });
    const outcome = await evaluate();
    expect(outcome).toMatchObject({ domain: sendingDomain, paused: true, pausedNow: true, health: { bounces: 11, pause: true } });
    const [state] = await store.listSendingDomains(workspaceId);
    expect(state).toMatchObject({ domain: sendingDomain, paused: true, pausedAt: now, pausedReason: '11 bounces in the last 200 sends (5.5 %); the limit is 10 in 200' });
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toEqual([
      expect.objectContaining({ workspaceId, at: now, actor: 'worker', action: 'domain.pause', subject: `domain ${sendingDomain}`, detail: expect.objectContaining({ automatic: true, bounces: 11 }) }),
    ]);
    expect(await evaluate()).toMatchObject({ paused: true, pausedNow: false });
    expect((await store.listAudit({ workspaceId })).filter((entry) => entry.action !== 'policy.apply')).toHaveLength(1);
  });

  it('only the last 200 sends count: old bounces slide out of the window', async () => {
    await send({ count: 20, bounced: 20 });
    await send({ count: 200, bounced: 0, from: 1_000 });
    expect(await evaluate()).toMatchObject({ pausedNow: false, health: { sends: 200, bounces: 0, level: 'ok' } });
  });

  it('never resumes a paused domain, however healthy it looks', async () => {
    await store.setDomainPaused(workspaceId, sendingDomain, { paused: true, reason: 'paused by hand', at: now - 1 });
    await send({ count: 50, bounced: 0 });
    expect(await evaluate()).toMatchObject({ paused: true, pausedNow: false, health: { level: 'ok' } });
    expect((await store.listSendingDomains(workspaceId))[0]).toMatchObject({ paused: true, pausedReason: 'paused by hand' });
  });
});

describe('describeSendingHealth', () => {
  it('reads the counts as rates, a bounced message that drew a complaint counted once', () => {
    expect(describeSendingHealth({ sends: 200, bounces: 4, complaints: 1 })).toMatchObject({ sends: 200, bounceRate: 0.02, complaintRate: 0.005, level: 'warn' });
    expect(describeSendingHealth({ sends: 1, bounces: 1, complaints: 1 })).toMatchObject({ bounces: 1, complaints: 0 });
    expect(describeSendingHealth({ sends: 0, bounces: 0, complaints: 0 })).toMatchObject({ bounceRate: 0, level: 'ok' });
  });
});
