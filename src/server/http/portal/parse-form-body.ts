// The portal's forms without a library: application/x-www-form-urlencoded (fastify hands it over
// as a string) and multipart/form-data (RFC 7578, as a buffer) for the dispute's files. Only what
// browsers send: one part per field or file, Content-Disposition with name and filename.

export interface UploadedFile {
  field: string;
  filename: string;
  /** What the browser said; the portal decides the type from the bytes. */
  contentType: string;
  content: Uint8Array;
}

export interface ParsedForm {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export function parseUrlEncodedForm(body: unknown): ParsedForm {
  const fields: Record<string, string> = {};
  if (typeof body === 'string') for (const [name, value] of new URLSearchParams(body)) fields[name] ??= value;
  return { fields, files: [] };
}

function boundaryOf(contentType: string): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function dispositionParam(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  return match ? match[1]!.replace(/\\(.)/g, '$1') : null;
}

/** null when the body is not well-formed multipart. */
export function parseMultipartForm(body: Buffer, contentType: string): ParsedForm | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return null;
  for (;;) {
    position += delimiter.length;
    // `--` after a delimiter ends the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return { fields, files };
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) return null;
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) return null;
    const headers = body.subarray(position, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) return null;
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
    const name = dispositionParam(disposition, 'name');
    const filename = dispositionParam(disposition, 'filename');
    const typeLine = headers.find((line) => /^content-type:/i.test(line));
    const type = (typeLine ?? '').replace(/^content-type:\s*/i, '');
    if (name !== null) {
      // Browsers mark a file part with a filename (empty for an empty input); some clients leave an empty one out but keep its type.
      if (filename !== null || typeLine !== undefined) {
        // An empty file input still sends a part with an empty filename and no content.
        if ((filename ?? '') !== '' || content.length > 0) files.push({ field: name, filename: filename ?? '', contentType: type, content: new Uint8Array(content) });
      } else {
        fields[name] ??= content.toString('utf8');
      }
    }
    position = next + 2;
  }
}
