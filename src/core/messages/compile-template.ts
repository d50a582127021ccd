import { escapeHtml } from './escape-html.ts';
import type { TextPiece } from './encode-merge-tags.ts';
import { parseLightMarkdown, parsePlainText, type MarkdownBlock, type MarkdownInline } from './parse-light-markdown.ts';

// A template is parsed once into two small programs, one per part: literal output (already
// HTML-escaped in the HTML program) interleaved with the places where values go. Rendering a
// message then only looks values up and concatenates, so the cost per message does not depend
// on Markdown at all. Compiled templates are kept by text, so a template object's variants are
// parsed once however many messages use them.

export type TemplateOp =
  | string
  /** A tag's value, written for the part (escaped in HTML, raw in text). */
  | { op: 'value'; tag: string }
  /** A tag alone on its line that is a block of its own in HTML, such as {invoice_table}. */
  | { op: 'block'; tag: string }
  /** A link: clickable in HTML only when the finished address is http(s) or mailto. */
  | { op: 'link'; href: readonly TextPiece[]; label: readonly TemplateOp[] };

export interface CompiledTemplate {
  /** The HTML body up to its sign-off. */
  readonly html: readonly TemplateOp[];
  /**
   * The sign-off: the last paragraph when it holds {sender_signature} ("Thank you,\n{sender_signature}"),
   * kept apart so the layout can put the pay button above it, where a reader expects it; else empty.
   */
  readonly htmlSignOff: readonly TemplateOp[];
  /** The whole text part. */
  readonly text: readonly TemplateOp[];
  /** Every tag the template uses, known or not. */
  readonly tags: ReadonlySet<string>;
}

/** Tags whose value is a block (a table) and that stand alone between paragraphs. */
export const blockMergeTags: ReadonlySet<string> = new Set(['invoice_table']);

const paragraphStyle = 'margin:0 0 16px 0;';
// Symmetric padding: the same compiled body serves left-to-right and right-to-left messages.
const listStyle = 'margin:0 0 16px 0;padding:0 24px;';
const itemStyle = 'margin:0 0 4px 0;';

class ProgramBuilder {
  readonly ops: TemplateOp[] = [];

  add(op: TemplateOp): void {
    const last = this.ops[this.ops.length - 1];
    if (typeof op === 'string' && typeof last === 'string') this.ops[this.ops.length - 1] = last + op;
    else if (op !== '') this.ops.push(op);
  }
}

function collectTags(blocks: readonly MarkdownBlock[]): Set<string> {
  const tags = new Set<string>();
  const visit = (nodes: readonly MarkdownInline[]) => {
    for (const node of nodes) {
      if (node.type === 'tag') tags.add(node.name);
      else if (node.type === 'emphasis' || node.type === 'strong') visit(node.children);
      else if (node.type === 'link') {
        visit(node.label);
        for (const piece of node.href) if (piece.type === 'tag') tags.add(piece.name);
      }
    }
  };
  for (const block of blocks) {
    if (block.type === 'tag') tags.add(block.name);
    else if (block.type === 'paragraph') visit(block.children);
    else block.items.forEach(visit);
  }
  return tags;
}

function inlineHtml(nodes: readonly MarkdownInline[], out: ProgramBuilder): void {
  for (const node of nodes) {
    if (node.type === 'text') out.add(escapeHtml(node.text));
    else if (node.type === 'tag') out.add({ op: 'value', tag: node.name });
    else if (node.type === 'break') out.add('<br>');
    else if (node.type === 'link') {
      const label = new ProgramBuilder();
      inlineHtml(node.label, label);
      out.add({ op: 'link', href: node.href, label: label.ops });
    } else {
      const element = node.type === 'strong' ? 'strong' : 'em';
      out.add(`<${element}>`);
      inlineHtml(node.children, out);
      out.add(`</${element}>`);
    }
  }
}

/** Text: emphasis loses its markers; a line break inside a list item keeps the item's indent. */
function inlineText(nodes: readonly MarkdownInline[], out: ProgramBuilder, lineBreak: string): void {
  for (const node of nodes) {
    if (node.type === 'text') out.add(node.text);
    else if (node.type === 'tag') out.add({ op: 'value', tag: node.name });
    else if (node.type === 'break') out.add(lineBreak);
    else if (node.type === 'link') {
      const label = new ProgramBuilder();
      inlineText(node.label, label, ' ');
      out.add({ op: 'link', href: node.href, label: label.ops });
    } else inlineText(node.children, out, lineBreak);
  }
}

function isSignOff(block: MarkdownBlock | undefined): boolean {
  return block?.type === 'paragraph' && block.children.some((node) => node.type === 'tag' && node.name === 'sender_signature');
}

function compileMarkdown(text: string): CompiledTemplate {
  const blocks = parseLightMarkdown(text, { blockTags: blockMergeTags });
  const body = new ProgramBuilder();
  const signOff = new ProgramBuilder();
  const plain = new ProgramBuilder();
  const signOffAt = isSignOff(blocks[blocks.length - 1]) ? blocks.length - 1 : -1;
  blocks.forEach((block, index) => {
    const html = index === signOffAt ? signOff : body;
    if (index > 0) plain.add('\n\n');
    if (block.type === 'tag') {
      html.add({ op: 'block', tag: block.name });
      plain.add({ op: 'value', tag: block.name });
    } else if (block.type === 'paragraph') {
      html.add(`<p style="${paragraphStyle}">`);
      inlineHtml(block.children, html);
      html.add('</p>');
      inlineText(block.children, plain, '\n');
    } else {
      const element = block.ordered ? 'ol' : 'ul';
      html.add(`<${element}${block.ordered && block.start !== 1 ? ` start="${block.start}"` : ''} style="${listStyle}">`);
      block.items.forEach((item, position) => {
        html.add(`<li style="${itemStyle}">`);
        inlineHtml(item, html);
        html.add('</li>');
        const marker = block.ordered ? `${block.start + position}. ` : '- ';
        if (position > 0) plain.add('\n');
        plain.add(marker);
        inlineText(item, plain, `\n${' '.repeat(marker.length)}`);
      });
      html.add(`</${element}>`);
    }
  });
  return { html: body.ops, htmlSignOff: signOff.ops, text: plain.ops, tags: collectTags(blocks) };
}

function compilePlain(text: string): CompiledTemplate {
  const html = new ProgramBuilder();
  const plain = new ProgramBuilder();
  const tags = new Set<string>();
  for (const piece of parsePlainText(text)) {
    if (piece.type === 'text') {
      html.add(escapeHtml(piece.text));
      plain.add(piece.text);
    } else {
      tags.add(piece.name);
      html.add({ op: 'value', tag: piece.name });
      plain.add({ op: 'value', tag: piece.name });
    }
  }
  return { html: html.ops, htmlSignOff: [], text: plain.ops, tags };
}

// Bounded so a long-running process that sees many edited policies does not grow for ever;
// clearing all at once is crude but a refill costs one parse per template.
const maxCached = 2_000;
const cached = { markdown: new Map<string, CompiledTemplate>(), plain: new Map<string, CompiledTemplate>() };

/** Compiles a body (`markdown: true`) or a one-line subject (`markdown: false`); cached by text. */
export function compileTemplate(text: string, options: { markdown: boolean }): CompiledTemplate {
  const cache = options.markdown ? cached.markdown : cached.plain;
  let compiled = cache.get(text);
  if (!compiled) {
    compiled = options.markdown ? compileMarkdown(text) : compilePlain(text);
    if (cache.size >= maxCached) cache.clear();
    cache.set(text, compiled);
  }
  return compiled;
}
