import type { OpenedPdf } from './open-pdf-document.ts';

export const ink = { strong: '#1a1a1a', body: '#333333', muted: '#6b7280', faint: '#9aa0a6', rule: '#e5e7eb', stripe: '#f7f8fa', alert: '#b42318' };

export interface DrawTextInput {
  x: number;
  y: number;
  /** Without a width the text is drawn as it is; with one it is fitted into it. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  bold?: boolean;
  size: number;
  /** Shrink down to this size before cutting the text short (amounts must not be cut). */
  minSize?: number;
  color?: string;
  link?: string | null;
  characterSpacing?: number;
}

/**
 * One line of text, fitted to the font (see PdfFormatter.text), that never wraps and never spills: it shrinks to `minSize`, then ends in '…'.
 * pdfkit only breaks pages inside its line wrapper, which a line without a width never enters, so
 * this is also safe in the footer below the bottom margin.
 */
export function drawText(pdf: OpenedPdf, text: string, input: DrawTextInput): void {
  const { doc } = pdf;
  const characterSpacing = input.characterSpacing ?? 0;
  const safe = pdf.format.text(text);
  let size = input.size;
  let shown = safe;
  doc.font(input.bold ? pdf.fonts.bold : pdf.fonts.regular);
  const measure = () => doc.fontSize(size).widthOfString(shown, { characterSpacing });
  if (input.width !== undefined) {
    const minSize = input.minSize ?? size;
    while (measure() > input.width && size > minSize) size = Math.max(minSize, size - 0.5);
    if (measure() > input.width) {
      const characters = [...safe];
      while (characters.length > 0 && measure() > input.width) {
        characters.pop();
        shown = `${characters.join('').trimEnd()}…`;
      }
    }
  }
  const width = measure();
  const slack = input.width === undefined ? 0 : input.width - width;
  const x = input.align === 'right' ? input.x + slack : input.align === 'center' ? input.x + slack / 2 : input.x;
  doc.fillColor(input.color ?? ink.body);
  doc.text(shown, x, input.y, { lineBreak: false, characterSpacing, ...(input.link ? { link: input.link, underline: true } : {}) });
}

/** A horizontal hairline. */
export function drawRule(pdf: OpenedPdf, input: { x: number; y: number; width: number; color?: string }): void {
  pdf.doc
    .moveTo(input.x, input.y)
    .lineTo(input.x + input.width, input.y)
    .lineWidth(0.75)
    .strokeColor(input.color ?? ink.rule)
    .stroke();
}

/** Only web and mail links become clickable: a `javascript:` or `file:` link in a PDF is an attack. */
export function toSafeLink(link: string | null): string | null {
  if (link === null) return null;
  try {
    const url = new URL(link);
    return ['https:', 'http:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
