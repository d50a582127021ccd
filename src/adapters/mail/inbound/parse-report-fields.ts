/**
 * Reads header-style fields ("Name: value", folded continuation lines) in blocks separated by
 * blank lines, as found in message/delivery-status, message/feedback-report and
 * text/rfc822-headers parts. Field names are lowercased; the first occurrence wins.
 */
export function parseReportFields(text: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let lastName: string | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) groups.push(current);
      current = new Map();
      lastName = undefined;
      continue;
    }
    if (/^[ \t]/.test(line) && lastName !== undefined) {
      current.set(lastName, `${current.get(lastName) ?? ''} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    lastName = name;
    if (!current.has(name)) current.set(name, line.slice(colon + 1).trim());
    else lastName = undefined;
  }
  if (current.size > 0) groups.push(current);
  return groups;
}

/** The Message-ID of a header block (the first block of a returned message), brackets included. */
export function findMessageId(headerText: string): string | undefined {
  const [headers] = parseReportFields(headerText);
  return normalizeMessageId(headers?.get('message-id'));
}

export function normalizeMessageId(value: string | undefined): string | undefined {
  const match = value?.match(/<[^<>\s]+>/) ?? value?.trim().match(/^[^<>\s]+@[^<>\s]+$/);
  if (!match) return undefined;
  const id = match[0];
  return id.startsWith('<') ? id : `<${id}>`;
}

/** "rfc822; Bob@Example.org" → "bob@example.org". */
export function readAddressField(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bare = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const address = bare.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return address.includes('@') ? address : undefined;
}
