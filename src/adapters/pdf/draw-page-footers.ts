import { drawRule, drawText, ink } from './draw-text.ts';
import { contentWidth } from './draw-letterhead.ts';
import { pageMargin, type OpenedPdf } from './open-pdf-document.ts';

/** Once every page exists: a rule, an optional note or link on the left, "Page i of n" on the right. */
export function drawPageFooters(pdf: OpenedPdf, input: { note: string; link: string | null }): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  const width = contentWidth(pdf);
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const y = doc.page.height - pageMargin - 4;
    drawRule(pdf, { x: pageMargin, y, width });
    const pageLabel = pdf.labels.page(index - range.start + 1, range.count);
    drawText(pdf, pageLabel, { x: pageMargin + width * 0.75, y: y + 8, width: width * 0.25, size: 8, align: 'right', color: ink.muted });
    if (input.link) {
      drawText(pdf, input.note, { x: pageMargin, y: y + 8, size: 8, color: ink.muted });
      const noteWidth = doc.font(pdf.fonts.regular).fontSize(8).widthOfString(pdf.format.text(input.note)) + 4;
      drawText(pdf, input.link, { x: pageMargin + noteWidth, y: y + 8, width: width * 0.72 - noteWidth, size: 8, color: pdf.colors.text, link: input.link });
    } else {
      drawText(pdf, input.note, { x: pageMargin, y: y + 8, width: width * 0.72, size: 8, color: ink.muted });
    }
  }
}
