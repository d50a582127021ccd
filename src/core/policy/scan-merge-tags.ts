// The merge-tag syntax of templates: `{name}` is a tag, `{{` and `}}` are literal braces. One
// scanner for the linter and the renderer, so they cannot disagree about what is a tag.

export const knownMergeTags = [
  'customer_name',
  'contact_name',
  'company_name',
  'invoice_number',
  'invoice_amount',
  'invoice_balance',
  'due_date',
  'days_overdue',
  'pay_link',
  'total_balance',
  'invoice_table',
  'sender_name',
  'sender_signature',
  'statement_link',
  'promise_date',
  'promise_amount',
  'issued_on',
] as const;

export type MergeTagName = (typeof knownMergeTags)[number];

export type MergeToken =
  /** Literal text, with `{{` and `}}` already turned into single braces. */
  | { kind: 'text'; text: string; index: number }
  | { kind: 'tag'; name: string; raw: string; index: number }
  /** A `{` that does not open a well-formed tag, such as `{customer name}` or a lone `{`. */
  | { kind: 'malformed'; raw: string; index: number }
  /** `{{name}}`: valid, but prints the literal text `{name}`, which is rarely what was meant. */
  | { kind: 'escaped-tag'; name: string; raw: string; index: number };

const tagName = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isKnownMergeTag(name: string): name is MergeTagName {
  return (knownMergeTags as readonly string[]).includes(name);
}

export function scanMergeTags(text: string): MergeToken[] {
  const tokens: MergeToken[] = [];
  let literal = '';
  let literalStart = 0;
  const flush = (index: number) => {
    if (literal !== '') tokens.push({ kind: 'text', text: literal, index: literalStart });
    literal = '';
    literalStart = index;
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '{' && text[index + 1] === '{') {
      const escaped = /^\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/.exec(text.slice(index));
      if (escaped?.[1] !== undefined) {
        flush(index);
        tokens.push({ kind: 'escaped-tag', name: escaped[1], raw: escaped[0], index });
        literal = `{${escaped[1]}}`;
        literalStart = index;
        index += escaped[0].length;
        continue;
      }
      literal += '{';
      index += 2;
    } else if (char === '}' && text[index + 1] === '}') {
      literal += '}';
      index += 2;
    } else if (char === '{') {
      const close = text.indexOf('}', index + 1);
      const inner = close < 0 ? null : text.slice(index + 1, close);
      flush(index);
      if (inner !== null && tagName.test(inner)) {
        tokens.push({ kind: 'tag', name: inner, raw: `{${inner}}`, index });
        index = close + 1;
      } else if (inner !== null && !/[{\n]/.test(inner)) {
        tokens.push({ kind: 'malformed', raw: `{${inner}}`, index });
        index = close + 1;
      } else {
        tokens.push({ kind: 'malformed', raw: '{', index });
        index += 1;
      }
      literalStart = index;
    } else {
      // A lone `}` cannot start anything, so it stays a literal brace.
      literal += char;
      index += 1;
    }
  }
  flush(index);
  return tokens;
}
