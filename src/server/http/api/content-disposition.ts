// The Content-Disposition of a download. Always an attachment, so a browser never renders a file
// someone uploaded (a payer's dispute document) as a page of Plixo's origin. The name is the one
// given, made safe: only its last path segment, no control characters, quotes, backslashes or
// characters file systems refuse, no leading dots (no hidden file, no `..`), at most 150
// characters (the extension kept); an ASCII `filename`, and the full UTF-8 name as `filename*`
// when it is not plain ASCII (RFC 6266 and 8187). An empty result takes `fallback`.

const maxCharacters = 150;

export function safeFilename(name: string, fallback: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029"*:<>?|]/g, '_')
    .trim()
    .replace(/^[.\s]+/, '');
  const characters = Array.from(cleaned);
  if (characters.length <= maxCharacters) return cleaned === '' ? fallback : cleaned;
  // A long name loses the end of its stem, not its extension.
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(cleaned)?.[0] ?? '';
  return `${characters.slice(0, maxCharacters - extension.length).join('').trim()}${extension}`;
}

export function contentDisposition(name: string, fallback = 'download'): string {
  const safe = safeFilename(name, fallback);
  const ascii = safe
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|[%\\]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === safe ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const extensions: Record<string, readonly string[]> = { 'application/pdf': ['.pdf'], 'image/png': ['.png'], 'image/jpeg': ['.jpg', '.jpeg'] };

/**
 * The safe name of a stored file, ending in its type's extension: a PNG uploaded as `scan.html`
 * downloads as `scan.html.png`, so the desktop opens it as what it is.
 */
export function downloadName(name: string, contentType: string, fallback: string): string {
  const safe = safeFilename(name, fallback);
  const known = extensions[contentType.split(';')[0]!.trim().toLowerCase()];
  if (!known || known.some((extension) => safe.toLowerCase().endsWith(extension))) return safe;
  return safeFilename(`${safe}${known[0]}`, fallback);
}
