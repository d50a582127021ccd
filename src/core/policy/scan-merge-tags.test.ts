import { describe, expect, it } from 'vitest';
import { scanMergeTags } from './scan-merge-tags.ts';

describe('scanMergeTags', () => {
  it('splits text and tags, with literal braces for {{ and }}', () => {
    expect(scanMergeTags('Hi {contact_name}, {{x}} costs }} {')).toEqual([
      { kind: 'text', text: 'Hi ', index: 0 },
      { kind: 'tag', name: 'contact_name', raw: '{contact_name}', index: 3 },
      { kind: 'text', text: ', ', index: 17 },
      { kind: 'escaped-tag', name: 'x', raw: '{{x}}', index: 19 },
      { kind: 'text', text: '{x} costs } ', index: 19 },
      { kind: 'malformed', raw: '{', index: 34 },
    ]);
  });

  it.each([
    ['{customer name}', 'malformed'],
    ['{ pay_link }', 'malformed'],
    ['{Pay_Link}', 'tag'],
    ['{pay_link', 'malformed'],
  ])('reads %s as %s', (text, kind) => {
    expect(scanMergeTags(text)[0]?.kind).toBe(kind);
  });

  it('keeps a lone closing brace as text', () => {
    expect(scanMergeTags('a } b')).toEqual([{ kind: 'text', text: 'a } b', index: 0 }]);
  });
});
