import type { BrandPalette } from './derive-brand-palette.ts';
import { emailLayoutHtml } from './email-layout.generated.ts';
import { layoutSlots, type LayoutDirection } from './email-layout-mjml.ts';
import { escapeHtml } from './escape-html.ts';
import { isSafeLinkUrl } from './is-safe-link-url.ts';

// MJML's output, made ready for one brand once: the optional sections kept or cut, the brand's
// colours, name and logo written in, and the rest split at the per-message stand-ins. Filling it
// for a message is then one pass over a dozen strings. Values written here are escaped once,
// and the stand-ins are found before any value is written, so a value that happens to contain a
// stand-in's text cannot be filled a second time.

export type MessageSlot = 'lang' | 'title' | 'body' | 'signOff' | 'payHref' | 'payLabel' | 'footer';

export interface EmailLayout {
  /** parts.length === slots.length + 1: parts[0], slots[0], parts[1], … */
  readonly parts: readonly string[];
  readonly slots: readonly MessageSlot[];
}

export interface EmailLayoutOptions {
  direction: LayoutDirection;
  palette: BrandPalette;
  companyName: string;
  /** Shown instead of the name when it is an https:// address; anything else is ignored. */
  logoUrl: string | null;
  withButton: boolean;
  /** Whether the body has a sign-off of its own to place below the button. */
  withSignOff: boolean;
}

type SlotKey = keyof typeof layoutSlots;

const slotByText = new Map<string, SlotKey>(Object.entries(layoutSlots).map(([key, text]) => [text, key as SlotKey]));
const slotPattern = new RegExp([...slotByText.keys()].join('|'), 'g');
const messageSlots: ReadonlySet<string> = new Set<MessageSlot>(['lang', 'title', 'body', 'signOff', 'payHref', 'payLabel', 'footer']);

function keepSections(html: string, keep: Record<string, boolean>): string {
  return html.replace(/<!-- plixo:(\w+) -->([\s\S]*?)<!-- \/plixo:\1 -->/g, (_match, name: string, content: string) => (keep[name] ? content : ''));
}

function buildLayout(options: EmailLayoutOptions): EmailLayout {
  const logoUrl = options.logoUrl !== null && /^https:/i.test(options.logoUrl) && isSafeLinkUrl(options.logoUrl) ? options.logoUrl : null;
  const html = keepSections(emailLayoutHtml[options.direction], { logo: logoUrl !== null, name: logoUrl === null, button: options.withButton, signoff: options.withSignOff });
  const brandValues: Partial<Record<SlotKey, string>> = {
    brandColor: options.palette.brand,
    onBrandColor: options.palette.onBrand,
    companyName: escapeHtml(options.companyName),
    logoUrl: escapeHtml(logoUrl ?? ''),
  };
  const parts: string[] = [''];
  const slots: MessageSlot[] = [];
  let last = 0;
  for (const match of html.matchAll(slotPattern)) {
    const key = slotByText.get(match[0])!;
    parts[parts.length - 1] += html.slice(last, match.index);
    last = match.index + match[0].length;
    if (messageSlots.has(key)) {
      slots.push(key as MessageSlot);
      parts.push('');
    } else parts[parts.length - 1] += brandValues[key] ?? '';
  }
  parts[parts.length - 1] += html.slice(last);
  return { parts, slots };
}

const maxCached = 200;
const cache = new Map<string, EmailLayout>();

export function prepareEmailLayout(options: EmailLayoutOptions): EmailLayout {
  const { direction, palette, companyName, logoUrl, withButton, withSignOff } = options;
  // NUL separates the parts: it is in no colour, URL or company name a workspace writes.
  const key = `${direction}\0${withButton ? 1 : 0}${withSignOff ? 1 : 0}\0${palette.brand}\0${palette.onBrand}\0${logoUrl ?? ''}\0${companyName}`;
  let layout = cache.get(key);
  if (!layout) {
    layout = buildLayout(options);
    if (cache.size >= maxCached) cache.clear();
    cache.set(key, layout);
  }
  return layout;
}

/** Values are written as given: the caller escapes them (body and footer are HTML already). */
export function fillEmailLayout(layout: EmailLayout, values: Readonly<Record<MessageSlot, string>>): string {
  let html = layout.parts[0]!;
  for (let index = 0; index < layout.slots.length; index += 1) html += values[layout.slots[index]!] + layout.parts[index + 1]!;
  return html;
}
