import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';

// Maps a path into a document's data (as zod reports it) back to the YAML text, so every issue
// points at the line and column of the key or value a person has to change.

export interface YamlSource {
  /** The file's path relative to the bundle root. */
  file: string;
  /** The whole file: node ranges are offsets into it, whichever document of the file they are in. */
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export type DocumentPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

interface Located {
  node: unknown;
  /** The key node of the last path segment, when the path ends in a mapping entry. */
  keyNode: unknown;
  /** True when every segment of the path was found. */
  complete: boolean;
}

function findNode(source: YamlSource, path: DocumentPath): Located {
  let node: unknown = source.document.contents;
  let keyNode: unknown = null;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return { node, keyNode: null, complete: false };
      keyNode = pair.key;
      // `template:` with nothing after it: the value node is null, the key still marks the spot.
      if (pair.value === null || pair.value === undefined) return { node: pair.key, keyNode, complete: index === path.length - 1 };
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined || item === null) return { node, keyNode: null, complete: false };
      keyNode = null;
      node = item;
    } else {
      return { node, keyNode: null, complete: false };
    }
  }
  return { node, keyNode, complete: true };
}

function startOffset(source: YamlSource, node: unknown): number {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    if (range && typeof range[0] === 'number') return range[0];
  }
  return source.document.range[0];
}

export function positionAtOffset(source: YamlSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Where the value at `path` is written (or its key, with target 'key'). When the path does not
 * exist in the YAML (a missing key), the closest existing ancestor is returned.
 */
export function positionOf(source: YamlSource, path: DocumentPath, target: 'key' | 'value' = 'value'): SourcePosition {
  const located = findNode(source, path);
  const node = target === 'key' && located.complete && located.keyNode ? located.keyNode : located.node;
  return positionAtOffset(source, startOffset(source, node));
}

/**
 * Where the `occurrence`-th (0-based) `needle` is written inside the scalar at `path`, such as a
 * merge tag on the fifth line of a block scalar. Indentation and folding change the value's
 * offsets but not the needle's text, so counting occurrences in the source lines them up.
 * Falls back to the scalar's own position.
 */
export function positionOfText(source: YamlSource, path: DocumentPath, needle: string, occurrence: number): SourcePosition {
  const located = findNode(source, path);
  const start = startOffset(source, located.node);
  if (located.complete && isScalar(located.node) && located.node.range) {
    const raw = source.text.slice(located.node.range[0], located.node.range[1]);
    let index = -1;
    for (let seen = 0; seen <= occurrence; seen += 1) {
      index = raw.indexOf(needle, index + 1);
      if (index < 0) break;
    }
    if (index >= 0) return positionAtOffset(source, start + index);
  }
  return positionAtOffset(source, start);
}

/**
 * The path of keys to what is written at a line and column of a file: the inverse of positionOf,
 * so a finding can name the field it is about (['match', 'invoice.balance', 'lt']). Empty when
 * the position is outside every mapping entry.
 */
export function pathAtPosition(text: string, position: SourcePosition): (string | number)[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  const lineStart = lineCounter.lineStarts[position.line - 1];
  if (lineStart === undefined || !Array.isArray(documents)) return [];
  const offset = lineStart + position.column - 1;
  const document = documents.find((candidate) => candidate.range[0] <= offset && offset <= candidate.range[2]);
  const path: (string | number)[] = [];
  const covers = (node: unknown) => isNode(node) && node.range !== null && node.range !== undefined && node.range[0] <= offset && offset < Math.max(node.range[1], node.range[0] + 1);
  let node: unknown = document?.contents;
  while (isMap(node) || isSeq(node)) {
    let next: unknown = undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        if (covers(pair.key) || covers(pair.value)) {
          path.push(String(pair.key.value));
          next = covers(pair.value) ? pair.value : undefined;
          break;
        }
      }
    } else {
      const index = node.items.findIndex((item) => covers(item));
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    node = next;
  }
  return path;
}
