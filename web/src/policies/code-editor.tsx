import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import type { PolicyIssue } from '../api/types.ts';

// CodeMirror for a policy file (YAML) or a template's subject or body: the linter's findings
// inline at their line and column, and merge tags offered as you type "{".

interface CodeEditorProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Findings for this text; `line`/`column` count from 1. */
  issues?: readonly Pick<PolicyIssue, 'line' | 'column' | 'severity' | 'message'>[];
  /** Offered after "{". */
  mergeTags?: readonly string[];
  language?: 'yaml' | 'text';
  readOnly?: boolean;
  minHeight?: string;
  singleLine?: boolean;
}

function toDiagnostics(doc: Text, issues: CodeEditorProps['issues']): Diagnostic[] {
  return (issues ?? []).flatMap((issue) => {
    if (issue.line < 1 || issue.line > doc.lines) return [];
    const line = doc.line(issue.line);
    const from = Math.min(line.from + Math.max(issue.column - 1, 0), line.to);
    return [{ from, to: Math.max(from, Math.min(line.to, from + 1)), severity: issue.severity, message: issue.message }];
  });
}

export function CodeEditor({ label, value, onChange, issues, mergeTags, language = 'yaml', readOnly = false, minHeight = '320px', singleLine = false }: CodeEditorProps) {
  const view = useRef<EditorView | null>(null);
  const latest = useRef(issues);
  latest.current = issues;
  const tags = useRef(mergeTags);
  tags.current = mergeTags;

  const extensions = useMemo(() => {
    const completeTag = (context: CompletionContext): CompletionResult | null => {
      const word = context.matchBefore(/\{[a-z_]*/);
      if (!word || !tags.current?.length) return null;
      // A "}" already after the cursor (typed, or closed for you) is part of the tag being replaced.
      const closing = context.state.sliceDoc(context.pos, context.pos + 1) === '}' ? 1 : 0;
      return { from: word.from, to: context.pos + closing, options: tags.current.map((tag) => ({ label: `{${tag}}`, type: 'variable', apply: `{${tag}}` })), validFor: /^\{[a-z_]*$/ };
    };
    return [
      ...(language === 'yaml' ? [yaml()] : [EditorView.lineWrapping]),
      linter((editor) => toDiagnostics(editor.state.doc, latest.current), { delay: 0 }),
      lintGutter(),
      autocompletion({ override: [completeTag], activateOnTyping: true }),
      EditorView.contentAttributes.of({ 'aria-label': label, ...(singleLine ? { 'aria-multiline': 'false' } : { 'aria-multiline': 'true' }) }),
    ];
  }, [label, language, singleLine]);

  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [issues]);

  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      extensions={extensions}
      readOnly={readOnly}
      editable={!readOnly}
      minHeight={singleLine ? undefined : minHeight}
      basicSetup={{ lineNumbers: !singleLine, foldGutter: !singleLine, highlightActiveLine: !singleLine, autocompletion: false, closeBrackets: language === 'yaml' }}
      onCreateEditor={(created) => {
        view.current = created;
      }}
      style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, fontSize: 13 }}
    />
  );
}
