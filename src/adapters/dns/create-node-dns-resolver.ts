import { Resolver } from 'node:dns/promises';
import type { DnsResolver, TxtLookup } from '../../app/ports/dns-resolver.ts';

export interface NodeDnsResolverOptions {
  /** `host` or `host:port` (IPv6 as `[addr]:port`); the system's servers when absent. */
  servers?: string[];
  /** Per attempt; c-ares doubles it on each retry. */
  timeoutMs?: number;
  tries?: number;
}

// c-ares codes that are an answer about the name, not a failure to get one.
const notFoundCodes: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA']);

export function createNodeDnsResolver({ servers, timeoutMs = 5_000, tries = 2 }: NodeDnsResolverOptions = {}): DnsResolver {
  const resolver = new Resolver({ timeout: timeoutMs, tries });
  if (servers) resolver.setServers(servers);
  return {
    async resolveTxt(name: string): Promise<TxtLookup> {
      try {
        return { ok: true, records: await resolver.resolveTxt(name) };
      } catch (error) {
        const code = errorCode(error);
        return { ok: false, reason: notFoundCodes.has(code) ? 'not_found' : 'unreachable', detail: code };
      }
    },
  };
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return 'EUNKNOWN';
}
