import type { MergeTagName } from '../policy/scan-merge-tags.ts';
import type { MergeValues } from './build-merge-values.ts';
import type { TemplateOp } from './compile-template.ts';
import { escapeHtml } from './escape-html.ts';
import { isSafeLinkUrl } from './is-safe-link-url.ts';
import type { MergeValue } from './merge-value.ts';
import type { RenderFailure } from './render-failure.ts';

// Runs a compiled template's program for one part. Every value passes through exactly one
// writer here: escapeHtml for the HTML part (text and attributes alike), as-is for the text part,
// one line for a subject. Links become clickable only when the finished address is safe.

export interface FillOptions {
  values: MergeValues;
  /** Colour of links in the HTML part. */
  linkColor: string;
  /** A subject is one line: line breaks in values become spaces, and blocks are refused. */
  where: 'subject' | 'body';
}

type Part = 'html' | 'text';

function anchor(href: string, labelHtml: string, color: string): string {
  return `<a href="${escapeHtml(href)}" style="color:${color};text-decoration:underline;">${labelHtml}</a>`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function writeValue(value: MergeValue, tag: string, part: Part, options: FillOptions, inLink: boolean): string | RenderFailure {
  if (value.kind === 'block') {
    if (options.where === 'subject') return { ok: false, reason: 'misplaced_tag', tag: tag as MergeTagName, where: 'subject' };
    return part === 'html' ? value.html : value.text;
  }
  const text = value.kind === 'text' ? value.text : value.url;
  if (part === 'text') return options.where === 'subject' ? oneLine(text) : text;
  const escaped = escapeHtml(options.where === 'subject' ? oneLine(text) : text);
  // A bare web address in running text is made a link, as a mail client would do anyway.
  if (value.kind === 'url' && !inLink && options.where === 'body' && isSafeLinkUrl(text)) return anchor(text, escaped, options.linkColor);
  return escaped.includes('\n') ? escaped.replace(/\r?\n/g, '<br>') : escaped;
}

function fillLink(op: Extract<TemplateOp, { op: 'link' }>, part: Part, options: FillOptions): string | RenderFailure {
  // A tag that is the whole address is the address; a tag inside a written address is one part
  // of it, so it is percent-encoded (an invoice number with a slash or a space stays one part).
  const whole = op.href.length === 1;
  let href = '';
  for (const piece of op.href) {
    if (piece.type === 'text') {
      href += piece.text;
      continue;
    }
    const lookup = options.values.lookup(piece.name);
    if (!lookup.ok) return lookup;
    const { value } = lookup;
    if (value.kind === 'block') return { ok: false, reason: 'misplaced_tag', tag: piece.name as MergeTagName, where: 'link' };
    const text = value.kind === 'text' ? value.text.trim() : value.url;
    href += whole ? text : encodeURIComponent(text);
  }
  const label = fillProgram(op.label, part, options, true);
  if (typeof label !== 'string') return label;
  if (!isSafeLinkUrl(href)) return label;
  if (part === 'html') return anchor(href, label, options.linkColor);
  return label === href ? href : `${label} (${href})`;
}

function fillProgram(program: readonly TemplateOp[], part: Part, options: FillOptions, inLink: boolean): string | RenderFailure {
  let out = '';
  for (const op of program) {
    if (typeof op === 'string') {
      out += op;
      continue;
    }
    let written: string | RenderFailure;
    if (op.op === 'link') written = fillLink(op, part, options);
    else {
      const lookup = options.values.lookup(op.tag);
      if (!lookup.ok) return lookup;
      written = writeValue(lookup.value, op.tag, part, options, inLink);
      // A value that is not a block, alone on its line: a paragraph like any other.
      if (op.op === 'block' && part === 'html' && lookup.value.kind !== 'block' && typeof written === 'string') {
        written = `<p style="margin:0 0 16px 0;">${written}</p>`;
      }
    }
    if (typeof written !== 'string') return written;
    out += written;
  }
  return out;
}

export function fillTemplate(program: readonly TemplateOp[], part: Part, options: FillOptions): string | RenderFailure {
  return fillProgram(program, part, options, false);
}
