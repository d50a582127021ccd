// An SPF record's terms (RFC 7208 §4.6.1, §5, §6), enough to judge a sending domain's setup.
// Includes and redirects are not followed: that takes DNS, and this module takes none.

export type SpfQualifier = '+' | '-' | '~' | '?';
export const spfMechanismNames = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type SpfMechanismName = (typeof spfMechanismNames)[number];

export interface SpfMechanism {
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** After the colon (a domain or an address, with any /cidr), lower-cased; null when absent. */
  value: string | null;
  /** A bare `/cidr` after `a` or `mx`, kept so terms compare exactly. */
  cidr: string | null;
}

export interface SpfRecord {
  mechanisms: SpfMechanism[];
  redirect: string | null;
  /** Terms that are neither a known mechanism nor a `name=value` modifier: a permerror. */
  invalidTerms: string[];
}

const needsValue: ReadonlySet<SpfMechanismName> = new Set(['include', 'ip4', 'ip6', 'exists']);
const takesNoValue: ReadonlySet<SpfMechanismName> = new Set(['all']);

/** True for the one record a domain's TXT set may hold: exactly `v=spf1`, then a space or the end. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

export function parseSpfRecord(text: string): SpfRecord {
  const terms = text.trim().split(/\s+/).slice(1);
  const record: SpfRecord = { mechanisms: [], redirect: null, invalidTerms: [] };
  for (const term of terms) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(term);
    if (modifier) {
      if (modifier[1]!.toLowerCase() === 'redirect') record.redirect ??= stripDot(modifier[2]!.toLowerCase());
      continue;
    }
    const mechanism = parseMechanism(term);
    if (mechanism) record.mechanisms.push(mechanism);
    else record.invalidTerms.push(term);
  }
  return record;
}

/** One term written the way a support article would (`include:_spf.google.com`, `ip4:203.0.113.0/24`). */
export function parseMechanism(term: string): SpfMechanism | null {
  const match = /^([+\-~?]?)([a-z0-9]+)(.*)$/i.exec(term);
  if (!match) return null;
  const name = match[2]!.toLowerCase();
  if (!(spfMechanismNames as readonly string[]).includes(name)) return null;
  const mechanismName = name as SpfMechanismName;
  const rest = match[3]!;
  if (rest !== '' && !rest.startsWith(':') && !rest.startsWith('/')) return null;
  const value = rest.startsWith(':') && rest.length > 1 ? stripDot(rest.slice(1).toLowerCase()) : null;
  const cidr = rest.startsWith('/') ? rest : null;
  if (rest === ':') return null;
  if (needsValue.has(mechanismName) && value === null) return null;
  if (takesNoValue.has(mechanismName) && rest !== '') return null;
  if (mechanismName === 'ip4' && value !== null && parseIp4Range(value) === null) return null;
  return { qualifier: (match[1] || '+') as SpfQualifier, name: mechanismName, value, cidr };
}

export interface Ip4Range {
  network: number;
  prefix: number;
}

export function parseIp4Range(text: string): Ip4Range | null {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[5] === undefined ? 32 : Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return null;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  return { network: maskIp4(address, prefix), prefix };
}

/** Whether every address of `inner` lies inside `outer`. */
export function ip4RangeContains(outer: Ip4Range, inner: Ip4Range): boolean {
  return inner.prefix >= outer.prefix && maskIp4(inner.network, outer.prefix) === outer.network;
}

function maskIp4(address: number, prefix: number): number {
  // Division instead of bit shifts: JavaScript's shifts are signed 32-bit.
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) * size;
}

function stripDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
