// The DNS as deliverability checks need it. Adapters (src/adapters/dns) turn resolver errors into
// these outcomes, so "the record is not there" and "we could not ask" never look alike.

export type TxtLookup =
  | { ok: true; records: string[][] }
  /**
   * not_found: the name does not exist or has no TXT records (NXDOMAIN, NODATA), an answer about
   * the domain. unreachable: the servers failed or did not answer, which says nothing about it.
   */
  | { ok: false; reason: 'not_found' | 'unreachable'; detail: string };

export interface DnsResolver {
  /** Each record as the character-strings it was published in; callers join them. */
  resolveTxt(name: string): Promise<TxtLookup>;
}
