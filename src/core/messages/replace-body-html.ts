import { escapeHtml } from './escape-html.ts';
import { bodyEndMarker, bodyStartMarker } from './render-message.ts';

/**
 * A reviewer's edited text put in place of the body of a rendered HTML part, keeping the branded
 * layout around it (header, button, footer). Paragraphs are separated by blank lines; the text is
 * shown as written (no merge tags, no Markdown). An HTML part without the body markers (written
 * before they existed) becomes the paragraphs alone.
 */
export function replaceBodyHtml(html: string, text: string): string {
  const body = text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p style="margin:0 0 16px 0;">${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const start = html.indexOf(bodyStartMarker);
  const end = html.indexOf(bodyEndMarker);
  if (start === -1 || end < start) return body;
  return `${html.slice(0, start + bodyStartMarker.length)}${body}${html.slice(end)}`;
}
