/**
 * Markers that start the quoted history under a reply. Each is tried on a line, and on a line
 * joined with the next one, because Gmail wraps a long "On … wrote:" over two lines.
 */
const attributionLines = [
  /^on\b.{4,200}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^am\b.{4,200}\bschrieb\b.{0,200}:\s*$/i, // German Gmail/Thunderbird
  /^le\b.{4,200}\ba écrit\s*:\s*$/i, // French
  /^el\b.{4,200}\bescribió:\s*$/i, // Spanish
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)\s*-{2,}\s*$/i,
  /^-{2,}\s*(forwarded message|weitergeleitete nachricht)\s*-{2,}\s*$/i,
];
// Outlook's header block: "From:" then, within a few lines, "Sent:"/"Date:" (and their translations).
const outlookFrom = /^\*?(from|von|de|van|da)\s*:\*?\s*\S/i;
const outlookSent = /^\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|inviato)\s*:\*?\s*\S/i;
const separator = /^(_{10,}|-{10,})\s*$/;

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = findQuoteStart(lines);
  const kept = lines.slice(0, cut);
  while (kept.length > 0 && (kept[kept.length - 1]!.trim() === '' || separator.test(kept[kept.length - 1]!.trim()))) kept.pop();
  return kept.join('\n').trim();
}

function findQuoteStart(lines: string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!.trim();
    const joined = `${line} ${lines[index + 1]?.trim() ?? ''}`.trim();
    if (index > 0 && attributionLines.some((marker) => marker.test(line) || marker.test(joined))) return index;
    if (index > 0 && outlookFrom.test(line) && lines.slice(index + 1, index + 5).some((next) => outlookSent.test(next.trim()))) return index;
  }
  return trailingQuoteStart(lines);
}

/** With no marker, a block of "> " lines that runs to the end is still history. */
function trailingQuoteStart(lines: string[]): number {
  let start = lines.length;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index]!.trim();
    if (line.startsWith('>')) start = index;
    else if (line !== '') break;
  }
  return start > 0 ? start : lines.length;
}
