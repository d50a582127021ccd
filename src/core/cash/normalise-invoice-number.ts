// The key an invoice number is looked up by, on both sides (the invoice and a memo's mention):
// upper case, the leading letters ("INV", "RE", "F") and separators dropped, leading zeros
// dropped. "INV-0104217", "inv 104217" and "104217" all have the key "104217". A number made of
// several groups ("2024-00042") gets a second key with each group's zeros dropped ("202442"), so
// "2024-42" finds it too.

export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
}

/** The number's keys, the plain one first; none when it holds nothing to look up. */
export function invoiceNumberKeys(number: string): string[] {
  const groups = foldText(number).match(/[A-Z0-9]+/g);
  if (!groups) return [];
  return keysOfGroups(groups);
}

/** The keys of alphanumeric groups already split and upper-cased (the memo reader's path). */
export function keysOfGroups(groups: readonly string[]): string[] {
  const rest = withoutLeadingLetters(groups);
  if (rest.length === 0) return [];
  const whole = stripZeros(rest.join(''));
  const keys = whole === '' ? [] : [whole];
  if (rest.length > 1) {
    const each = rest.map(stripZeros).join('');
    if (each !== '' && each !== whole) keys.push(each);
  }
  return keys;
}

function withoutLeadingLetters(groups: readonly string[]): string[] {
  if (!groups.some((group) => /\d/.test(group))) return [...groups];
  const rest = [...groups];
  // Letter-only groups before the first digit are a prefix ("INV", "RE", "NO").
  while (rest.length > 0 && !/\d/.test(rest[0]!)) rest.shift();
  rest[0] = rest[0]!.replace(/^[A-Z]+/, '');
  return rest.filter((group) => group !== '');
}

function stripZeros(text: string): string {
  const stripped = text.replace(/^0+/, '');
  return stripped === '' && text !== '' ? '0' : stripped;
}
