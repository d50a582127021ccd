import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createArgon2Hasher } from '../src/adapters/crypto/create-argon2-hasher.ts';
import { readBundleFiles } from '../src/adapters/files/read-bundle-files.ts';
import { createStore } from '../src/adapters/storage/create-store.ts';
import { migrateToLatest } from '../src/adapters/storage/migrate-to-latest.ts';
import { openDatabase } from '../src/adapters/storage/open-database.ts';
import { refreshCollectionsQueue } from '../src/app/collections/refresh-collections-queue.ts';
import type { Store } from '../src/app/ports/store.ts';
import type { Plan } from '../src/core/access/plans.ts';
import type { Instant } from '../src/core/time/time-zone.ts';
import type { PlanningSize } from './read-bench-options.ts';
import { planningWorkspaceId, seedPlanningDatabase, type SeedPlanningInput, type SeedPlanningResult } from './seed-planning-database.ts';

// The API benchmark's SQLite file: one organisation of open invoices seeded as the planning
// benchmark seeds its workspaces (the store's migrations, then plain better-sqlite3), then through
// the store what a caller of the API needs: the plan, a published policy version (examples/acme),
// a Controller who can create the API token the load is sent with (and whom the ui section signs
// in as), and the collections queue, scored by the worker's own use case.

export interface SeedApiInput extends Omit<SeedPlanningInput, 'sizes'> {
  size: PlanningSize;
  policyDir: string;
  /** When the collections queue is scored (the worker's `now`). */
  now: Instant;
}

export interface SeededQueue {
  entries: number;
  /** refreshCollectionsQueue over the whole portfolio, as the worker runs it; from an earlier run when the file was reused. */
  refreshMs: number;
}

export interface SeedApiResult {
  workspaceId: string;
  /** The member the measurement creates its API token as. */
  userId: string;
  plan: Plan;
  seed: SeedPlanningResult;
  queue: SeededQueue;
  policyFiles: number;
  policyBytes: number;
}

export const apiBenchUser = { id: 'bench-controller', email: 'controller@bench.example', name: 'Bench Controller' } as const;
/** apiBenchUser's password. Its text is the one files seeded before the ui section have, so a file kept with BENCH_REUSE_DB=1 still signs in. */
export const apiBenchPassword = 'bench-password-never-used';
// 10,000 customers are over Growth's 5,000; Scale holds them, as a real organisation of this size would be on.
const plan: Plan = 'scale';

export async function seedApiDatabase(input: SeedApiInput): Promise<SeedApiResult> {
  const { size, policyDir, now, ...rest } = input;
  const seed = await seedPlanningDatabase({ ...rest, sizes: [size] });
  const workspaceId = planningWorkspaceId(size);
  const bundle = await readBundleFiles(policyDir);
  const database = openDatabase(`file:${input.path}`);
  let queue: SeededQueue;
  try {
    // A file kept with BENCH_REUSE_DB=1 may predate a migration.
    await migrateToLatest(database);
    const store = createStore(database, { now: () => input.knownAt });
    const workspace = await store.getWorkspace(workspaceId);
    if (!workspace) throw new Error(`api bench: the seeded file has no workspace ${workspaceId}`);
    await store.upsertWorkspace({ id: workspace.id, name: workspace.name, timeZone: workspace.timeZone, locale: workspace.locale, currency: workspace.currency, plan });
    // With BENCH_REUSE_DB=1 an earlier run already added these.
    if (!(await store.getPolicyVersion(workspaceId, 1))) await store.savePolicyVersion(workspaceId, { version: 1, bundle, status: 'published' });
    // Signing in is not what is measured, so the hash is a cheap one (argon2 reads its cost from the hash when it verifies).
    const passwordHash = await createArgon2Hasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 }).hash(apiBenchPassword);
    await store.createUser({ ...apiBenchUser, passwordHash });
    await store.addMembership({ workspaceId, userId: apiBenchUser.id, role: 'controller', createdAt: input.knownAt });
    queue = await scoreQueue(store, workspaceId, now, `${input.path}.queue.json`, seed.reused);
  } finally {
    await database.close();
  }
  return {
    workspaceId,
    userId: apiBenchUser.id,
    plan,
    seed: { ...seed, fileBytes: statSync(input.path).size },
    queue,
    policyFiles: bundle.length,
    policyBytes: bundle.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0),
  };
}

async function scoreQueue(store: Store, workspaceId: string, now: Instant, markerPath: string, reused: boolean): Promise<SeededQueue> {
  if (reused && existsSync(markerPath) && (await store.getCollectionQueueRefreshedAt(workspaceId)) === now) return JSON.parse(readFileSync(markerPath, 'utf8')) as SeededQueue;
  const started = performance.now();
  const { entries } = await refreshCollectionsQueue({ store, workspaceId, now });
  const queue = { entries, refreshMs: performance.now() - started };
  writeFileSync(markerPath, JSON.stringify(queue));
  return queue;
}
