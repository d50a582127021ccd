import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const load = (env: NodeJS.ProcessEnv, options = {}) => loadConfig(options, env);

describe('the operations settings', () => {
  it('defaults: info logs, bodies kept 90 days and settled messages 400, /metrics for this machine only, no listener of its own', () => {
    const loaded = load({});
    expect(loaded.ok && loaded.config).toMatchObject({
      logLevel: 'info',
      retentionDays: 90,
      outboxRetentionDays: 400,
      metricsToken: null,
      metricsHost: '127.0.0.1',
      metricsPort: null,
      metricsPerOrganisation: false,
    });
  });

  it('reads PLIXO_LOG_LEVEL before LOG_LEVEL, and the metrics and retention settings', () => {
    const loaded = load({
      PLIXO_LOG_LEVEL: 'debug',
      LOG_LEVEL: 'error',
      PLIXO_OUTBOX_RETENTION_DAYS: '730',
      PLIXO_METRICS_TOKEN: 'a-token-of-sixteen-or-more',
      PLIXO_METRICS_HOST: '0.0.0.0',
      PLIXO_METRICS_PORT: '9464',
      PLIXO_METRICS_PER_ORGANISATION: 'true',
    });
    expect(loaded.ok && loaded.config).toMatchObject({ logLevel: 'debug', outboxRetentionDays: 730, metricsToken: 'a-token-of-sixteen-or-more', metricsHost: '0.0.0.0', metricsPort: 9464, metricsPerOrganisation: true });
    expect(load({ LOG_LEVEL: 'warn' })).toMatchObject({ ok: true, config: { logLevel: 'warn' } });
  });

  it('refuses a short metrics token, a retention under 30 days and a bad port, naming the setting', () => {
    expect(load({ PLIXO_METRICS_TOKEN: 'short' })).toMatchObject({ ok: false, message: expect.stringMatching(/^PLIXO_METRICS_TOKEN: /) });
    expect(load({ PLIXO_OUTBOX_RETENTION_DAYS: '7' })).toMatchObject({ ok: false, message: expect.stringMatching(/^PLIXO_OUTBOX_RETENTION_DAYS: /) });
    expect(load({ PLIXO_METRICS_PORT: '70000' })).toMatchObject({ ok: false, message: expect.stringMatching(/^PLIXO_METRICS_PORT: /) });
    expect(load({ PLIXO_LOG_LEVEL: 'loud' })).toMatchObject({ ok: false, message: expect.stringMatching(/^PLIXO_LOG_LEVEL/) });
  });
});

describe('the database pool', () => {
  it('keeps 10 PostgreSQL connections per process unless PLIXO_DB_POOL_SIZE says otherwise, and refuses a size out of range', () => {
    expect(load({})).toMatchObject({ ok: true, config: { databasePoolSize: 10 } });
    expect(load({ PLIXO_DB_POOL_SIZE: '4' })).toMatchObject({ ok: true, config: { databasePoolSize: 4 } });
    expect(load({ PLIXO_DB_POOL_SIZE: '0' })).toMatchObject({ ok: false, message: expect.stringMatching(/^PLIXO_DB_POOL_SIZE: /) });
  });
});
