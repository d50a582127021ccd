import { markdownTable } from '../markdown-table.ts';
import type { MachineInfo } from '../describe-machine.ts';
import type { SoakActivityCounts } from './soak-activity.ts';
import type { CheckResult, SoakEvidence } from './soak-evidence.ts';
import type { SoakOrganisation } from './soak-organisations.ts';
import type { SoakOptions } from './read-soak-options.ts';
import { simulatedAt } from './soak-clock.ts';
import { median } from './check-memory.ts';

// .bench-tmp/soak.md: what ran, on what, what was done to it, and each check's verdict.

export interface SoakReportInput {
  options: SoakOptions;
  machine: MachineInfo;
  loadAverageAtEnd: string;
  postgresVersion: string;
  organisations: readonly SoakOrganisation[];
  seededInvoices: ReadonlyMap<string, number>;
  activity: SoakActivityCounts;
  evidence: SoakEvidence;
  checks: readonly CheckResult[];
  /** Problems of the run itself (a worker that would not start), beside the checks. */
  notes: readonly string[];
}

export function renderSoakReport(input: SoakReportInput): string {
  const { options, machine, evidence, checks } = input;
  const wallOffset = (wallAt: number) => formatClock(wallAt - evidence.startedWallAt);
  const simulated = (wallAt: number) => new Date(simulatedAt(evidence.clock, wallAt)).toISOString().slice(0, 16).replace('T', ' ');
  const passed = checks.filter((check) => check.ok).length;
  const lines = [
    '# Soak test',
    '',
    `**${passed === checks.length ? 'PASS' : 'FAIL'}**: ${passed} of ${checks.length} checks passed.`,
    '',
    `${formatClock(evidence.stoppedWallAt - evidence.startedWallAt)} of wall time (SOAK_MINUTES=${options.minutes}), ${options.workers} worker processes on PostgreSQL ${input.postgresVersion}, seed ${options.seed}. ` +
      `Simulated clock at ${options.speed}× the wall clock (SOAK_SPEED): ${simulated(evidence.startedWallAt)} to ${simulated(evidence.stoppedWallAt)} UTC, ` +
      `${((evidence.stoppedWallAt - evidence.startedWallAt) * options.speed / 86_400_000).toFixed(2)} simulated days. ` +
      `Worker tick ${options.tickMs} ms, claim lease ${options.leaseWallMs / 1000} s of wall time (${Math.round(evidence.leaseMs / 60_000)} simulated minutes).`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB, ${machine.os}, Node ${machine.node}; ` +
      `load average ${machine.loadAverage} at the start and ${input.loadAverageAtEnd} at the end; commit ${machine.commit}; ${machine.date}.`,
    '',
    '## Checks',
    '',
    markdownTable(['check', 'result', 'what was found'], checks.map((check) => [check.title, check.ok ? 'PASS' : 'FAIL', check.summary])),
    '',
    ...checks.flatMap((check) => (check.details.length === 0 ? [] : [`**${check.title}**`, '', ...check.details.map((detail) => `- ${detail}`), ''])),
    ...(input.notes.length > 0 ? ['**Notes**', '', ...input.notes.map((note) => `- ${note}`), ''] : []),
    '## Workload',
    '',
    markdownTable(
      ['organisation', 'zone', 'customers', 'invoices at start', 'daily limit per customer', 'smb sendCap', 'warm-up'],
      input.organisations.map((organisation) => [
        organisation.id,
        organisation.timeZone,
        String(organisation.customers),
        String(input.seededInvoices.get(organisation.id) ?? 0),
        String(organisation.maxSendsPerDay),
        organisation.smbSendCap === null ? 'none' : String(organisation.smbSendCap),
        organisation.warmupWeek === null ? 'warmed up' : `week ${organisation.warmupWeek} at the start`,
      ]),
    ),
    '',
    `During the run: ${input.activity.invoicesAdded} invoices added, ${input.activity.payments} payments (${input.activity.paymentsWhileQueued} on an invoice with a reminder queued), ${input.activity.promises} promises, ${input.activity.replies} replies. ` +
      `The server received ${evidence.received.length} messages.`,
    '',
    '## Faults',
    '',
    ...(evidence.outage
      ? [
          `SMTP outage: connection refused from ${wallOffset(evidence.outage.downWallAt)} (${simulated(evidence.outage.downWallAt)}), 451 to every MAIL FROM from ${wallOffset(evidence.outage.tempfailWallAt)}, ` +
            `accepting again from ${wallOffset(evidence.outage.upWallAt)} (${simulated(evidence.outage.upWallAt)}).`,
          '',
        ]
      : []),
    markdownTable(
      ['at', 'simulated', 'killed', 'messages in the 250-to-commit window'],
      evidence.kills.map((kill) => [wallOffset(kill.wallAt), simulated(kill.wallAt), `worker ${kill.workerNumber} (pid ${kill.pid})`, String(kill.inWindow.length)]),
    ),
    '',
    '## Workers',
    '',
    markdownTable(
      ['worker', 'pid', 'started', 'ended', 'how', 'RSS median', 'RSS max'],
      evidence.workers.map((worker) => [
        String(worker.number),
        String(worker.pid),
        wallOffset(worker.startedWallAt),
        worker.endedWallAt === null ? 'running' : wallOffset(worker.endedWallAt),
        worker.ending === 'exited' ? `exited by itself (${worker.exitDetail})` : (worker.ending ?? 'running'),
        worker.samples.length > 0 ? formatMiB(median(worker.samples.map((sample) => sample.rssBytes))) : '-',
        worker.samples.length > 0 ? formatMiB(Math.max(...worker.samples.map((sample) => sample.rssBytes))) : '-',
      ]),
    ),
    '',
    'Reproduce:',
    '',
    '```sh',
    `SOAK_MINUTES=${options.minutes} SOAK_WORKERS=${options.workers} SOAK_SEED=${options.seed} npm run soak`,
    '```',
    '',
  ];
  return lines.join('\n');
}

function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}
