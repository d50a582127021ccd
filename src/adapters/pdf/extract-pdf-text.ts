
// The text of a PDF as layout text, page by page, with pdf.js (Mozilla's reader; the legacy
// build is the one for Node): the text pieces of each page grouped into lines by their baseline
// and ordered left to right; a gap wider than about a character becomes two spaces or more, so
// the columns of a table stay apart, and a piece further right starts further along the line.
// Nothing is rendered and no script, font or network is used.

export class PdfTextError extends Error {
  override readonly name = 'PdfTextError';
}

interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Past this, a file is not a remittance advice; reading it would only cost time. */
export const maxPdfPages = 100;

// pdf.js is large (tens of MB of heap once loaded): loaded on the first PDF read, not by every
// process that could read one (a million-row `plixo import` runs under a 200 MB heap).
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;

export async function extractPdfText(content: Uint8Array): Promise<string[][]> {
  const { getDocument, VerbosityLevel } = await (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
  // pdf.js takes the buffer over (transfers it to its worker): give it a copy.
  const task = getDocument({ data: new Uint8Array(content), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: VerbosityLevel.ERRORS });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfTextError('is protected by a password: ask the payer for the advice without one');
    throw new PdfTextError(`cannot be read as a PDF (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    if (pdf.numPages > maxPdfPages) throw new PdfTextError(`has ${pdf.numPages} pages: a remittance advice may have at most ${maxPdfPages}`);
    const pages: string[][] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        pieces.push({ text: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(c!, d!) || Math.hypot(a!, b!) || 10 });
      }
      pages.push(layOut(pieces));
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

function layOut(pieces: Piece[]): string[] {
  if (pieces.length === 0) return [];
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: Piece[][] = [];
  for (const piece of sorted) {
    const row = rows[rows.length - 1];
    // Pieces on one baseline (within half a character's height) are one line.
    if (row && Math.abs(row[0]!.y - piece.y) <= Math.min(row[0]!.size, piece.size) * 0.5) row.push(piece);
    else rows.push([piece]);
  }
  const left = Math.min(...pieces.map((piece) => piece.x));
  return rows.map((row) => {
    row.sort((p, q) => p.x - q.x);
    let line = '';
    let end = -Infinity;
    for (const piece of row) {
      // About one character per half an em, so columns of a table start near the same place on every line.
      const column = Math.round((piece.x - left) / (piece.size * 0.5));
      const gap = piece.x - end;
      let spaces = 0;
      if (line === '') spaces = column;
      else if (gap > piece.size * 0.6) spaces = Math.max(2, column - line.length);
      else if (gap > piece.size * 0.15) spaces = 1;
      line += ' '.repeat(spaces) + piece.text.replace(/\s+$/, '');
      end = piece.x + piece.width;
    }
    return line.replace(/\s+$/, '');
  });
}
