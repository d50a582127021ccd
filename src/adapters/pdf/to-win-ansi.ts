// pdfkit's standard fonts (Helvetica and friends) are not embedded and only know the
// WinAnsiEncoding (Windows-1252) characters: Latin scripts of western and central Europe, the euro,
// pound and yen signs, typographic quotes and dashes. pdfkit writes any other character as a wrong
// code, so text meant for a standard font goes through here first.

// Above Latin-1, the characters WinAnsi also has (pdfkit's WIN_ANSI_MAP).
const winAnsiExtras = new Set([402, 710, 732, 338, 339, 352, 353, 376, 381, 382, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8240, 8249, 8250, 8364, 8482]);

// What Intl puts into formatted numbers and dates that has a WinAnsi stand-in, or nothing to show.
const replacements = new Map<string, string>([
  ['\u202f', '\u00a0'], // narrow no-break space (fr-FR groups, de-CH) → no-break space
  ['\u2007', '\u00a0'], // figure space
  ['\u2009', ' '], // thin space
  ['\u200a', ' '], // hair space
  ['\u2212', '-'], // minus sign (sv-SE, fi-FI, de-CH negatives)
  ['\uffe5', '\u00a5'], // fullwidth yen (ja-JP) → yen
  ['\uffe0', '\u00a2'], // fullwidth cent
  ['\uffe1', '\u00a3'], // fullwidth pound
]);

/** Bidirectional and zero-width controls: invisible in a left-to-right line, drawn as boxes by some fonts. */
const invisibleControls = /[\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function stripInvisibleControls(text: string): string {
  return text.replace(invisibleControls, '');
}

function isWinAnsiCode(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(code);
}

function normalize(text: string): string {
  let result = '';
  for (const char of stripInvisibleControls(text.normalize('NFC'))) result += replacements.get(char) ?? char;
  return result;
}

/** True when every character of `text` (after the stand-ins above) has a WinAnsi glyph. */
export function isWinAnsi(text: string): boolean {
  for (const char of normalize(text)) if (!isWinAnsiCode(char.codePointAt(0)!)) return false;
  return true;
}

/** `text` with stand-ins applied and every character a standard font cannot show replaced by '?'. */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of normalize(text)) result += isWinAnsiCode(char.codePointAt(0)!) ? char : '?';
  return result;
}
