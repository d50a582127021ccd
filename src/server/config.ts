import { join } from 'node:path';
import { dataFolderFor } from '../adapters/files/data-folder.ts';
import { z } from 'zod';
import { plans } from '../core/policy/policy-schema.ts';

// Every setting of `plixo start`, read once from the command line and the environment.

export const services = ['web', 'worker'] as const;
export type Service = (typeof services)[number];

const configSchema = z.object({
  databaseUrl: z.string().min(1),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65_535),
  services: z.array(z.enum(services)).min(1),
  tickMs: z.coerce.number().int().min(100),
  seedDemo: z.boolean(),
  /** The address customers reach Plixo at, for pay and statement links; default: the web server's own. */
  publicUrl: z.string().url().nullable(),
  /** Signs links in messages; null: kept in a file beside the data (see readSecret). */
  secret: z.string().min(32, 'must be at least 32 characters').nullable(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Outgoing mail server; null: messages go to `mailboxFolder`. */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must look like smtp://user:pass@host:port or smtps://…')
    .refine((text) => URL.canParse(text), 'is not a valid address')
    .nullable(),
  mailboxFolder: z.string().min(1),
  smtpMaxConnections: z.coerce.number().int().min(1).max(50),
  /** PostgreSQL connections this process keeps open (its pool); SQLite has one connection. */
  databasePoolSize: z.coerce.number().int().min(1).max(200),
  allowSelfSignedCertificate: z.boolean(),
  dkim: z.object({ domain: z.string().min(1), selector: z.string().min(1), keyFile: z.string().min(1) }).nullable(),
  /** The DKIM selector the DNS check looks up when no signing key is configured here (a relay signs). */
  dkimSelector: z.string().min(1),
  /** DNS servers for the sending-domain checks (host or host:port); empty: the system's. */
  dnsServers: z.array(z.string().min(1)),
  /** How Plixo's mail server must appear in the sending domains' SPF, e.g. include:_spf.example.net. */
  spfInclude: z.string().min(1).nullable(),
  /** How long a claimed message may take before another worker presumes the claimer dead. */
  sendLeaseMs: z.coerce.number().int().min(1000),
  /** The rendered bodies (text, HTML, attachments) of messages that left the queue longer ago than this are dropped by the retention job. */
  retentionDays: z.coerce.number().int().min(1),
  /** Settled outbox messages older than this are deleted by the retention job (a year and more, for the record). */
  outboxRetentionDays: z.coerce.number().int().min(30, 'must be at least 30 (daily limits and segment health read the last weeks of messages)'),
  /** GET /metrics answers a request bearing this token; null: only requests from this machine (loopback). */
  metricsToken: z.string().min(16, 'must be at least 16 characters').nullable(),
  /** A listener of its own for /metrics (a worker-only process has no other); null: none. */
  metricsHost: z.string().min(1),
  metricsPort: z.coerce.number().int().min(0).max(65_535).nullable(),
  /** Adds an `organisation` label to the message and action counters: for installs with a few organisations only. */
  metricsPerOrganisation: z.boolean(),
  /** The inbound SMTP listener for replies and bounces; null port: not started. */
  inboundHost: z.string().min(1),
  inboundPort: z.coerce.number().int().min(0).max(65_535).nullable(),
  /** The sender of email to Plixo's users (invitations). */
  mailFrom: z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an email address'),
  /** Secure cookies; default on unless the server is plain HTTP on a loopback address. */
  secureCookies: z.boolean(),
  signUpOpen: z.boolean(),
  /** The plan organisations created by sign-up start on. */
  signUpPlan: z.enum(plans, { message: 'must be one of starter, growth, scale, enterprise' }),
});

export type Config = z.infer<typeof configSchema>;

export interface ConfigInput {
  services?: string;
  port?: string;
  host?: string;
}

export type LoadConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function loadConfig(options: ConfigInput, env: NodeJS.ProcessEnv): LoadConfigResult {
  const raw = {
    databaseUrl: env.DATABASE_URL || './data/plixo.db',
    host: options.host ?? env.HOST ?? '127.0.0.1',
    port: options.port ?? env.PORT ?? '3000',
    services: (options.services ?? env.PLIXO_SERVICES ?? 'web,worker').split(',').map((name) => name.trim()).filter(Boolean),
    tickMs: env.PLIXO_TICK_MS ?? '30000',
    seedDemo: (env.PLIXO_DEMO ?? 'true') !== 'false',
    publicUrl: env.PLIXO_PUBLIC_URL || null,
    secret: env.PLIXO_SECRET || null,
    logLevel: env.PLIXO_LOG_LEVEL || env.LOG_LEVEL || 'info',
    smtpUrl: env.PLIXO_SMTP_URL || null,
    mailboxFolder: env.PLIXO_MAILBOX_DIR || join(dataFolderFor(env.DATABASE_URL || './data/plixo.db'), 'mailbox'),
    smtpMaxConnections: env.PLIXO_SMTP_MAX_CONNECTIONS ?? '5',
    databasePoolSize: env.PLIXO_DB_POOL_SIZE ?? '10',
    allowSelfSignedCertificate: env.PLIXO_SMTP_ALLOW_SELF_SIGNED === 'true',
    dkim: env.PLIXO_DKIM_KEY_FILE ? { domain: env.PLIXO_DKIM_DOMAIN ?? '', selector: env.PLIXO_DKIM_SELECTOR ?? '', keyFile: env.PLIXO_DKIM_KEY_FILE } : null,
    dkimSelector: env.PLIXO_DKIM_SELECTOR || 'plixo',
    dnsServers: (env.PLIXO_DNS_SERVERS ?? '').split(',').map((server) => server.trim()).filter(Boolean),
    spfInclude: env.PLIXO_SPF_INCLUDE || null,
    sendLeaseMs: env.PLIXO_SEND_LEASE_MS ?? '300000',
    retentionDays: env.PLIXO_RETENTION_DAYS ?? '90',
    outboxRetentionDays: env.PLIXO_OUTBOX_RETENTION_DAYS ?? '400',
    metricsToken: env.PLIXO_METRICS_TOKEN || null,
    metricsHost: env.PLIXO_METRICS_HOST || '127.0.0.1',
    metricsPort: env.PLIXO_METRICS_PORT || null,
    metricsPerOrganisation: env.PLIXO_METRICS_PER_ORGANISATION === 'true',
    inboundHost: env.PLIXO_INBOUND_HOST ?? options.host ?? env.HOST ?? '127.0.0.1',
    inboundPort: env.PLIXO_INBOUND_PORT || null,
    mailFrom: env.PLIXO_MAIL_FROM || 'plixo@localhost.localdomain',
    secureCookies: env.PLIXO_SECURE_COOKIES ? env.PLIXO_SECURE_COOKIES === 'true' : defaultSecureCookies(env.PLIXO_PUBLIC_URL, options.host ?? env.HOST ?? '127.0.0.1'),
    signUpOpen: (env.PLIXO_SIGNUP ?? 'open') !== 'closed',
    signUpPlan: env.PLIXO_SIGNUP_PLAN || 'starter',
  };
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const issue = parsed.error.issues[0]!;
  const names: Record<string, string> = {
    databaseUrl: 'DATABASE_URL',
    host: '--host / HOST',
    port: '--port / PORT',
    services: '--services / PLIXO_SERVICES (web, worker)',
    tickMs: 'PLIXO_TICK_MS',
    publicUrl: 'PLIXO_PUBLIC_URL',
    secret: 'PLIXO_SECRET',
    logLevel: 'PLIXO_LOG_LEVEL (or LOG_LEVEL)',
    smtpUrl: 'PLIXO_SMTP_URL',
    mailboxFolder: 'PLIXO_MAILBOX_DIR',
    smtpMaxConnections: 'PLIXO_SMTP_MAX_CONNECTIONS',
    databasePoolSize: 'PLIXO_DB_POOL_SIZE',
    dkim: 'PLIXO_DKIM_DOMAIN / PLIXO_DKIM_SELECTOR (both required with PLIXO_DKIM_KEY_FILE)',
    dnsServers: 'PLIXO_DNS_SERVERS',
    spfInclude: 'PLIXO_SPF_INCLUDE',
    sendLeaseMs: 'PLIXO_SEND_LEASE_MS',
    retentionDays: 'PLIXO_RETENTION_DAYS',
    outboxRetentionDays: 'PLIXO_OUTBOX_RETENTION_DAYS',
    metricsToken: 'PLIXO_METRICS_TOKEN',
    metricsHost: 'PLIXO_METRICS_HOST',
    metricsPort: 'PLIXO_METRICS_PORT',
    inboundHost: 'PLIXO_INBOUND_HOST',
    inboundPort: 'PLIXO_INBOUND_PORT',
    mailFrom: 'PLIXO_MAIL_FROM',
    secureCookies: 'PLIXO_SECURE_COOKIES',
    signUpOpen: 'PLIXO_SIGNUP',
    signUpPlan: 'PLIXO_SIGNUP_PLAN',
  };
  const key = String(issue.path[0] ?? '');
  return { ok: false, message: `${names[key] ?? key}: ${issue.message}` };
}

/** HTTPS public address, or a server reachable beyond this machine: Secure. Plain loopback (the demo): not. */
function defaultSecureCookies(publicUrl: string | undefined, host: string): boolean {
  if (publicUrl) return publicUrl.startsWith('https:');
  return !['127.0.0.1', 'localhost', '::1'].includes(host);
}
