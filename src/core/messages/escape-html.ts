// One escape for HTML text and double- or single-quoted attribute values alike, so a value can
// never close a tag or an attribute wherever it lands.

const special = /[&<>"']/;
const specialGlobal = /[&<>"']/g;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  // Most values (numbers, dates, amounts) contain none of the five characters.
  if (!special.test(text)) return text;
  return text.replace(specialGlobal, (char) => entities[char]!);
}
