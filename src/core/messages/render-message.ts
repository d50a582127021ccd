import type { Template } from '../policy/policy-model.ts';
import type { Tone } from '../policy/policy-schema.ts';
import { buildMergeValues, type MergeValues } from './build-merge-values.ts';
import { compileTemplate, type CompiledTemplate } from './compile-template.ts';
import { deriveBrandPalette, type BrandPalette } from './derive-brand-palette.ts';
import { escapeHtml } from './escape-html.ts';
import { fillTemplate } from './fill-template.ts';
import { getMessageLabels } from './get-message-labels.ts';
import { isSafeLinkUrl } from './is-safe-link-url.ts';
import type { MessageContext } from './message-context.ts';
import { pickTemplateVariant } from './pick-template-variant.ts';
import { fillEmailLayout, prepareEmailLayout } from './prepare-email-layout.ts';
import type { RenderFailure } from './render-failure.ts';

// One message: subject, text part and branded HTML part, for one tone of one template and one
// context. Nothing here is parsed or laid out per message: the template's programs and the
// brand's layout are prepared on first use and kept; a message looks up its values and joins.
//
// The pay button: shown when the body uses {pay_link} (and the link is a safe address), below
// the body and above its sign-off ("Thank you,\n{sender_signature}") if it ends with one. A
// template without {pay_link} (a thank-you, a statement cover note) gets no button.
// The footer: the sender's signature, unless the body already places {sender_signature}, and
// the company name.

export interface RenderMessageInput {
  template: Pick<Template, 'subject' | 'body'>;
  tone: Tone;
  context: MessageContext;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export type RenderMessageResult = { ok: true; message: RenderedMessage } | RenderFailure;

interface CompiledVariant {
  ok: true;
  subject: CompiledTemplate;
  body: CompiledTemplate;
  usesPayLink: boolean;
  usesSignature: boolean;
}

type VariantResult = CompiledVariant | Extract<RenderFailure, { reason: 'missing_variant' }>;

const variants = new WeakMap<object, Map<Tone, VariantResult>>();

function compileVariant(template: RenderMessageInput['template'], tone: Tone): VariantResult {
  let byTone = variants.get(template);
  if (!byTone) {
    byTone = new Map();
    variants.set(template, byTone);
  }
  let variant = byTone.get(tone);
  if (!variant) {
    const picked = pickTemplateVariant(template, tone);
    if (picked.ok) {
      const body = compileTemplate(picked.body, { markdown: true });
      variant = {
        ok: true,
        subject: compileTemplate(picked.subject, { markdown: false }),
        body,
        usesPayLink: body.tags.has('pay_link'),
        usesSignature: body.tags.has('sender_signature'),
      };
    } else variant = picked;
    byTone.set(tone, variant);
  }
  return variant;
}

const palettes = new Map<string, BrandPalette>();

function getPalette(color: string): BrandPalette {
  let palette = palettes.get(color);
  if (!palette) {
    palette = deriveBrandPalette(color);
    if (palettes.size >= 200) palettes.clear();
    palettes.set(color, palette);
  }
  return palette;
}

// A subject is a mail header: no control characters, whatever the values hold.
const controlCharacters = /[\u0000-\u001f\u007f]+/g;

function safePayLink(values: MergeValues): string | null {
  const lookup = values.lookup('pay_link');
  return lookup.ok && lookup.value.kind === 'url' && isSafeLinkUrl(lookup.value.url) ? lookup.value.url : null;
}

function footerText(context: MessageContext, variant: CompiledVariant): string {
  if (variant.usesSignature) return '';
  const signOff = context.sender.signature?.trim() || context.sender.name?.trim() || '';
  const company = context.branding.companyName.trim();
  const lines = [signOff, signOff.includes(company) ? '' : company].filter((line) => line !== '');
  return lines.length === 0 ? '' : `\n\n-- \n${lines.join('\n')}`;
}

function footerHtml(context: MessageContext, variant: CompiledVariant): string {
  const signOff = variant.usesSignature ? '' : context.sender.signature?.trim() || context.sender.name?.trim() || '';
  const signature = signOff === '' ? '' : `<div style="margin:0 0 8px 0;">${escapeHtml(signOff).replace(/\n/g, '<br>')}</div>`;
  return `${signature}<div style="font-weight:600;">${escapeHtml(context.branding.companyName)}</div>`;
}

/** Around the body in the HTML part (see replaceBodyHtml). */
export const bodyStartMarker = '<!--plixo:body-->';
export const bodyEndMarker = '<!--/plixo:body-->';

export function renderMessage({ template, tone, context }: RenderMessageInput): RenderMessageResult {
  const variant = compileVariant(template, tone);
  if (!variant.ok) return variant;
  const values = buildMergeValues(context);
  const palette = getPalette(context.branding.color);
  const subjectOptions = { values, linkColor: palette.link, where: 'subject' } as const;
  const bodyOptions = { values, linkColor: palette.link, where: 'body' } as const;
  const subjectText = fillTemplate(variant.subject.text, 'text', subjectOptions);
  if (typeof subjectText !== 'string') return subjectText;
  const bodyText = fillTemplate(variant.body.text, 'text', bodyOptions);
  if (typeof bodyText !== 'string') return bodyText;
  const bodyHtml = fillTemplate(variant.body.html, 'html', bodyOptions);
  if (typeof bodyHtml !== 'string') return bodyHtml;
  const signOffHtml = fillTemplate(variant.body.htmlSignOff, 'html', bodyOptions);
  if (typeof signOffHtml !== 'string') return signOffHtml;

  const subject = subjectText.replace(controlCharacters, ' ').trim();
  const labels = getMessageLabels(context.locale);
  const payLink = variant.usesPayLink ? safePayLink(values) : null;
  const layout = prepareEmailLayout({
    direction: labels.direction,
    palette,
    companyName: context.branding.companyName,
    logoUrl: context.branding.logoUrl,
    withButton: payLink !== null,
    withSignOff: signOffHtml !== '',
  });
  const html = fillEmailLayout(layout, {
    lang: escapeHtml(context.locale),
    title: escapeHtml(subject),
    // Marked, so a reviewer's edit of a draft can replace the body and keep the branded layout.
    body: `${bodyStartMarker}${bodyHtml}${bodyEndMarker}`,
    signOff: signOffHtml,
    payHref: escapeHtml(payLink ?? ''),
    payLabel: escapeHtml(labels.payNow),
    footer: footerHtml(context, variant),
  });
  return { ok: true, message: { subject, text: bodyText + footerText(context, variant), html } };
}
