import { describe, expect, it } from 'vitest';
import { renderBrandedNotice } from './render-branded-notice.ts';

describe('a branded notice', () => {
  const input = {
    locale: 'de-DE',
    branding: { companyName: 'Müller & Söhne <GmbH>', logoUrl: null, color: '#0a7d4f' },
    subject: 'Ihr neuer Zahlungslink',
    body: 'Hier ist Ihr neuer Link für Rechnung <R-1>.',
    button: { href: 'https://plixo.example/pay/abc?x=1&y=2', label: 'Rechnung ansehen' },
  };

  it('uses the workspace’s layout: its colour, its name, the button and the language', () => {
    const { html } = renderBrandedNotice(input);
    expect(html).toContain('lang="de-DE"');
    expect(html).toContain('#0a7d4f');
    expect(html).toContain('Müller &amp; Söhne &lt;GmbH&gt;');
    expect(html).toContain('href="https://plixo.example/pay/abc?x=1&amp;y=2"');
    expect(html).toContain('Rechnung ansehen');
    expect(html).toContain('<p>Hier ist Ihr neuer Link für Rechnung &lt;R-1&gt;.</p>');
    expect(html).not.toContain('<R-1>');
  });

  it('has a plain text part with the link written out', () => {
    expect(renderBrandedNotice(input).text).toBe('Hier ist Ihr neuer Link für Rechnung <R-1>.\n\nRechnung ansehen: https://plixo.example/pay/abc?x=1&y=2\n\nMüller & Söhne <GmbH>\n');
  });
});
