import type { Template } from '../policy/policy-model.ts';
import type { Tone } from '../policy/policy-schema.ts';
import type { RenderFailure } from './render-failure.ts';

// The words for a tone: the tone's own subject and body, each falling back to neutral on its
// own, so a template may have one subject for every tone and a body per tone (spec: Template).

export type TemplateVariant = { ok: true; subject: string; body: string } | Extract<RenderFailure, { reason: 'missing_variant' }>;

export function pickTemplateVariant(template: Pick<Template, 'subject' | 'body'>, tone: Tone): TemplateVariant {
  const subject = template.subject[tone] ?? template.subject.neutral;
  if (subject === undefined) return { ok: false, reason: 'missing_variant', part: 'subject', tone };
  const body = template.body[tone] ?? template.body.neutral;
  if (body === undefined) return { ok: false, reason: 'missing_variant', part: 'body', tone };
  return { ok: true, subject, body };
}
