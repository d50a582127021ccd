import { describePath } from './describe-path.ts';
import type { PolicyIssue, PolicyIssueCode, PolicyIssueSeverity } from './policy-issue.ts';
import type { CadenceDocument, PolicyTestDocument, SegmentDocument, TemplateDocument, WorkspaceDocument } from './policy-schema.ts';
import { positionOf, type DocumentPath, type SourcePosition, type YamlSource } from './yaml-positions.ts';

// One YAML document of a bundle on its way through the loader: where it came from and its data.

export const policyKinds = ['Workspace', 'Cadence', 'Template', 'Segment', 'PolicyTest'] as const;
export type PolicyKind = (typeof policyKinds)[number];

export interface BundleDocument<T = unknown> {
  source: YamlSource;
  kind: PolicyKind;
  value: T;
  /** Line of the document's first key, for reports about the document as a whole. */
  line: number;
  /** The data passed its schema only after the values it complained about were dropped. */
  partial?: boolean;
}

export interface CheckedBundle {
  workspaces: BundleDocument<WorkspaceDocument>[];
  cadences: BundleDocument<CadenceDocument>[];
  templates: BundleDocument<TemplateDocument>[];
  segments: BundleDocument<SegmentDocument>[];
  tests: BundleDocument<PolicyTestDocument>[];
  /**
   * The names of every document that has a readable one, valid or not: a template with a typo
   * inside is still there, so references to it must not be reported as dangling too.
   */
  names: Record<PolicyKind, Set<string>>;
  /** The first Workspace document's data as written, valid or not, for references into it. */
  rawWorkspace: unknown;
}

export interface IssueSpec {
  code: PolicyIssueCode;
  message: string;
  severity?: PolicyIssueSeverity;
}

export function createIssue(source: YamlSource, position: SourcePosition, spec: IssueSpec): PolicyIssue {
  return {
    file: source.file,
    line: position.line,
    column: position.column,
    severity: spec.severity ?? 'error',
    code: spec.code,
    message: spec.message,
  };
}

/** An issue at the value (or key) found at `path` in the document. */
export function reportAt(
  document: BundleDocument,
  path: DocumentPath,
  spec: IssueSpec,
  target: 'key' | 'value' = 'value',
): PolicyIssue {
  return createIssue(document.source, positionOf(document.source, path, target), spec);
}

/** `Cadence "standard", step "overdue-2"`: the words that start a message about `path`. */
export function describeContext(document: BundleDocument, path: DocumentPath): string {
  return describePath(document.value, path).context;
}
