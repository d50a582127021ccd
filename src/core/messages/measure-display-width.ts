// How many monospace columns a string takes, for the text part's aligned invoice table: marks and
// bidi controls take none, East Asian wide and full-width characters take two. An approximation of
// Unicode's East Asian Width, good for the scripts invoices are written in.

const zeroWidth = /[\p{M}\p{Cf}]/u;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

export function measureDisplayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (zeroWidth.test(char)) continue;
    width += isWide(char.codePointAt(0)!) ? 2 : 1;
  }
  return width;
}
