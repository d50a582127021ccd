import { describeContext, reportAt, type BundleDocument, type CheckedBundle, type IssueSpec } from './bundle-document.ts';
import { findLinkProblems } from './check-template-links.ts';
import { findHardcodedAmounts } from './find-hardcoded-amounts.ts';
import type { PolicyIssue } from './policy-issue.ts';
import type { CadenceDocument, TemplateDocument, Tone } from './policy-schema.ts';
import { isKnownMergeTag, knownMergeTags, scanMergeTags } from './scan-merge-tags.ts';
import { suggestClosest } from './suggest-closest.ts';
import { positionOfText, type DocumentPath } from './yaml-positions.ts';

// Template text (merge tags, literal amounts) and whether each template has words for the tone
// every step that uses it asks for.

interface TemplateText {
  part: 'subject' | 'body';
  /** null: written as plain text, which counts as the neutral tone. */
  tone: Tone | null;
  text: string;
  path: DocumentPath;
}

export function checkTemplates(bundle: CheckedBundle): PolicyIssue[] {
  const templates = new Map(bundle.templates.map((template) => [template.value.name, template.value]));
  return [
    ...bundle.templates.flatMap(checkTemplateText),
    ...bundle.templates.flatMap(checkTemplateHasText),
    ...bundle.cadences.flatMap((cadence) => checkStepTones(cadence, templates)),
    ...checkPayLinks(bundle),
  ];
}

/** A collections email without {pay_link} asks for money without a way to pay (warning). */
function checkPayLinks(bundle: CheckedBundle): PolicyIssue[] {
  const emailed = new Set(
    bundle.cadences.flatMap((cadence) => cadence.value.steps.filter((step) => (step.action ?? 'email') === 'email').map((step) => step.template)),
  );
  const issues: PolicyIssue[] = [];
  for (const template of bundle.templates) {
    if (!emailed.has(template.value.name)) continue;
    for (const { part, tone, text, path } of listTexts(template.value)) {
      if (part !== 'body' || scanMergeTags(text).some((token) => token.kind === 'tag' && token.name === 'pay_link')) continue;
      const message = `${describeContext(template, [])}, body${tone === null ? '' : ` (${tone})`}: no {pay_link}, so the customer gets no way to pay from this message`;
      issues.push(reportAt(template, path, { code: 'missing-pay-link', message, severity: 'warning' }));
    }
  }
  return issues;
}

function listTexts(template: TemplateDocument): TemplateText[] {
  return (['subject', 'body'] as const).flatMap((part): TemplateText[] => {
    const value = template[part];
    if (typeof value === 'string') return [{ part, tone: null, text: value, path: [part] }];
    return (Object.entries(value) as [Tone, string | undefined][]).flatMap(([tone, text]) =>
      text === undefined ? [] : [{ part, tone, text, path: [part, tone] }],
    );
  });
}

/** Which occurrence of `needle` in `text` starts at `index`, so the source position can be found. */
function countOccurrencesBefore(text: string, needle: string, index: number): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0 && at < index; at = text.indexOf(needle, at + 1)) count += 1;
  return count;
}

function checkTemplateText(template: BundleDocument<TemplateDocument>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const { part, tone, text, path } of listTexts(template.value)) {
    const where = `${describeContext(template, [])}, ${part}${tone === null ? '' : ` (${tone})`}`;
    const report = (raw: string, index: number, spec: IssueSpec) => {
      const position = positionOfText(template.source, path, raw, countOccurrencesBefore(text, raw, index));
      issues.push({ file: template.source.file, ...position, severity: spec.severity ?? 'error', code: spec.code, message: `${where}: ${spec.message}` });
    };
    for (const token of scanMergeTags(text)) {
      if (token.kind === 'tag' && token.name === 'invoice_table' && part === 'subject') {
        report(token.raw, token.index, { code: 'misplaced-merge-tag', message: '{invoice_table} is a table and cannot stand in a subject line' });
      } else if (token.kind === 'tag' && !isKnownMergeTag(token.name)) {
        const suggestion = suggestClosest(token.name, knownMergeTags);
        const hint = suggestion === null ? `; known tags are ${knownMergeTags.map((name) => `{${name}}`).join(', ')}` : ` (did you mean {${suggestion}}?)`;
        report(token.raw, token.index, { code: 'unknown-merge-tag', message: `unknown merge tag ${token.raw}${hint}` });
      } else if (token.kind === 'malformed') {
        const message = `"${token.raw}" is not a merge tag: a tag is a name in single braces such as {customer_name}; write {{ for a literal brace`;
        report(token.raw, token.index, { code: 'malformed-merge-tag', message });
      } else if (token.kind === 'escaped-tag') {
        const message = `${token.raw} prints the literal text {${token.name}}; write {${token.name}} for the merge tag`;
        report(token.raw, token.index, { code: 'malformed-merge-tag', message, severity: 'warning' });
      }
    }
    if (part === 'subject' && text.trim() === '') {
      issues.push(reportAt(template, path, { code: 'empty-subject', message: `${where}: the subject is empty; customers skip emails without one` }));
    }
    if (part === 'body') {
      for (const problem of findLinkProblems(text)) report(problem.raw, problem.index, { code: 'broken-link', message: problem.message, severity: problem.severity });
    }
    for (const amount of findHardcodedAmounts(text)) {
      const message = `hardcoded amount "${amount.raw}": use a merge tag such as {invoice_balance}, so the message shows what is owed when it is sent`;
      report(amount.raw, amount.index, { code: 'hardcoded-amount', message, severity: 'warning' });
    }
  }
  return issues;
}

function hasTone(texts: string | Partial<Record<Tone, string>>, tone: Tone): boolean {
  if (typeof texts === 'string') return tone === 'neutral';
  return texts[tone] !== undefined;
}

function isEmpty(texts: string | Partial<Record<Tone, string>>): boolean {
  return typeof texts !== 'string' && Object.keys(texts).length === 0;
}

/** A subject or body written per tone that gives no tone at all (`subject: {}`). */
function checkTemplateHasText(template: BundleDocument<TemplateDocument>): PolicyIssue[] {
  return (['subject', 'body'] as const).flatMap((part) => {
    const texts = template.value[part];
    if (!isEmpty(texts)) return [];
    const message = `${describeContext(template, [])}: ${part} gives no text for any tone; write at least neutral`;
    return [reportAt(template, [part], { code: 'missing-tone', message })];
  });
}

function checkStepTones(cadence: BundleDocument<CadenceDocument>, templates: ReadonlyMap<string, TemplateDocument>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  cadence.value.steps.forEach((step, index) => {
    if ((step.action ?? 'email') !== 'email' || step.template === undefined) return;
    const template = templates.get(step.template);
    if (!template) return;
    const tone = step.tone ?? cadence.value.tone ?? 'neutral';
    // A part with no tone at all is reported once, at the template, not again for every step.
    const missing = (['subject', 'body'] as const).filter(
      (part) => !isEmpty(template[part]) && !hasTone(template[part], tone) && !hasTone(template[part], 'neutral'),
    );
    if (missing.length === 0) return;
    const path = ['steps', index, 'template'];
    const toneWords = tone === 'neutral' ? 'a neutral' : `a ${tone} or a neutral`;
    const message = `${describeContext(cadence, path)}: template "${template.name}" has no ${missing.join(' or ')} in ${toneWords} tone, which this step uses`;
    issues.push(reportAt(cadence, path, { code: 'missing-tone', message }));
  });
  return issues;
}
