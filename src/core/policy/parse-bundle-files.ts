import { isMap, isScalar, LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import { createIssue, policyKinds, type BundleDocument, type PolicyKind } from './bundle-document.ts';
import type { PolicyIssue } from './policy-issue.ts';
import { formatSuggestion } from './suggest-closest.ts';
import { positionAtOffset, positionOf, type YamlSource } from './yaml-positions.ts';

// Step one of loading: YAML text to documents that have a known kind. YAML syntax problems and
// documents that are not policy documents at all are reported here.

export interface BundleFile {
  path: string;
  text: string;
}

export interface ParsedDocument extends BundleDocument {
  /** The YAML had syntax errors: the data is a best guess, so it is not validated further. */
  broken: boolean;
}

export interface ParsedBundle {
  documents: ParsedDocument[];
  issues: PolicyIssue[];
}

export function parseBundleFiles(files: readonly BundleFile[]): ParsedBundle {
  const documents: ParsedDocument[] = [];
  const issues: PolicyIssue[] = [];
  for (const file of files) {
    const lineCounter = new LineCounter();
    // prettyErrors off: the message stays one line, and the position comes from our line counter.
    const parsed = parseAllDocuments(file.text, { lineCounter, prettyErrors: false });
    for (const document of parsed) {
      const source: YamlSource = { file: file.path, text: file.text, document, lineCounter };
      const result = readDocument(source, issues);
      if (result) documents.push(result);
    }
  }
  return { documents, issues };
}

function reportYamlProblems(source: YamlSource, issues: PolicyIssue[]): boolean {
  const report = (problem: YAMLError, severity: 'error' | 'warning') =>
    issues.push(
      createIssue(source, positionAtOffset(source, problem.pos[0]), {
        code: 'yaml-syntax',
        severity,
        message: `YAML syntax: ${firstLine(problem.message)}`,
      }),
    );
  for (const error of source.document.errors) report(error, 'error');
  for (const warning of source.document.warnings) report(warning, 'warning');
  return source.document.errors.length > 0;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function readData(document: Document.Parsed): { value: unknown; failure: string | null } {
  try {
    return { value: document.toJS({ maxAliasCount: 100 }), failure: null };
  } catch (error) {
    return { value: undefined, failure: error instanceof Error ? error.message : String(error) };
  }
}

function readDocument(source: YamlSource, issues: PolicyIssue[]): ParsedDocument | null {
  const broken = reportYamlProblems(source, issues);
  const contents = source.document.contents;
  // A document of only comments, or an empty one after a trailing `---`, is not a mistake.
  if (contents === null || (isScalar(contents) && contents.value === null)) return null;
  const start = positionOf(source, []);
  const { value, failure } = readData(source.document);
  if (failure !== null) {
    issues.push(createIssue(source, start, { code: 'yaml-syntax', message: `YAML syntax: ${failure}` }));
    return null;
  }
  if (!isMap(contents) || value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (!broken) {
      issues.push(
        createIssue(source, start, {
          code: 'invalid-document',
          message: `a policy document must be a set of keys starting with "kind:" (${policyKinds.join(', ')})`,
        }),
      );
    }
    return null;
  }
  const kind = (value as Record<string, unknown>)['kind'];
  if (kind === undefined || kind === null) {
    issues.push(
      createIssue(source, start, {
        code: 'missing-kind',
        message: `this document has no "kind:"; say what it is: ${policyKinds.join(', ')}`,
      }),
    );
    return null;
  }
  if (typeof kind !== 'string' || !(policyKinds as readonly string[]).includes(kind)) {
    const written = typeof kind === 'string' ? kind : String(kind);
    issues.push(
      createIssue(source, positionOf(source, ['kind']), {
        code: 'unknown-kind',
        message: `unknown kind "${written}": a document is one of ${policyKinds.join(', ')}${formatSuggestion(written, policyKinds)}`,
      }),
    );
    return null;
  }
  return { source, kind: kind as PolicyKind, value, line: start.line, broken };
}
