import { describe, expect, it } from 'vitest';
import type { Tone } from '../policy/policy-schema.ts';
import { pickTemplateVariant } from './pick-template-variant.ts';

const template = {
  subject: { neutral: 'S neutral', formal: 'S formal' },
  body: { neutral: 'B neutral', confident: 'B confident' },
};

describe('pickTemplateVariant: the tone’s words, else neutral, for subject and body separately', () => {
  it.each([
    ['neutral', 'S neutral', 'B neutral'],
    ['formal', 'S formal', 'B neutral'],
    ['confident', 'S neutral', 'B confident'],
  ] as const)('%s → %j / %j', (tone, subject, body) => {
    expect(pickTemplateVariant(template, tone)).toEqual({ ok: true, subject, body });
  });

  it.each([
    [{ subject: { formal: 'S' }, body: { neutral: 'B' } }, 'neutral', 'subject'],
    [{ subject: { neutral: 'S' }, body: { formal: 'B' } }, 'confident', 'body'],
    [{ subject: {}, body: {} }, 'formal', 'subject'],
  ] as const)('fails with missing_variant when neither the tone nor neutral is there (%j, %s)', (texts, tone, part) => {
    expect(pickTemplateVariant(texts, tone as Tone)).toEqual({ ok: false, reason: 'missing_variant', part, tone });
  });
});
