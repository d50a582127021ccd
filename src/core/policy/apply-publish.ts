// What a publish does to the versions segments run: `all` makes the version live for every
// segment and ends earlier per-segment choices (so does the first publish of a workspace);
// chosen segments run the version, unless it is the live one, which they then simply follow.
// The impact preview and the store's publish both apply this one rule.

export type PublishTarget = 'all' | readonly string[];

export interface SegmentAssignment {
  segment: string;
  version: number;
  assignedAt: number;
}

export interface PublishedState {
  liveVersion: number | null;
  /** Ordered by segment name. */
  segmentVersions: SegmentAssignment[];
}

export function applyPublish(state: PublishedState, version: number, segments: PublishTarget, at: number): PublishedState {
  if (segments === 'all' || state.liveVersion === null) return { liveVersion: version, segmentVersions: [] };
  const chosen = new Set(segments);
  const kept = state.segmentVersions.filter((entry) => !chosen.has(entry.segment));
  const given = version === state.liveVersion ? [] : [...chosen].map((segment) => ({ segment, version, assignedAt: at }));
  return { liveVersion: state.liveVersion, segmentVersions: [...kept, ...given].sort((a, b) => (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0)) };
}
