import { decodeMergeTags, encodeMergeTags, type TextPiece } from './encode-merge-tags.ts';

// The light Markdown of template bodies, and nothing more: paragraphs (a blank line between
// them), line breaks (a single newline is kept, as people writing emails expect), *emphasis* and
// _emphasis_, **strong**, [label](url) links whose url may be a merge tag, `-`/`*` bullet lists and
// `1.` numbered lists (one level). Anything else, HTML included, is literal text. Our own parser
// rather than a Markdown library: the output is a tree, never HTML, so every character reaches
// the HTML part through one escape (compile-template.ts) and nothing has to be sanitised after.

export type MarkdownInline =
  | TextPiece
  | { type: 'break' }
  | { type: 'emphasis' | 'strong'; children: MarkdownInline[] }
  | { type: 'link'; label: MarkdownInline[]; href: TextPiece[] };

export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: MarkdownInline[][] }
  /** A tag alone on its line that renders as a block of its own, such as {invoice_table}. */
  | { type: 'tag'; name: string };

const asciiPunctuation = /[!-/:-@[-`{-~]/;
const wordCharacter = /[\p{L}\p{N}]/u;
const bulletItem = /^ {0,3}[-*][ \t]+(.*)$/;
const orderedItem = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;

function isSpace(char: string | undefined): boolean {
  return char === undefined || char === ' ' || char === '\t' || char === '\n';
}

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && wordCharacter.test(char);
}

interface Parsed {
  node: MarkdownInline;
  end: number;
}

class InlineParser {
  constructor(private readonly names: readonly string[]) {}

  parse(text: string, inLink: boolean): MarkdownInline[] {
    const nodes: MarkdownInline[] = [];
    let literal = '';
    const flush = () => {
      if (literal !== '') nodes.push(...decodeMergeTags(literal, this.names));
      literal = '';
    };
    let index = 0;
    while (index < text.length) {
      const char = text[index]!;
      if (char === '\\' && asciiPunctuation.test(text[index + 1] ?? '')) {
        literal += text[index + 1];
        index += 2;
        continue;
      }
      if (char === '\n') {
        flush();
        nodes.push({ type: 'break' });
        index += 1;
        continue;
      }
      const parsed = char === '[' && !inLink ? this.link(text, index) : char === '*' || char === '_' ? this.emphasis(text, index, inLink) : null;
      if (parsed) {
        flush();
        nodes.push(parsed.node);
        index = parsed.end;
        continue;
      }
      literal += char;
      index += 1;
    }
    flush();
    return nodes;
  }

  /** `[label](url)` on one line, the url without spaces; anything else stays text. */
  private link(text: string, open: number): Parsed | null {
    let close = open + 1;
    while (close < text.length && text[close] !== ']' && text[close] !== '\n') close += text[close] === '\\' ? 2 : 1;
    if (text[close] !== ']' || text[close + 1] !== '(') return null;
    const hrefEnd = text.indexOf(')', close + 2);
    if (hrefEnd < 0) return null;
    const label = text.slice(open + 1, close);
    const href = text.slice(close + 2, hrefEnd).trim();
    if (label.trim() === '' || href === '' || /\s/.test(href)) return null;
    return { node: { type: 'link', label: this.parse(label, true), href: decodeMergeTags(href, this.names) }, end: hrefEnd + 1 };
  }

  private emphasis(text: string, open: number, inLink: boolean): Parsed | null {
    const marker = text[open]!;
    // snake_case_words are not emphasis: `_` must not open inside a word.
    if (marker === '_' && isWordCharacter(text[open - 1])) return null;
    if (text[open + 1] === marker) {
      const start = open + 2;
      const close = isSpace(text[start]) ? -1 : this.findCloser(text, start, marker, 2);
      if (close > start) return { node: { type: 'strong', children: this.parse(text.slice(start, close), inLink) }, end: close + 2 };
      // `**foo*`: the first marker stays literal and the second may still open emphasis.
      return null;
    }
    const start = open + 1;
    if (isSpace(text[start])) return null;
    const close = this.findCloser(text, start, marker, 1);
    if (close > start) return { node: { type: 'emphasis', children: this.parse(text.slice(start, close), inLink) }, end: close + 1 };
    return null;
  }

  /** The first run of exactly `size` markers (2 also accepts a longer run) that can close: not after a space, `_` not inside a word. */
  private findCloser(text: string, from: number, marker: string, size: 1 | 2): number {
    for (let index = from; index < text.length; index += 1) {
      const char = text[index];
      if (char === '\\') {
        index += 1;
        continue;
      }
      if (char !== marker) continue;
      let run = 1;
      while (text[index + run] === marker) run += 1;
      const fits = size === 2 ? run >= 2 : run === 1;
      const after = text[index + size];
      if (fits && !isSpace(text[index - 1]) && (marker !== '_' || !isWordCharacter(after))) return index;
      index += run - 1;
    }
    return -1;
  }
}

interface OpenList {
  ordered: boolean;
  start: number;
  items: string[][];
}

export function parseLightMarkdown(text: string, options: { blockTags: ReadonlySet<string> }): MarkdownBlock[] {
  const { source, names } = encodeMergeTags(text.replace(/\r\n?/g, '\n'));
  const inline = new InlineParser(names);
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] | null = null;
  let list: OpenList | null = null;
  let afterBlank = false;
  const closeParagraph = () => {
    if (paragraph) blocks.push({ type: 'paragraph', children: inline.parse(paragraph.join('\n'), false) });
    paragraph = null;
  };
  const closeList = () => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, start: list.start, items: list.items.map((lines) => inline.parse(lines.join('\n'), false)) });
    list = null;
  };
  const addItem = (ordered: boolean, start: number, content: string) => {
    closeParagraph();
    if (list?.ordered !== ordered) {
      closeList();
      list = { ordered, start, items: [] };
    }
    list!.items.push([content.trim()]);
  };
  for (const rawLine of source.split('\n')) {
    const line = rawLine.replace(/[ \t]+$/, '');
    if (line.trim() === '') {
      closeParagraph();
      afterBlank = true;
      continue;
    }
    const bullet = bulletItem.exec(line);
    const ordered = orderedItem.exec(line);
    const openList = list as OpenList | null;
    if (bullet) addItem(false, 1, bullet[1]!);
    // A numbered item interrupts a paragraph only when it starts at 1, so a sentence that
    // happens to begin "2024. …" on a new line is not a list.
    else if (ordered && (openList?.ordered || paragraph === null || ordered[1] === '1')) addItem(true, Number(ordered[1]), ordered[2]!);
    else if (openList && (!afterBlank || /^[ \t]/.test(line))) openList.items[openList.items.length - 1]!.push(line.trim());
    else {
      closeList();
      const content = line.trim();
      const tag = content.length === 1 ? decodeMergeTags(content, names)[0] : undefined;
      if (tag?.type === 'tag' && options.blockTags.has(tag.name)) {
        closeParagraph();
        blocks.push({ type: 'tag', name: tag.name });
      } else (paragraph ??= []).push(content);
    }
    afterBlank = false;
  }
  closeParagraph();
  closeList();
  return blocks;
}

/** A single line of text and tags, no Markdown: subjects. Line breaks and the spaces around them become one space. */
export function parsePlainText(text: string): TextPiece[] {
  const { source, names } = encodeMergeTags(text);
  return decodeMergeTags(source.replace(/\s*[\r\n]\s*/g, ' ').trim(), names);
}
