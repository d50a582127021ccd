import type { MoveReason } from './place-message.ts';

// Why the guardrails moved a message, in the words people read: the invoice timeline ("moved for
// the weekend, quiet hours"), the queue's inspector ("waiting for …") and the simulator. One list,
// over the engine's own reasons, so a new reason does not compile without its words.

export const moveReasonWords: Record<MoveReason, string> = {
  weekend: 'the weekend',
  day_off: 'a day without sending',
  holiday: 'a public holiday',
  quiet_hours: 'quiet hours',
  daily_cap: 'the daily cap',
  segment_cap: 'the segment’s send cap',
  warmup: 'the sending domain’s warm-up',
  catch_up: 'catch-up after a late start',
};

/** The words for a move the engine recorded; a code this version does not know is shown as it is. */
export function describeMove(move: string): string {
  return (moveReasonWords as Record<string, string>)[move] ?? move;
}
