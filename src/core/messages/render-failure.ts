import type { MergeTagName } from '../policy/scan-merge-tags.ts';
import type { Tone } from '../policy/policy-schema.ts';

// Why one message could not be rendered. A value, never a thrown error: the caller holds that one
// message with this reason and sends the rest.

export type RenderFailure =
  /** The tag has no value for this message: no contact name, no promise, no pay link… */
  | { ok: false; reason: 'missing_value'; tag: MergeTagName; invoiceId?: string }
  /** A tag Plixo does not know; lint reports these before a policy is published. */
  | { ok: false; reason: 'unknown_tag'; tag: string }
  /** A tag that cannot stand where it is written, such as {invoice_table} in a subject or a link. */
  | { ok: false; reason: 'misplaced_tag'; tag: MergeTagName; where: 'subject' | 'link' }
  /** The template has no text for the tone, nor a neutral one. */
  | { ok: false; reason: 'missing_variant'; part: 'subject' | 'body'; tone: Tone };

export type RenderFailureReason = RenderFailure['reason'];
