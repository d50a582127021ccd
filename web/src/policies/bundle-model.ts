import { parseAllDocuments, type Document } from 'yaml';

// A policy bundle as the editor holds it: files of YAML text, each with one or more documents.
// The forms change a document in place through the YAML library's document model, so comments,
// key order and flow style in the rest of the file survive an edit; the YAML view shows the very
// same text.

export interface PolicyFile {
  path: string;
  text: string;
}

export interface BundleDocument {
  path: string;
  /** Which document of the file (0 for the first). */
  index: number;
  kind: string;
  name: string;
}

export type YamlPath = (string | number)[];

function parse(text: string): Document.Parsed[] {
  return parseAllDocuments(text) as Document.Parsed[];
}

export function listDocuments(files: readonly PolicyFile[]): BundleDocument[] {
  return files.flatMap((file) =>
    parse(file.text).flatMap((document, index) => {
      if (document.errors.length > 0) return [];
      const value = document.toJS() as { kind?: unknown; name?: unknown } | null;
      if (!value || typeof value.kind !== 'string') return [];
      return [{ path: file.path, index, kind: value.kind, name: typeof value.name === 'string' ? value.name : '' }];
    }),
  );
}

/** A document's content as plain values; null when the file or document is gone or unreadable. */
export function readDocument<T>(files: readonly PolicyFile[], path: string, index: number): T | null {
  const file = files.find((candidate) => candidate.path === path);
  const document = file ? parse(file.text)[index] : undefined;
  if (!document || document.errors.length > 0) return null;
  return document.toJS() as T;
}

/** The bundle with one document changed by `change`; the other files and documents untouched. */
export function updateDocument(files: readonly PolicyFile[], path: string, index: number, change: (document: Document.Parsed) => void): PolicyFile[] {
  return files.map((file) => {
    if (file.path !== path) return file;
    const documents = parse(file.text);
    const document = documents[index];
    if (!document) return file;
    change(document);
    return { path, text: documents.map((each) => each.toString()).join('') };
  });
}

/** Sets a value at a path (creating the maps on the way), or removes the key for undefined, null or ''. */
export function setValue(document: Document.Parsed, path: YamlPath, value: unknown): void {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0 && typeof path.at(-1) === 'string' && path.length > 1)) {
    if (document.hasIn(path)) document.deleteIn(path);
    return;
  }
  document.setIn(path, document.createNode(value));
}

export function appendValue(document: Document.Parsed, path: YamlPath, value: unknown): void {
  if (document.hasIn(path)) document.addIn(path, document.createNode(value));
  else document.setIn(path, document.createNode([value]));
}

export function removeValue(document: Document.Parsed, path: YamlPath): void {
  if (document.hasIn(path)) document.deleteIn(path);
}

/** A slug no document of the kind has yet: base, base-2, base-3… */
export function freeName(documents: readonly BundleDocument[], kind: string, base: string): string {
  const taken = new Set(documents.filter((document) => document.kind === kind).map((document) => document.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A path for a new file that no file has yet. */
export function freePath(files: readonly PolicyFile[], folder: string, name: string): string {
  const taken = new Set(files.map((file) => file.path));
  const base = `${folder}/${name}`;
  if (!taken.has(`${base}.yaml`)) return `${base}.yaml`;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}.yaml`)) return `${base}-${n}.yaml`;
}
