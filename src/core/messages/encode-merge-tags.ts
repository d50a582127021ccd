import { scanMergeTags } from '../policy/scan-merge-tags.ts';

// Merge tags are found by the scanner the linter uses, before any Markdown is read, and each is
// replaced by one private-use character that stands for it. The Markdown parser then cannot
// mistake a tag for markup (`{invoice_number}` inside `**…**` or a link), nor a tag's value for
// markup, because values arrive only at render time. Private-use characters already in a template
// become U+FFFD: no one types them, and they must not be read as tags.

const first = 0xe000;
const last = 0xf8ff;
const privateUse = /[\ue000-\uf8ff]/g;

export interface EncodedText {
  /** The text with `{{`/`}}` turned into braces and each tag into its stand-in character. */
  source: string;
  /** Tag names, by stand-in: the character first + i stands for names[i]. */
  names: readonly string[];
}

export type TextPiece = { type: 'text'; text: string } | { type: 'tag'; name: string };

export function encodeMergeTags(text: string): EncodedText {
  const names: string[] = [];
  let source = '';
  for (const token of scanMergeTags(text)) {
    if (token.kind === 'text') source += token.text.replace(privateUse, '\ufffd');
    // Malformed braces (`{customer name}`) are lint errors; if one reaches rendering it shows as written.
    else if (token.kind === 'malformed') source += token.raw;
    else if (token.kind === 'tag') {
      let index = names.indexOf(token.name);
      if (index < 0) {
        index = names.length;
        names.push(token.name);
      }
      source += first + index <= last ? String.fromCharCode(first + index) : token.raw;
    }
    // 'escaped-tag' only annotates `{{name}}`: the scanner also emits its literal text.
  }
  return { source, names };
}

export function isTagCharacter(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return code >= first && code <= last;
}

/** Splits encoded text back into literal text and tags. */
export function decodeMergeTags(source: string, names: readonly string[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  let start = 0;
  for (let index = 0; index < source.length; index += 1) {
    if (!isTagCharacter(source[index])) continue;
    if (index > start) pieces.push({ type: 'text', text: source.slice(start, index) });
    pieces.push({ type: 'tag', name: names[source.charCodeAt(index) - first]! });
    start = index + 1;
  }
  if (start < source.length) pieces.push({ type: 'text', text: source.slice(start) });
  return pieces;
}
