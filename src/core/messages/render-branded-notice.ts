import { deriveBrandPalette } from './derive-brand-palette.ts';
import { escapeHtml } from './escape-html.ts';
import { getMessageLabels } from './get-message-labels.ts';
import { fillEmailLayout, prepareEmailLayout } from './prepare-email-layout.ts';

// A short notice Plixo sends on a payer's own request (a fresh payer link), in the same branded
// layout as the workspace's reminders: its colour, logo or name, one paragraph and one button.
// No cadence template is involved, so no merge tags: every value is written escaped.

export interface BrandedNoticeInput {
  locale: string;
  branding: { companyName: string; logoUrl: string | null; color: string };
  subject: string;
  body: string;
  button: { href: string; label: string };
}

export function renderBrandedNotice(input: BrandedNoticeInput): { html: string; text: string } {
  const labels = getMessageLabels(input.locale);
  const layout = prepareEmailLayout({
    direction: labels.direction,
    palette: deriveBrandPalette(input.branding.color),
    companyName: input.branding.companyName,
    logoUrl: input.branding.logoUrl,
    withButton: true,
    withSignOff: false,
  });
  const html = fillEmailLayout(layout, {
    lang: escapeHtml(input.locale),
    title: escapeHtml(input.subject),
    body: `<p>${escapeHtml(input.body)}</p>`,
    signOff: '',
    payHref: escapeHtml(input.button.href),
    payLabel: escapeHtml(input.button.label),
    footer: `<div style="font-weight:600;">${escapeHtml(input.branding.companyName)}</div>`,
  });
  return { html, text: `${input.body}\n\n${input.button.label}: ${input.button.href}\n\n${input.branding.companyName}\n` };
}
