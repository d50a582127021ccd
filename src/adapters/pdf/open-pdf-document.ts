import PDFDocument from 'pdfkit';
import type { Instant } from '../../core/time/time-zone.ts';
import { deriveBrandColors, type BrandColors } from './brand-color.ts';
import { createPdfFormatter, type PdfFormatter } from './create-pdf-formatter.ts';
import { englishLabels, type PdfLabels } from './pdf-labels.ts';

/** TrueType/OpenType fonts to embed instead of Helvetica: a file path or the font's bytes. */
export interface PdfFonts {
  regular: string | Uint8Array;
  bold: string | Uint8Array;
}

export interface PdfRenderOptions {
  /** 'A4' (the default) or 'LETTER'. */
  pageSize?: 'A4' | 'LETTER';
  /**
   * Fonts that cover the customer's script (Noto Sans JP for Japanese, say). Without them the
   * documents use the standard Helvetica, which shows Latin-script text only; other characters
   * print as '?'.
   */
  fonts?: PdfFonts;
  labels?: Partial<PdfLabels>;
}

export interface OpenPdfDocumentInput {
  asOf: Instant;
  /** The document's title in its metadata, from the labels in force. */
  title: (labels: PdfLabels) => string;
  author: string;
  locale: string;
  brandColor: string;
  options: PdfRenderOptions;
}

export interface OpenedPdf {
  doc: PDFKit.PDFDocument;
  fonts: { regular: string; bold: string };
  format: PdfFormatter;
  labels: PdfLabels;
  colors: BrandColors;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

export const pageMargin = 48;

/** A pdfkit document with the documents' common settings: size, fonts, metadata, buffered pages. */
export function openPdfDocument(input: OpenPdfDocumentInput): OpenedPdf {
  const { options } = input;
  const unicode = options.fonts !== undefined;
  const format = createPdfFormatter({ locale: input.locale, unicode });
  const labels: PdfLabels = { ...englishLabels, ...options.labels };
  // The dates come from `asOf`, never the clock, so the same input gives the same bytes
  // (pdfkit derives the file ID from this info as well).
  const doc = new PDFDocument({
    size: options.pageSize ?? 'A4',
    margin: pageMargin,
    bufferPages: true,
    lang: input.locale,
    displayTitle: true,
    info: {
      Title: input.title(labels),
      Author: input.author,
      Creator: 'Plixo',
      Producer: 'Plixo (PDFKit)',
      CreationDate: new Date(input.asOf),
      ModDate: new Date(input.asOf),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let fonts = { regular: 'Helvetica', bold: 'Helvetica-Bold' };
  if (options.fonts) {
    doc.registerFont('PlixoRegular', toFontSource(options.fonts.regular));
    doc.registerFont('PlixoBold', toFontSource(options.fonts.bold));
    fonts = { regular: 'PlixoRegular', bold: 'PlixoBold' };
  }
  doc.font(fonts.regular);
  return {
    doc,
    fonts,
    format,
    labels,
    colors: deriveBrandColors(input.brandColor),
    finish: () => {
      doc.end();
      return done;
    },
  };
}

function toFontSource(source: string | Uint8Array): string | Buffer {
  return typeof source === 'string' ? source : Buffer.from(source);
}
