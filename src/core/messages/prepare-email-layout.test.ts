import { describe, expect, it } from 'vitest';
import { deriveBrandPalette } from './derive-brand-palette.ts';
import { fillEmailLayout, prepareEmailLayout, type EmailLayoutOptions, type MessageSlot } from './prepare-email-layout.ts';

const options: EmailLayoutOptions = {
  direction: 'ltr',
  palette: deriveBrandPalette('#0b7a3e'),
  companyName: 'Acme Inc.',
  logoUrl: null,
  withButton: true,
  withSignOff: true,
};

const values: Record<MessageSlot, string> = {
  lang: 'en-US',
  title: 'TITLE',
  body: '<p>BODY</p>',
  signOff: '<p>SIGN-OFF</p>',
  payHref: 'https://pay.example/1',
  payLabel: 'Pay now',
  footer: 'FOOTER',
};

describe('prepareEmailLayout', () => {
  it('prepares a brand’s layout once and reuses it', () => {
    expect(prepareEmailLayout(options)).toBe(prepareEmailLayout({ ...options }));
    expect(prepareEmailLayout(options)).not.toBe(prepareEmailLayout({ ...options, withButton: false }));
  });

  it('keeps only the sections asked for', () => {
    const full = fillEmailLayout(prepareEmailLayout(options), values);
    expect(full).toContain('Pay now');
    expect(full).toContain('SIGN-OFF');
    const bare = fillEmailLayout(prepareEmailLayout({ ...options, withButton: false, withSignOff: false }), values);
    expect(bare).not.toContain('Pay now');
    expect(bare).not.toContain('pay.example');
    expect(bare).not.toContain('SIGN-OFF');
    expect(bare).toContain('<p>BODY</p>');
  });

  it('writes each value once: a company name that looks like a stand-in stays text', () => {
    const html = fillEmailLayout(prepareEmailLayout({ ...options, companyName: 'plixo-slot-body #010203' }), values);
    expect(html.split('<p>BODY</p>')).toHaveLength(2);
    expect(html).toContain('>plixo-slot-body #010203</div>');
  });

  it('shows an https logo instead of the name, and ignores any other address', () => {
    const logo = fillEmailLayout(prepareEmailLayout({ ...options, logoUrl: 'https://acme.example/logo.png' }), values);
    expect(logo).toContain('src="https://acme.example/logo.png"');
    for (const logoUrl of ['http://acme.example/logo.png', 'javascript:alert(1)', 'https://acme.example/"onerror="alert(1)']) {
      const html = fillEmailLayout(prepareEmailLayout({ ...options, logoUrl }), values);
      expect(html).not.toContain('<img');
      expect(html).toContain('>Acme Inc.</div>');
    }
  });
});
