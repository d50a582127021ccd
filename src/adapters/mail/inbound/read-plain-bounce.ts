import type { BounceReport } from './inbound-email.ts';
import { findStatusCode, isPermanentFailure } from './parse-delivery-status.ts';
import { findMessageId, normalizeMessageId } from './parse-report-fields.ts';

const daemonSender = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const bounceSubject =
  /^(undeliverable|undelivered mail|mail delivery failed|delivery status notification \((failure|delay)\)|returned mail|delivery failure|failure notice|mail delivery failure|unzustellbar|non remis|non recapitabile)/i;
const delayWords = /\b(delay(ed)?|will (keep )?(be )?retr(y|ied)|still trying|has not yet been delivered|warning only|temporar(y|ily))\b/i;
// Where the notice ends and the returned copy begins; addresses and IDs below belong to the copy.
const copyMarkers = [
  /^-+ ?this is a copy of the message/im,
  /^-+ ?(original|returned|undelivered) message/im,
  /^-+ ?below this line is a copy of the message/im,
  /^original message headers:?$/im,
  /^-+ ?the header of the original message is following/im,
];

export interface PlainBounceInput {
  from: string;
  to: string[];
  subject: string;
  returnPath: string | undefined;
  text: string;
  /** Returned-message parts (message/rfc822, text/rfc822-headers) that were not in a report. */
  returnedHeaders: string[];
}

/** A bounce from an MTA that does not send RFC 3464 reports: from a daemon, with a telling subject. */
export function looksLikePlainBounce(input: Pick<PlainBounceInput, 'from' | 'subject' | 'returnPath'>): boolean {
  if (!bounceSubject.test(input.subject.trim())) return false;
  return daemonSender.test(input.from) || input.returnPath?.trim() === '<>';
}

/** The failed addresses, status and original Message-ID as far as the free text tells them. */
export function readPlainBounce(input: PlainBounceInput): BounceReport {
  const cut = Math.min(...copyMarkers.map((marker) => input.text.search(marker)).filter((index) => index >= 0), input.text.length);
  const notice = input.text.slice(0, cut);
  const copy = input.text.slice(cut);
  const ours = new Set([input.from, ...input.to].map((address) => address.toLowerCase()));
  const addresses = [...new Set((notice.match(/[\w.+'-]+@[\w-]+(\.[\w-]+)+/g) ?? []).map((address) => address.toLowerCase()))].filter(
    (address) => !ours.has(address) && !daemonSender.test(address),
  );
  const status = findStatusCode(notice) ?? '';
  const delayed = status.startsWith('4.') || (status === '' && delayWords.test(`${input.subject}\n${notice}`));
  const diagnostic = notice.split('\n').map((line) => line.trim()).find((line) => /^[45]\d\d[ -]/.test(line) || (status !== '' && line.includes(status))) ?? '';
  const recipients = addresses.map((address) => ({ address, status, action: delayed ? ('delayed' as const) : ('failed' as const), diagnostic }));
  const originalMessageId = input.returnedHeaders.map(findMessageId).find((id) => id !== undefined) ?? normalizeMessageId(copy.match(/^message-id:[ \t]*(.*)$/im)?.[1]);
  return { recipients, permanent: recipients.some(isPermanentFailure), ...(originalMessageId ? { originalMessageId } : {}) };
}
