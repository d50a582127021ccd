import { z } from 'zod';

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
    logLevel: env.LOG_LEVEL ?? 'info',
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
    logLevel: 'LOG_LEVEL',
  };
  const key = String(issue.path[0] ?? '');
  return { ok: false, message: `${names[key] ?? key}: ${issue.message}` };
}
