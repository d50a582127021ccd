// The Autopilot switch of each segment, set by a person without publishing a version: it
// overrides the `mode` the segment's published file gives. A segment without a setting runs the
// mode of its file.

export type SegmentMode = 'shadow' | 'autopilot';

export interface SegmentModeSetting {
  segment: string;
  mode: SegmentMode;
  /** A user's email, 'cli:<os user>', 'system'. */
  setBy: string;
  setAt: number;
  reason: string | null;
}

export interface SegmentModeStore {
  /** By segment name. */
  listSegmentModes(workspaceId: string): Promise<SegmentModeSetting[]>;
  /** Replaces the segment's setting. */
  setSegmentMode(workspaceId: string, setting: SegmentModeSetting): Promise<void>;
}
