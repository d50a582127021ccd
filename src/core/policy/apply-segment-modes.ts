import type { Policy } from './policy-model.ts';

/**
 * The policy with each segment's Autopilot switch applied: a segment a person switched runs that
 * mode, whatever its published file says; the others keep their file's mode.
 */
export function applySegmentModes(policy: Policy, modes: ReadonlyMap<string, 'shadow' | 'autopilot'>): Policy {
  if (!policy.segments.some((segment) => modes.has(segment.name) && modes.get(segment.name) !== segment.mode)) return policy;
  return { ...policy, segments: policy.segments.map((segment) => (modes.has(segment.name) ? { ...segment, mode: modes.get(segment.name)! } : segment)) };
}
