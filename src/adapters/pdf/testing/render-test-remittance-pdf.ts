import PDFDocument from 'pdfkit';

// Remittance advices as payers' payables systems print them, for the tests: a letterhead, a
// table whose amount columns are right-aligned, as many pages as the rows need (the headings
// again on each, a total carried forward at the foot), and the lines under the table (the
// total). Deterministic: the creation date is fixed.

export interface TestAdviceColumn {
  heading: string;
  /** Left edge, in points from the page's left. */
  x: number;
  width: number;
  align?: 'left' | 'right';
}

export interface TestAdvice {
  title: readonly string[];
  columns: readonly TestAdviceColumn[];
  rows: readonly (readonly string[])[];
  /** Rows per page; the table goes on over further pages. */
  rowsPerPage?: number;
  /** Printed at the foot of every page but the last ("Carried forward  1.480,00"). */
  carried?: (page: number) => readonly string[] | null;
  /** Rows printed after the table, in the table's columns ("Total", …). */
  footer?: readonly (readonly string[])[];
  /** Free lines printed below everything (bank details). */
  notes?: readonly string[];
}

export async function renderTestRemittancePdf(advice: TestAdvice): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { CreationDate: new Date(Date.UTC(2026, 2, 12)), Title: 'Remittance advice' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const perPage = advice.rowsPerPage ?? 30;
  const pages = Math.max(1, Math.ceil(advice.rows.length / perPage));
  const row = (cells: readonly string[], y: number, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    advice.columns.forEach((column, index) => {
      const text = cells[index] ?? '';
      if (text !== '') doc.text(text, column.x, y, { width: column.width, align: column.align ?? 'left', lineBreak: false });
    });
  };
  for (let page = 0; page < pages; page += 1) {
    if (page > 0) doc.addPage();
    let y = 48;
    if (page === 0) {
      doc.font('Helvetica-Bold').fontSize(13);
      for (const line of advice.title) {
        doc.text(line, 48, y, { lineBreak: false });
        y += 18;
        doc.font('Helvetica').fontSize(10);
      }
      y += 12;
    }
    row(advice.columns.map((column) => column.heading), y, true);
    y += 16;
    for (const cells of advice.rows.slice(page * perPage, (page + 1) * perPage)) {
      row(cells, y);
      y += 14;
    }
    const carried = page < pages - 1 ? advice.carried?.(page + 1) : null;
    if (carried) row(carried, y + 6);
    if (page === pages - 1) {
      y += 6;
      for (const cells of advice.footer ?? []) {
        row(cells, y, true);
        y += 14;
      }
      doc.font('Helvetica').fontSize(8);
      for (const note of advice.notes ?? []) {
        y += 12;
        doc.text(note, 48, y, { lineBreak: false });
      }
    }
    doc.font('Helvetica').fontSize(8).text(`Page ${page + 1} of ${pages}`, 48, 770, { lineBreak: false });
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
