import type { Logger } from 'pino';
import { classifyInboundEmail } from '../../adapters/mail/inbound/classify-inbound-email.ts';
import { startInboundSmtp, type InboundEnvelope } from '../../adapters/mail/inbound/start-inbound-smtp.ts';
import { listSenderDomains, normalizeDomain } from '../../app/deliverability/list-sender-domains.ts';
import { receiveInboundEmail } from '../../app/inbound/receive-inbound-email.ts';
import type { InboundEmail } from '../../app/ports/inbound-email.ts';
import type { Store } from '../../app/ports/store.ts';

export interface InboundServiceOptions {
  store: Store;
  host: string;
  /** 0 picks a free port; the one chosen is returned. */
  port: number;
  clock: () => number;
  logger: Logger;
  /** PEM key and certificate for STARTTLS; without them it is not offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** @default 25 MiB */
  maxSizeBytes?: number;
  /** How often the accepted domains are read again. @default 60_000 */
  refreshDomainsMs?: number;
}

export interface InboundService {
  port: number;
  /** The domains mail is accepted for now: every workspace's sending domains, read again each minute. */
  readonly domains: string[];
  close(): Promise<void>;
}

/**
 * The inbound MX for replies and bounce reports. It accepts mail for the sending domains of every
 * workspace's live policy (others get 550 at RCPT) and hands each message to the workspace whose
 * domain it was sent to. The domains are read again every minute, so a domain added to a policy
 * is accepted without a restart.
 */
export async function startInboundService(options: InboundServiceOptions): Promise<InboundService> {
  const { store, clock, logger } = options;
  // Which workspaces send from each domain: read at start and each minute (a sending domain added
  // to a policy, or a new workspace, is accepted within a minute), not for every message.
  let owners = await readDomainOwners(store);
  let domains = [...owners.keys()].sort();
  if (domains.length === 0) logger.warn('inbound mail: no workspace names a sending domain yet, so every recipient is refused');
  const refresh = setInterval(() => {
    readDomainOwners(store).then(
      (current) => {
        const currentDomains = [...current.keys()].sort();
        if (currentDomains.join(',') !== domains.join(',')) logger.info({ domains: currentDomains }, 'inbound mail: the accepted domains changed');
        owners = current;
        domains = currentDomains;
      },
      (error: unknown) => logger.error({ err: error }, 'inbound mail: could not read the sending domains; keeping the last list'),
    );
  }, options.refreshDomainsMs ?? 60_000);
  refresh.unref();
  const listener = await startInboundSmtp({
    host: options.host,
    port: options.port,
    acceptDomains: () => domains,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.maxSizeBytes !== undefined ? { maxSizeBytes: options.maxSizeBytes } : {}),
    onMessage: async (raw, envelope) => {
      // A paused `inbound` job refuses for now (451): the sending server keeps the message and
      // tries again later, so nothing is lost while an operator looks into something.
      const jobs = await store.listScheduledJobs().catch((error: unknown) => {
        logger.error({ err: error, rcptTo: envelope.rcptTo }, 'inbound message could not be processed; the sender will retry');
        throw error;
      });
      if (jobs.find((candidate) => candidate.name === 'inbound')?.paused) throw new Error('the inbound job is paused');
      const startedAt = clock();
      try {
        await handleMessage({ store, clock, logger, owners: () => owners }, raw, envelope);
        await store.recordJobRun('inbound', { startedAt, finishedAt: clock(), status: 'ok' });
      } catch (error) {
        await store.recordJobRun('inbound', { startedAt, finishedAt: clock(), status: 'failed', error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
        throw error;
      }
    },
  });
  logger.info({ host: options.host, port: listener.port, domains }, 'inbound mail listener started');
  return {
    port: listener.port,
    get domains() {
      return domains;
    },
    close: async () => {
      clearInterval(refresh);
      await listener.close();
    },
  };
}

type DomainOwners = ReadonlyMap<string, readonly string[]>;

async function handleMessage(
  { store, clock, logger, owners }: Pick<InboundServiceOptions, 'store' | 'clock' | 'logger'> & { owners: () => DomainOwners },
  raw: Buffer,
  envelope: InboundEnvelope,
): Promise<void> {
  const log = logger.child({ mailFrom: envelope.mailFrom, rcptTo: envelope.rcptTo, remoteAddress: envelope.remoteAddress });
  let email: InboundEmail;
  try {
    email = await classifyInboundEmail(raw);
  } catch (error) {
    // Asking the sender to retry would bring the same bytes back; the log keeps what we could not read.
    log.error({ err: error, bytes: raw.length }, 'inbound message could not be parsed; dropped');
    return;
  }
  const context = { messageId: email.messageId ?? null, from: email.from || null, subject: email.subject };
  try {
    const workspaceId = await findWorkspace(store, owners(), envelope.rcptTo, email);
    if (workspaceId === null) {
      log.warn(context, 'inbound message for a domain no single workspace sends from now; noted in the log only');
      return;
    }
    const result = await receiveInboundEmail({ store, workspaceId, email, now: clock() });
    log.info({ ...context, workspaceId, ...result }, result.recorded ? 'inbound message received' : 'inbound message received before; nothing done again');
    if (result.pausedDomain) log.warn({ workspaceId, domain: result.pausedDomain }, 'sending domain paused: too many bounces in its last 200 sends');
  } catch (error) {
    // The listener answers 451, so the sending server tries again later.
    log.error({ ...context, err: error }, 'inbound message could not be processed; the sender will retry');
    throw error;
  }
}

/** Each sending domain of a live policy, with the workspaces that send from it. */
async function readDomainOwners(store: Store): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  for (const workspace of await store.listWorkspaces()) {
    for (const domain of await listSenderDomains(store, workspace.id)) owners.set(domain, [...(owners.get(domain) ?? []), workspace.id]);
  }
  return owners;
}

/**
 * The workspace whose sending domain the message was sent to. Two workspaces sending from one
 * domain is allowed; then the message of ours it quotes decides, and without one it is nobody's.
 */
async function findWorkspace(store: Store, domainOwners: DomainOwners, rcptTo: readonly string[], email: InboundEmail): Promise<string | null> {
  const owners = [...new Set(rcptTo.flatMap((address) => domainOwners.get(normalizeDomain(address.slice(address.lastIndexOf('@') + 1))) ?? []))];
  if (owners.length <= 1) return owners[0] ?? null;
  const quoted = [email.inReplyTo, ...email.references, email.bounce?.originalMessageId, email.complaint?.originalMessageId].filter((id): id is string => Boolean(id));
  const sent = await store.findOutboxMessageByMessageId(quoted);
  return sent && owners.includes(sent.workspaceId) ? sent.workspaceId : null;
}
