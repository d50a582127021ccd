import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadName, safeFilename } from './content-disposition.ts';

describe('the name of a download', () => {
  it.each([
    ['invoice.pdf', 'attachment; filename="invoice.pdf"'],
    // A quote or a line break would end the header value or start a new header.
    ['a"b.pdf', 'attachment; filename="a_b.pdf"'],
    ['x.pdf\r\nSet-Cookie: s=1', 'attachment; filename="x.pdf__Set-Cookie_ s=1"'],
    // Only the last path segment, never a hidden file or a way up.
    ['../../etc/passwd', 'attachment; filename="passwd"'],
    ['C:\\Users\\ana\\..\\scan.png', 'attachment; filename="scan.png"'],
    ['..', 'attachment; filename="download"'],
    ['.htaccess', 'attachment; filename="htaccess"'],
    // Accents kept in the UTF-8 name and dropped from the ASCII one; other scripts become _ there.
    ['Lieferschein Müller.pdf', 'attachment; filename="Lieferschein Muller.pdf"; filename*=UTF-8\'\'Lieferschein%20M%C3%BCller.pdf'],
    ['請求書.pdf', 'attachment; filename="___.pdf"; filename*=UTF-8\'\'%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf'],
    ["100% o'clock (1).png", 'attachment; filename="100_ o\'clock (1).png"; filename*=UTF-8\'\'100%25%20o%27clock%20%281%29.png'],
  ])('%j → %s', (name, header) => {
    expect(contentDisposition(name)).toBe(header);
  });

  it('cuts a long name to 150 characters, keeping its extension, and falls back when nothing is left', () => {
    expect(safeFilename(`${'é'.repeat(200)}.pdf`, 'x')).toBe(`${'é'.repeat(146)}.pdf`);
    expect(safeFilename('   ', 'attachment-7')).toBe('attachment-7');
    expect(safeFilename('a:b*c?.png', 'x')).toBe('a_b_c_.png');
  });
});

describe('the name of a stored file', () => {
  it.each([
    ['scan.png', 'image/png', 'scan.png'],
    ['SCAN.JPEG', 'image/jpeg', 'SCAN.JPEG'],
    ['photo.jpg', 'image/jpeg', 'photo.jpg'],
    ['scan', 'image/png', 'scan.png'],
    ['evil.html', 'image/png', 'evil.html.png'],
    ['contract.pdf.exe', 'application/pdf', 'contract.pdf.exe.pdf'],
    ['..', 'application/pdf', 'dispute-3-attachment-9.pdf'],
    ['notes.txt', 'text/plain', 'notes.txt'],
  ])('%s (%s) → %s', (name, type, expected) => {
    expect(downloadName(name, type, 'dispute-3-attachment-9')).toBe(expected);
  });
});
