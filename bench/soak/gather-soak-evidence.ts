import { readFileSync } from 'node:fs';
import { loadLivePolicy } from '../../src/app/load-live-policy.ts';
import type { StoredOutboxMessage } from '../../src/app/ports/outbox-store.ts';
import type { Store } from '../../src/app/ports/store.ts';
import type { SoakEventRecord } from './soak-activity.ts';
import type { SoakClockSettings } from './soak-clock.ts';
import { stripAngles, type BacklogSample, type SoakEvidence, type SoakKill, type SoakMessage, type SoakOutage, type SoakWorkspaceFacts, type WorkerLogProblem } from './soak-evidence.ts';
import type { ReceivedRecord } from './soak-mail-server.ts';
import type { RssSample, SoakWorkerProcess } from './soak-workers.ts';

// Reads what the checks need from the database once the workers have stopped: every outbox
// row (a page at a time, without keeping the bodies), the segment of each from the engine's
// recorded actions, each customer's zone, the live policy and how far planning got.

const pageSize = 500;

export async function gatherSoakEvidence(input: {
  store: Store;
  workspaceIds: readonly string[];
  clock: SoakClockSettings;
  startedWallAt: number;
  stoppedWallAt: number;
  tickMs: number;
  leaseMs: number;
  received: readonly ReceivedRecord[];
  kills: SoakKill[];
  workers: readonly SoakWorkerProcess[];
  parentSamples: RssSample[];
  events: SoakEventRecord[];
  outage: SoakOutage | null;
  backlog: BacklogSample[];
}): Promise<SoakEvidence> {
  const { store } = input;
  const workspaces: SoakWorkspaceFacts[] = [];
  const messages: SoakMessage[] = [];
  for (const workspaceId of input.workspaceIds) {
    const workspace = await store.getWorkspace(workspaceId);
    const { policy } = await loadLivePolicy(store, workspaceId);
    const customers = await store.listCustomers(workspaceId);
    workspaces.push({
      id: workspaceId,
      policy,
      customerTimeZones: new Map(customers.map((customer) => [customer.id, customer.timeZone ?? workspace?.timeZone ?? policy.workspace.timeZone])),
      plannedThrough: await store.getPlannedThrough(workspaceId),
    });
    const segmentByKey = new Map<string, string>();
    for (const action of await store.listEngineActions(workspaceId)) {
      const segment = action.payload.segment;
      if (typeof segment === 'string') segmentByKey.set(action.actionKey, segment);
    }
    for (let beforeId: number | undefined; ; ) {
      const page = await store.listOutboxMessages(workspaceId, { limit: pageSize, ...(beforeId !== undefined ? { beforeId } : {}) });
      for (const row of page) messages.push(toSoakMessage(row, segmentByKey.get(row.key) ?? null));
      if (page.length < pageSize) break;
      beforeId = page[page.length - 1]!.id;
    }
  }
  return {
    clock: input.clock,
    startedWallAt: input.startedWallAt,
    stoppedWallAt: input.stoppedWallAt,
    tickMs: input.tickMs,
    leaseMs: input.leaseMs,
    workspaces,
    messages,
    received: [...input.received],
    kills: input.kills,
    workers: input.workers.map((worker) => ({
      number: worker.number,
      pid: worker.pid,
      startedWallAt: worker.startedWallAt,
      endedWallAt: worker.endedWallAt,
      ending: worker.ending,
      exitDetail: worker.exitDetail,
      killable: worker.killable,
      samples: [...worker.samples],
    })),
    parentSamples: input.parentSamples,
    events: input.events,
    outage: input.outage,
    backlog: input.backlog,
    logProblems: input.workers.flatMap((worker) => readLogProblems(worker.number, worker.logPath)),
  };
}

/** The warnings and errors of a worker's pino log (one JSON object a line). */
export function readLogProblems(workerNumber: number, path: string): WorkerLogProblem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const problems: WorkerLogProblem[] = [];
  // A worker killed mid-write leaves a last line cut short: only whole lines are read.
  for (const line of text.split('\n').slice(0, -1)) {
    if (!line.startsWith('{')) {
      // Anything on stderr that is not a log line (a crash's stack) is an error too.
      if (line.trim() !== '' && !line.startsWith('Plixo worker is running')) problems.push({ workerNumber, level: 60, message: line.slice(0, 300) });
      continue;
    }
    let entry: { level?: unknown; msg?: unknown; err?: { message?: unknown } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      problems.push({ workerNumber, level: 60, message: line.slice(0, 300) });
      continue;
    }
    if (typeof entry.level !== 'number' || entry.level < 40) continue;
    const error = typeof entry.err?.message === 'string' ? `: ${entry.err.message}` : '';
    problems.push({ workerNumber, level: entry.level, message: `${String(entry.msg ?? '')}${error}`.slice(0, 300) });
  }
  return problems;
}

function toSoakMessage(row: StoredOutboxMessage, segment: string | null): SoakMessage {
  const { workspaceId, id, key, kind, status, statusReason, customerId, invoiceIds, notBefore, nextAttemptAt, leaseUntil, messageId, sendingDomain, attempts } = row;
  return { workspaceId, id, key, kind, status, statusReason, customerId, invoiceIds, notBefore, nextAttemptAt, leaseUntil, messageId: stripAngles(messageId), sendingDomain, attempts, segment };
}
