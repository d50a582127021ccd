import { describeContext, reportAt, type BundleDocument, type CheckedBundle } from './bundle-document.ts';
import { readKey } from './describe-path.ts';
import type { PolicyIssue } from './policy-issue.ts';
import type { CadenceDocument, SegmentDocument } from './policy-schema.ts';
import { formatSuggestion } from './suggest-closest.ts';

// Steps and escalations of each cadence, and what documents name other documents: a step its
// template, a segment its cadence and sending domain. A dangling name is an error, with the
// closest existing name suggested.

export function checkReferences(bundle: CheckedBundle): PolicyIssue[] {
  const senderDomains = listSenderDomains(bundle);
  return [
    ...bundle.cadences.flatMap((cadence) => checkCadence(cadence, bundle.names.Template)),
    ...bundle.segments.flatMap((segment) => checkSegmentReferences(segment, bundle.names.Cadence, senderDomains)),
  ];
}

/** Domains of the (first) workspace's senders, read raw so a workspace with a typo still counts; null without one. */
function listSenderDomains(bundle: CheckedBundle): string[] | null {
  if (bundle.rawWorkspace === null) return null;
  const senders = readKey(bundle.rawWorkspace, 'senders');
  if (!Array.isArray(senders)) return [];
  return senders.map((sender) => readKey(sender, 'domain')).filter((domain): domain is string => typeof domain === 'string');
}

function checkCadence(cadence: BundleDocument<CadenceDocument>, templates: ReadonlySet<string>): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const ids = new Map<string, string>();
  const claim = (id: string, path: [string, number]) => {
    const previous = ids.get(id);
    if (previous !== undefined) {
      const message = `${describeContext(cadence, path)}: the id "${id}" is already used by ${previous} of this cadence; ids must be unique within a cadence`;
      issues.push(reportAt(cadence, [...path, 'id'], { code: 'duplicate-step-id', message }));
    } else {
      ids.set(id, `${path[0] === 'steps' ? 'step' : 'escalation'} ${path[1] + 1}`);
    }
  };
  cadence.value.steps.forEach((step, index) => {
    const path: [string, number] = ['steps', index];
    claim(step.id, path);
    const context = describeContext(cadence, path);
    const action = step.action ?? 'email';
    if (action === 'email' && step.template === undefined) {
      const message = `${context}: an email step needs a template (template: <name>)`;
      issues.push(reportAt(cadence, path, { code: 'missing-template', message }));
    }
    if (action === 'task' && step.template !== undefined) {
      const message = `${context}: a task step sends no message, so its template "${step.template}" is not used`;
      issues.push(reportAt(cadence, [...path, 'template'], { code: 'unused-template', message, severity: 'warning' }, 'key'));
    }
    if (action === 'email' && step.template !== undefined && !templates.has(step.template)) {
      const message = `${context}: template "${step.template}" does not exist${formatSuggestion(step.template, templates)}`;
      issues.push(reportAt(cadence, [...path, 'template'], { code: 'dangling-reference', message }));
    }
  });
  (cadence.value.escalations ?? []).forEach((escalation, index) => claim(escalation.id, ['escalations', index]));
  return issues;
}

function checkSegmentReferences(
  segment: BundleDocument<SegmentDocument>,
  cadences: ReadonlySet<string>,
  senderDomains: readonly string[] | null,
): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const context = describeContext(segment, []);
  const { cadence, sender } = segment.value;
  if (!cadences.has(cadence)) {
    const message = `${context}: cadence "${cadence}" does not exist${formatSuggestion(cadence, cadences)}`;
    issues.push(reportAt(segment, ['cadence'], { code: 'dangling-reference', message }));
  }
  if (sender !== undefined && senderDomains !== null && !senderDomains.includes(sender)) {
    const suggestion = formatSuggestion(sender, senderDomains);
    const known = senderDomains.length === 0 ? 'the workspace lists no senders' : `the workspace's senders are ${senderDomains.join(', ')}`;
    const message = `${context}: sender "${sender}" is not a sending domain of the workspace${suggestion === '' ? `; ${known}` : suggestion}`;
    issues.push(reportAt(segment, ['sender'], { code: 'dangling-reference', message }));
  }
  return issues;
}
