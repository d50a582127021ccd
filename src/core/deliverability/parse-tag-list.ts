/** A `tag=value; tag=value` list as DKIM and DMARC records use it (RFC 6376 §3.2). */
export interface TagList {
  tags: Map<string, string>;
  /** Tag names in the order written, to check that `v=` comes first. */
  order: string[];
  /** Parts that are not `name=value`. */
  malformed: string[];
}

export function parseTagList(text: string, { lowerCaseNames }: { lowerCaseNames: boolean }): TagList {
  const tags = new Map<string, string>();
  const order: string[] = [];
  const malformed: string[] = [];
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    if (equals <= 0) {
      malformed.push(trimmed);
      continue;
    }
    const rawName = trimmed.slice(0, equals).trim();
    const name = lowerCaseNames ? rawName.toLowerCase() : rawName;
    // A repeated tag makes the record invalid for DKIM; keeping the first is what lenient receivers do.
    if (!tags.has(name)) {
      tags.set(name, trimmed.slice(equals + 1).trim());
      order.push(name);
    }
  }
  return { tags, order, malformed };
}
