/**
 * A TXT record arrives as one or more character-strings of at most 255 bytes each; SPF
 * (RFC 7208 §3.3), DKIM (RFC 6376 §3.6.2.2) and DMARC read them concatenated with nothing between.
 */
export function joinTxtRecord(chunks: readonly string[]): string {
  return chunks.join('');
}
