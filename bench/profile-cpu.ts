import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// A V8 CPU profile of one measurement, taken in-process through the inspector so the positions
// can be mapped back to the TypeScript sources while tsx's source maps are still loaded (tsx
// minifies whitespace, so the compiled line numbers mean nothing in the .ts files).

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  /** `name (path:line)`, the line of the function's start in its source. */
  where: string;
  selfMs: number;
  totalMs: number;
}

export async function profileCpu<T>(work: () => Promise<T>, outputBase: string, root: string): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    writeFileSync(`${outputBase}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${outputBase}.hot-spots.txt`, formatHotSpots(findHotSpots(profile, root), profile));
  }
}

/** Self and total (inclusive, each function once per sample) time per function. */
export function findHotSpots(profile: CpuProfile, root: string): HotSpot[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const names = new Map<number, string>();
  const nameOf = (id: number) => {
    let name = names.get(id);
    if (name === undefined) {
      name = describeFrame(byId.get(id)!.callFrame, root);
      names.set(id, name);
    }
    return name;
  };
  const spots = new Map<string, HotSpot>();
  const spot = (where: string) => {
    let found = spots.get(where);
    if (!found) {
      found = { where, selfMs: 0, totalMs: 0 };
      spots.set(where, found);
    }
    return found;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index += 1) {
    const ms = (deltas[index + 1] ?? 0) / 1000;
    let id: number | undefined = samples[index]!;
    spot(nameOf(id)).selfMs += ms;
    const seen = new Set<string>();
    for (; id !== undefined; id = parent.get(id)) {
      const where = nameOf(id);
      if (seen.has(where)) continue;
      seen.add(where);
      spot(where).totalMs += ms;
    }
  }
  return [...spots.values()];
}

function describeFrame(frame: CallFrame, root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const mapped = findSourceMap(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  const hasOrigin = mapped !== undefined && 'originalSource' in mapped;
  const source = hasOrigin ? mapped.originalSource : frame.url;
  const line = (hasOrigin ? mapped.originalLine : frame.lineNumber) + 1;
  const path = source.startsWith('file:') ? relative(root, fileURLToPath(source)) : source;
  return `${name} (${path}:${line})`;
}

function formatHotSpots(spots: readonly HotSpot[], profile: CpuProfile): string {
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const row = (spot: HotSpot) =>
    `${spot.selfMs.toFixed(0).padStart(8)} ms ${((spot.selfMs / totalMs) * 100).toFixed(1).padStart(5)}%  ${spot.totalMs.toFixed(0).padStart(8)} ms ${((spot.totalMs / totalMs) * 100).toFixed(1).padStart(5)}%  ${spot.where}`;
  const header = `    self          total           function (source:line)`;
  const bySelf = [...spots].sort((a, b) => b.selfMs - a.selfMs).slice(0, 40);
  const byTotal = [...spots].sort((a, b) => b.totalMs - a.totalMs).slice(0, 60);
  return [
    `profiled ${totalMs.toFixed(0)} ms`,
    '',
    'by self time',
    header,
    ...bySelf.map(row),
    '',
    'by total time',
    header,
    ...byTotal.map(row),
    '',
  ].join('\n');
}
