import { createNodeDnsResolver } from '../../adapters/dns/create-node-dns-resolver.ts';
import { AppError } from '../../app/app-error.ts';
import { checkSendingDomains, type DomainCheckOutcome } from '../../app/deliverability/check-sending-domains.ts';
import { formatPercent } from '../../app/deliverability/evaluate-domain-health.ts';
import { listDomainStatus, type DomainStatus } from '../../app/deliverability/list-domain-status.ts';
import { pauseSendingDomain } from '../../app/deliverability/pause-sending-domain.ts';
import { resumeSendingDomain } from '../../app/deliverability/resume-sending-domain.ts';
import type { Store } from '../../app/ports/store.ts';
import { cliActor } from '../cli-actor.ts';
import type { RegisterCommand } from '../cli-io.ts';
import { chooseWorkspace, runWithStore } from '../open-store.ts';

// `plixo domains`: the sending domains of each workspace — their SPF, DKIM and DMARC checks, their
// bounce and complaint rates over the last 200 sends — and pausing and resuming them (audited
// with the actor `cli:<os user>`).

export const registerCommand: RegisterCommand = (program, context) => {
  const { io } = context;
  const domains = program.command('domains').description('Sending domains: DNS checks, bounce and complaint rates, pause and resume');

  domains
    .command('list')
    .description('Each sending domain: DNS status per record, last check, paused or not, bounce and complaint rates over the last 200 sends')
    .option('--workspace <id>', 'one workspace (default: every workspace)')
    .option('--json', 'one JSON object a line')
    .action(async (options: { workspace?: string; json?: boolean }) => {
      await runWithStore(context, 'domains', async (store) => {
        for (const workspaceId of await workspaceIdsOf(store, options.workspace)) {
          const statuses = await listDomainStatus({ store, workspaceId });
          io.stdout.write(options.json ? statuses.map((status) => `${JSON.stringify(toJson(status))}\n`).join('') : formatStatuses(workspaceId, statuses));
        }
        return 0;
      });
    });

  domains
    .command('check')
    .description("Check every sending domain's SPF, DKIM and DMARC records now and save the result (exit 1 if a domain fails)")
    .option('--workspace <id>', 'one workspace (default: every workspace)')
    .option('--dkim-selector <selector>', 'the DKIM selector Plixo signs with (default: PLIXO_DKIM_SELECTOR)', io.env.PLIXO_DKIM_SELECTOR)
    .option('--spf-include <term>', "how Plixo's mail server must appear in SPF, e.g. include:_spf.example.net (default: PLIXO_SPF_INCLUDE)", io.env.PLIXO_SPF_INCLUDE)
    .option('--dns-server <address>', 'a DNS server to ask, host or host:port; repeatable (default: PLIXO_DNS_SERVERS, else the system\'s)', collect, [])
    .action(async (options: { workspace?: string; dkimSelector?: string; spfInclude?: string; dnsServer: string[] }) => {
      await runWithStore(context, 'domains', async (store) => {
        if (!options.dkimSelector) throw new AppError('invalid_input', 'give the DKIM selector with --dkim-selector or PLIXO_DKIM_SELECTOR', { field: 'dkimSelector' });
        const servers = options.dnsServer.length > 0 ? options.dnsServer : (io.env.PLIXO_DNS_SERVERS ?? '').split(',').map((server) => server.trim()).filter(Boolean);
        const outcomes = await checkSendingDomains({
          store,
          resolver: createNodeDnsResolver(servers.length > 0 ? { servers } : {}),
          dkimSelector: options.dkimSelector,
          ...(options.spfInclude ? { expectedSpfInclude: options.spfInclude } : {}),
          now: Date.now(),
          workspaceIds: await workspaceIdsOf(store, options.workspace),
        });
        io.stdout.write(outcomes.length === 0 ? 'no sending domain to check: no live policy names one\n' : outcomes.map(formatCheck).join(''));
        return outcomes.some((outcome) => !outcome.ok || outcome.state.status === 'fail') ? 1 : 0;
      });
    });

  domains
    .command('pause')
    .description('Stop sending from a domain: its messages stay queued until it is resumed')
    .argument('<domain>', 'the sending domain')
    .requiredOption('--reason <text>', 'why, for the audit trail and the next operator')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .action(async (domain: string, options: { reason: string; workspace?: string }) => {
      await runWithStore(context, 'domains', async (store) => {
        const workspaceId = await oneWorkspace(store, options.workspace);
        const result = await pauseSendingDomain({ store, workspaceId, domain, reason: options.reason, actor: cliActor(context), now: Date.now() });
        io.stdout.write(result.changed ? `${workspaceId}: ${result.state.domain} paused: ${result.state.pausedReason}\n` : `${workspaceId}: ${result.state.domain} was already paused (${result.state.pausedReason}); nothing changed\n`);
        return 0;
      });
    });

  domains
    .command('resume')
    .description('Let a paused domain send again (after the worker paused it for bounces, once the cause is fixed)')
    .argument('<domain>', 'the sending domain')
    .option('--workspace <id>', 'the workspace (default: the only one)')
    .option('--reason <text>', 'why mail may flow again, for the audit trail')
    .action(async (domain: string, options: { workspace?: string; reason?: string }) => {
      await runWithStore(context, 'domains', async (store) => {
        const workspaceId = await oneWorkspace(store, options.workspace);
        const result = await resumeSendingDomain({ store, workspaceId, domain, actor: cliActor(context), reason: options.reason ?? null, now: Date.now() });
        io.stdout.write(result.changed ? `${workspaceId}: ${result.state.domain} resumed\n` : `${workspaceId}: ${result.state.domain} was not paused; nothing changed\n`);
        return 0;
      });
    });
};

async function workspaceIdsOf(store: Store, given: string | undefined): Promise<string[]> {
  if (given) return [await oneWorkspace(store, given)];
  return (await store.listWorkspaces()).map((workspace) => workspace.id);
}

async function oneWorkspace(store: Store, given: string | undefined): Promise<string> {
  const workspace = await chooseWorkspace(store, given);
  if (!workspace.ok) throw new AppError('not_found', workspace.message, { field: 'workspace' });
  return workspace.id;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const columns = ['WORKSPACE', 'DOMAIN', 'DNS', 'SPF', 'DKIM', 'DMARC', 'LAST CHECK', 'SENDING', 'BOUNCES', 'COMPLAINTS'];

function formatStatuses(workspaceId: string, statuses: readonly DomainStatus[]): string {
  if (statuses.length === 0) return `${workspaceId}: no sending domain (the live policy names none)\n`;
  const rows = statuses.map(({ inPolicy, state, health }) => [
    workspaceId,
    inPolicy ? state.domain : `${state.domain} (not in the policy)`,
    state.status ?? '-',
    state.spf ?? '-',
    state.dkim ?? '-',
    state.dmarc ?? '-',
    state.lastCheckedAt === null ? 'never' : formatInstant(state.lastCheckedAt),
    state.paused ? 'PAUSED' : 'active',
    `${formatPercent(health.bounceRate)} (${health.bounces}/${health.sends})`,
    `${formatPercent(health.complaintRate)} (${health.complaints}/${health.sends})`,
  ]);
  const widths = columns.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: readonly string[]) => `${cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd()}\n`;
  const pauses = statuses
    .filter(({ state }) => state.paused)
    .map(({ state }) => `  ${state.domain} paused${state.pausedAt === null ? '' : ` at ${formatInstant(state.pausedAt)}`}: ${state.pausedReason ?? 'no reason given'}\n`);
  return [line(columns), ...rows.map(line), ...pauses].join('');
}

function formatCheck(outcome: DomainCheckOutcome): string {
  if (!outcome.ok) return `${outcome.workspaceId}  ${outcome.domain}  not checked: ${outcome.message}\n`;
  const { state, evaluation } = outcome;
  const head = `${outcome.workspaceId}  ${state.domain}  ${state.status} (spf ${state.spf}, dkim ${state.dkim}, dmarc ${state.dmarc})\n`;
  const problems = evaluation.checks.filter((check) => check.result !== 'pass').map((check) => `  ${check.name}: ${check.message}\n`);
  return head + problems.join('');
}

function toJson({ inPolicy, state, health }: DomainStatus) {
  return {
    workspaceId: state.workspaceId,
    domain: state.domain,
    inPolicy,
    status: state.status,
    spf: state.spf,
    dkim: state.dkim,
    dmarc: state.dmarc,
    lastCheckedAt: state.lastCheckedAt === null ? null : new Date(state.lastCheckedAt).toISOString(),
    paused: state.paused,
    pausedReason: state.pausedReason,
    pausedAt: state.pausedAt === null ? null : new Date(state.pausedAt).toISOString(),
    sends: health.sends,
    bounces: health.bounces,
    complaints: health.complaints,
    bounceRate: health.bounceRate,
    complaintRate: health.complaintRate,
  };
}

function formatInstant(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

