import { describe, expect, it } from 'vitest';
import { isSafeLinkUrl } from './is-safe-link-url.ts';

describe('isSafeLinkUrl', () => {
  it.each([
    'https://pay.acme.example/i/INV-1?t=a&b=c',
    'http://acme.example',
    'HTTPS://ACME.EXAMPLE/x',
    'mailto:ar@acme.example',
    'mailto:ar@acme.example?subject=INV-1',
  ])('links %s', (url) => {
    expect(isSafeLinkUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example',
    '/relative/path',
    'https://',
    'https:///path',
    'https://acme.example/a b',
    'https://acme.example/"onmouseover="x',
    'https://acme.example/<x>',
    'https://acme.example/\u202eexe.pdf',
    'https://acme.example/\u0000',
    'mailto:',
    '',
  ])('does not link %j', (url) => {
    expect(isSafeLinkUrl(url)).toBe(false);
  });
});
