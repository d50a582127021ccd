// Reads the Prometheus text format (0.0.4) the way a scraper does, for tests: each sample as
// `name{label="value",…}` with its labels sorted, and the TYPE and HELP of each family. Written
// from the format's description, not with prom-client, so it checks what prom-client writes.

export interface PrometheusText {
  /** Sample key (name and sorted labels) → value. */
  samples: Map<string, number>;
  types: Map<string, string>;
  help: Map<string, string>;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheusText(text: string): PrometheusText {
  const result: PrometheusText = { samples: new Map(), types: new Map(), help: new Map() };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const comment = /^# (TYPE|HELP) (\S+) (.*)$/.exec(line);
    if (comment) {
      (comment[1] === 'TYPE' ? result.types : result.help).set(comment[2]!, comment[3]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a sample line of the Prometheus text format: ${JSON.stringify(line)}`);
    const labels = [...(match[2] ?? '').matchAll(labelPair)].map(([, name, value]) => [name!, value!.replace(/\\(.)/g, (_all, char: string) => (char === 'n' ? '\n' : char))] as const);
    const value = match[3] === '+Inf' ? Infinity : match[3] === '-Inf' ? -Infinity : Number(match[3]);
    // Go's ParseFloat, which Prometheus reads values with, takes NaN in any case (prom-client writes `Nan`).
    if (Number.isNaN(value) && !/^nan$/i.test(match[3]!)) throw new Error(`not a sample value: ${JSON.stringify(line)}`);
    result.samples.set(sampleKey(match[1]!, Object.fromEntries(labels)), value);
  }
  return result;
}

/** The key of a sample in `samples`: `sampleKey('plixo_messages_failed_total', { reason: 'rejected' })`. */
export function sampleKey(name: string, labels: Record<string, string> = {}): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length === 0 ? name : `${name}{${pairs.map(([key, value]) => `${key}="${value}"`).join(',')}}`;
}
