import type { StoredOutboxMessage } from '../../src/app/ports/outbox-store.ts';
import type { Policy } from '../../src/core/policy/policy-model.ts';
import type { SoakEventRecord } from './soak-activity.ts';
import type { SoakClockSettings } from './soak-clock.ts';
import type { ReceivedRecord } from './soak-mail-server.ts';
import type { RssSample } from './soak-workers.ts';

// Everything the soak's checks read, gathered once the workers have stopped: the outbox as the
// database holds it, what the SMTP server received, and what the soak did and saw on the way.
// The checks are pure functions of it.

/** An outbox row as the checks read it (the body left out), with the segment that governed it. */
export type SoakMessageFields = 'workspaceId' | 'id' | 'key' | 'kind' | 'status' | 'statusReason' | 'customerId' | 'invoiceIds' | 'notBefore' | 'nextAttemptAt' | 'leaseUntil' | 'messageId' | 'sendingDomain' | 'attempts';

export interface SoakMessage extends Pick<StoredOutboxMessage, SoakMessageFields> {
  /** Without the angle brackets. */
  messageId: string;
  /** The segment that governed it, from the engine's recorded action; null when unknown. */
  segment: string | null;
}

export interface SoakWorkspaceFacts {
  id: string;
  policy: Policy;
  /** Each customer's zone (the workspace's when it has none). */
  customerTimeZones: ReadonlyMap<string, string>;
  plannedThrough: number | null;
}

export interface SoakKill {
  wallAt: number;
  workerNumber: number;
  pid: number;
  /** Messages the server held whose row the killed worker had not yet marked sent: the 250-to-commit window. */
  inWindow: string[];
}

export interface SoakWorkerFacts {
  number: number;
  pid: number;
  startedWallAt: number;
  endedWallAt: number | null;
  ending: 'killed' | 'stopped' | 'exited' | null;
  exitDetail: string | null;
  killable: boolean;
  samples: RssSample[];
}

export interface SoakOutage {
  /** Connection refused from here… */
  downWallAt: number;
  /** …451 to every MAIL FROM from here… */
  tempfailWallAt: number;
  /** …and accepting again from here. */
  upWallAt: number;
}

export interface BacklogSample {
  wallAt: number;
  /** queued and sending. */
  pending: number;
  /** The earliest instant among the due pending messages; null when none is due. */
  oldestDueAt: number | null;
}

/** A warning or error a worker logged (pino level 40 and above). */
export interface WorkerLogProblem {
  workerNumber: number;
  level: number;
  /** The log line's message, with its error's message when it has one. */
  message: string;
}

export interface SoakEvidence {
  clock: SoakClockSettings;
  /** Wall clock at the start of the workers and when they were told to stop. */
  startedWallAt: number;
  stoppedWallAt: number;
  tickMs: number;
  /** The lease, in simulated milliseconds. */
  leaseMs: number;
  workspaces: SoakWorkspaceFacts[];
  messages: SoakMessage[];
  received: ReceivedRecord[];
  kills: SoakKill[];
  workers: SoakWorkerFacts[];
  parentSamples: RssSample[];
  events: SoakEventRecord[];
  outage: SoakOutage | null;
  backlog: BacklogSample[];
  logProblems: WorkerLogProblem[];
}

export interface CheckResult {
  title: string;
  ok: boolean;
  /** One line: the numbers behind the verdict. */
  summary: string;
  /** The first few offending cases, or notes. */
  details: string[];
}

export function stripAngles(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}
