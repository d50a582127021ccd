import type { RenderFailure } from './render-failure.ts';

// A merge tag's value for one message, kept in a shape that says how to write it into each part:
// text is escaped for HTML, a web address can become a link, a block (the invoice table) has
// its own HTML and text renderings.

export type MergeValue =
  | { kind: 'text'; text: string }
  | { kind: 'url'; url: string }
  | { kind: 'block'; html: string; text: string };

export type MergeLookup = { ok: true; value: MergeValue } | Extract<RenderFailure, { reason: 'missing_value' | 'unknown_tag' }>;
