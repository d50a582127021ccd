import type { Cadence, Policy, Segment, Template } from './policy-model.ts';

// The policy the engine runs when segments run different published versions. The live version
// gives the workspace (time zone, senders, branding, plan) and every segment that was not given
// another version; a segment given version N runs N's definition of it: its match, mode, caps,
// guardrails, cadence and templates. Cadences keep their names (a step already sent under one
// version is not sent again under another, spec 3.6); a template whose text differs between the
// versions in use is keyed `name@vN` for the segments of N, so each message is built from the
// version of its segment alone.

export interface VersionedPolicy {
  version: number;
  policy: Policy;
}

export interface LivePolicy {
  policy: Policy;
  liveVersion: number;
  /** The version each segment of `policy` runs. */
  versionOfSegment: ReadonlyMap<string, number>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function composeLivePolicy(live: VersionedPolicy, segmentVersions: readonly { segment: string; from: VersionedPolicy }[]): LivePolicy {
  const templates = new Map<string, Template>(live.policy.templates);
  const cadences = new Map<string, Cadence>(live.policy.cadences);
  const versionOfSegment = new Map<string, number>();
  const chosen = new Map(segmentVersions.filter(({ from }) => from.version !== live.version).map((entry) => [entry.segment, entry.from]));

  /** A template of version N under a key where the engine finds exactly that text. */
  const templateKey = (name: string, from: VersionedPolicy): string => {
    const template = from.policy.templates.get(name);
    if (template === undefined || same(templates.get(name), template)) return name;
    const key = `${name}@v${from.version}`;
    templates.set(key, template);
    return key;
  };

  const adopt = (segment: Segment, from: VersionedPolicy): Segment => {
    const steps = segment.cadence.steps.map((step) => (step.template === null ? step : { ...step, template: templateKey(step.template, from) }));
    const cadence = steps.some((step, index) => step.template !== segment.cadence.steps[index]!.template) ? { ...segment.cadence, steps } : segment.cadence;
    if (!same(cadences.get(cadence.name), cadence)) cadences.set(`${cadence.name}@v${from.version}`, cadence);
    return cadence === segment.cadence ? segment : { ...segment, cadence };
  };

  const segments: Segment[] = [];
  for (const segment of live.policy.segments) {
    const from = chosen.get(segment.name);
    const replacement = from?.policy.segments.find((candidate) => candidate.name === segment.name);
    if (from && replacement) {
      segments.push(adopt(replacement, from));
      versionOfSegment.set(segment.name, from.version);
    } else {
      segments.push(segment);
      versionOfSegment.set(segment.name, live.version);
    }
  }
  // A segment the live version does not have, published from a newer version to try it first.
  for (const [name, from] of chosen) {
    if (versionOfSegment.has(name)) continue;
    const segment = from.policy.segments.find((candidate) => candidate.name === name);
    if (!segment) continue;
    segments.push(adopt(segment, from));
    versionOfSegment.set(name, from.version);
  }
  segments.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { policy: { ...live.policy, templates, cadences, segments }, liveVersion: live.version, versionOfSegment };
}
