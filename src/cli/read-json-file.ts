import { readFile } from 'node:fs/promises';

export type ReadJsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads a JSON file; a syntax error names the file, line and column. */
export async function readJsonFile(path: string): Promise<ReadJsonResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `cannot read ${path}${code === 'ENOENT' ? ': no such file' : `: ${code ?? String(error)}`}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = (error as Error).message;
    const position = /position (\d+)/.exec(detail);
    const atEnd = /end of JSON input/.test(detail);
    if (position || atEnd) {
      const offset = position ? Number(position[1]) : text.length;
      const before = text.slice(0, offset).split('\n');
      return { ok: false, message: `${path}:${before.length}:${before.at(-1)!.length + 1}: not valid JSON (${detail})` };
    }
    return { ok: false, message: `${path}: not valid JSON (${detail})` };
  }
}
