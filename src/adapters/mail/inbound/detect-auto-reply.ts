/** Header values by lowercase name, as strings (mailparser's structured values flattened). */
export type HeaderLookup = (name: string) => string | undefined;

const autoReplySubject =
  /^(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|auto-response|abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|risposta automatica|automatisch antwoord|fuera de la oficina|absence du bureau)\b/i;

/**
 * True for out-of-office and other machine answers. They must not pause a cadence the way a
 * person's reply does, so any one of the usual signals is enough.
 */
export function detectAutoReply(header: HeaderLookup, subject: string): boolean {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined) return true;
  if (header('x-auto-response-suppress') !== undefined) return true;
  if (/^(auto_reply|bulk|junk)$/i.test(header('precedence')?.trim() ?? '')) return true;
  if (header('x-ms-exchange-organization-autoresponsetype') !== undefined) return true;
  return autoReplySubject.test(subject.trim().replace(/^((re|aw|sv|antw|wg|fw|fwd)\s*:\s*)+/i, ''));
}
