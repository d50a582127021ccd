import { bodyEndMarker, bodyStartMarker } from '../src/core/messages/render-message.ts';
import Handlebars from 'handlebars';
import { deriveBrandPalette, type BrandPalette } from '../src/core/messages/derive-brand-palette.ts';
import { layoutSlots } from '../src/core/messages/email-layout-mjml.ts';
import { emailLayoutHtml } from '../src/core/messages/email-layout.generated.ts';
import type { MessageContext, MessageInvoice } from '../src/core/messages/message-context.ts';
import { localDay } from '../src/core/time/time-zone.ts';
import { benchTemplate } from './build-render-data.ts';

// The competitor of the render benchmark: the same message (subject, text part, branded HTML
// part) from the same MessageContext, written with Handlebars the way a team using it would:
// templates precompiled once (Handlebars.precompile, as its build-time CLI does, then
// Handlebars.template), the HTML escaped by Handlebars, the text and subject compiled with
// noEscape. The layout is Plixo's own MJML output (email-layout.generated.ts) with its
// stand-ins turned into Handlebars expressions and its optional sections into {{#if}} blocks,
// so both sides send the same bytes (measure-render.ts checks that for every message).
//
// Two ways to get the values in:
// - 'helpers': the templates format the raw context through helpers (money, date, daysOverdue)
//   backed by Intl formatters cached per locale and currency; each part formats what it shows.
// - 'values': a JS function formats the six values once per message, and the three templates
//   only look them up. This is the cheapest way to produce the whole message with Handlebars.
// And the simplest comparison: the body's HTML alone, from values formatted before timing.

type ValueName = 'contactName' | 'invoiceNumber' | 'invoiceBalance' | 'dueDate' | 'daysOverdue' | 'payLink' | 'linkColor';
type Expressions = Record<ValueName, string>;

const helperExpressions: Expressions = {
  contactName: 'contact.name',
  invoiceNumber: 'lead.number',
  invoiceBalance: 'money lead.balanceMinor lead.currency',
  dueDate: 'date lead.dueOn',
  daysOverdue: 'daysOverdue lead.dueOn',
  payLink: 'lead.payLink',
  linkColor: 'palette.link',
};

const valueExpressions: Expressions = {
  contactName: 'v.contactName',
  invoiceNumber: 'v.invoiceNumber',
  invoiceBalance: 'v.invoiceBalance',
  dueDate: 'v.dueDate',
  daysOverdue: 'v.daysOverdue',
  payLink: 'v.payLink',
  linkColor: 'v.linkColor',
};

const tagValues: Record<string, ValueName> = {
  contact_name: 'contactName',
  invoice_number: 'invoiceNumber',
  invoice_balance: 'invoiceBalance',
  due_date: 'dueDate',
  days_overdue: 'daysOverdue',
  pay_link: 'payLink',
};

function withExpressions(text: string, expressions: Expressions): string {
  return text.replace(/\{([a-z_]+)\}/g, (_match, tag: string) => `{{${expressions[tagValues[tag]!]}}}`);
}

// The body as a Handlebars author writes it: the bench template's paragraphs, list, bold text and
// link, by hand in HTML (with the inline styles Plixo's compiled body uses, as a mail client needs).
const markdownLink = /\[([^\]]+)\]\(\{pay_link\}\)/g;
const paragraph = '<p style="margin:0 0 16px 0;">';

function bodyHtmlSource(e: Expressions): string {
  return benchTemplate.body
    .split('\n\n')
    .map((block) => {
      const inline = (text: string) =>
        withExpressions(
          text
            .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
            .replace(markdownLink, (_match, label: string) => `<a href="{pay_link}" style="color:{{${e.linkColor}}};text-decoration:underline;">${label}</a>`)
            .replace(/\n/g, '<br>'),
          e,
        );
      if (block.startsWith('- ')) {
        const items = block.split('\n').map((line) => `<li style="margin:0 0 4px 0;">${inline(line.slice(2))}</li>`);
        return `<ul style="margin:0 0 16px 0;padding:0 24px;">${items.join('')}</ul>`;
      }
      return `${paragraph}${inline(block)}</p>`;
    })
    .join('');
}

function textSource(e: Expressions): string {
  const body = benchTemplate.body.replaceAll('**', '').replace(markdownLink, (_match, label: string) => `${label} ({pay_link})`);
  return `${withExpressions(body, e)}\n\n-- \n{{sender.signature}}\n{{branding.companyName}}`;
}

function subjectSource(e: Expressions): string {
  return withExpressions(benchTemplate.subject, e);
}

const footerSource = '<div style="margin:0 0 8px 0;">{{lines sender.signature}}</div><div style="font-weight:600;">{{branding.companyName}}</div>';

/** Plixo's left-to-right layout with its stand-ins as Handlebars expressions. */
function layoutSource(e: Expressions): string {
  const slots: Record<keyof typeof layoutSlots, string> = {
    brandColor: '{{palette.brand}}',
    onBrandColor: '{{palette.onBrand}}',
    companyName: '{{branding.companyName}}',
    logoUrl: '{{branding.logoUrl}}',
    lang: '{{locale}}',
    title: '{{subject}}',
    // Plixo marks the body so a reviewer's edit can replace it; the same bytes here.
    body: `${bodyStartMarker}${bodyHtmlSource(e)}${bodyEndMarker}`,
    signOff: '',
    payHref: `{{${e.payLink}}}`,
    payLabel: '{{payNow}}',
    footer: footerSource,
  };
  let source = emailLayoutHtml.ltr.replace(/<!-- plixo:(\w+) -->/g, '{{#if show.$1}}').replace(/<!-- \/plixo:\w+ -->/g, '{{/if}}');
  for (const [key, text] of Object.entries(layoutSlots)) source = source.replaceAll(text, slots[key as keyof typeof layoutSlots]);
  return source;
}

interface LocaleFormatters {
  money(minor: number, currency: string): string;
  date(day: number): string;
  number(value: number): string;
}

const formattersByLocale = new Map<string, LocaleFormatters>();

/** Intl formatters built once per locale (and currency), as any renderer at volume must. */
function formattersFor(locale: string): LocaleFormatters {
  let found = formattersByLocale.get(locale);
  if (!found) {
    const money = new Map<string, { format: Intl.NumberFormat; divisor: number }>();
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    found = {
      money(minor, currency) {
        let entry = money.get(currency);
        if (!entry) {
          const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
          entry = { format, divisor: 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2) };
          money.set(currency, entry);
        }
        return entry.format.format(minor / entry.divisor);
      },
      date: (day) => date.format(day * 86_400_000),
      number: (value) => number.format(value),
    };
    formattersByLocale.set(locale, found);
  }
  return found;
}

const payNowByLanguage: Record<string, string> = { en: 'Pay now', de: 'Jetzt bezahlen', fr: 'Payer maintenant', ja: '今すぐ支払う' };
const payNowByLocale = new Map<string, string>();

function payNowFor(locale: string): string {
  let label = payNowByLocale.get(locale);
  if (label === undefined) {
    label = payNowByLanguage[locale.split('-')[0]!] ?? 'Pay now';
    payNowByLocale.set(locale, label);
  }
  return label;
}

const palettes = new Map<string, BrandPalette>();

function paletteFor(color: string): BrandPalette {
  let palette = palettes.get(color);
  if (!palette) {
    palette = deriveBrandPalette(color);
    palettes.set(color, palette);
  }
  return palette;
}

const showWithButton = { logo: false, name: true, button: true, signoff: false };
const showWithoutButton = { logo: false, name: true, button: false, signoff: false };

interface MessageData {
  locale: string;
  contact: MessageContext['contact'];
  sender: MessageContext['sender'];
  branding: MessageContext['branding'];
  lead: MessageInvoice;
  palette: BrandPalette;
  payNow: string;
  show: typeof showWithButton;
  formatters: LocaleFormatters;
  today: number;
  subject: string;
  v: PreformattedValues | null;
}

export type PreformattedValues = Record<ValueName, string>;

export interface HandlebarsMessage {
  subject: string;
  text: string;
  html: string;
}

export interface HandlebarsRenderers {
  /** The whole message, formatting in the templates through helpers. */
  renderWithHelpers(context: MessageContext): HandlebarsMessage;
  /** The whole message, the values formatted once per message in JS before the templates. */
  renderWithValues(context: MessageContext): HandlebarsMessage;
  /** The body's HTML alone, from values formatted beforehand. */
  renderBodyHtml(values: PreformattedValues): string;
  /** The six values of a message, formatted: what renderBodyHtml takes. */
  formatValues(context: MessageContext): PreformattedValues;
  /** The Handlebars sources, by name, to be written out for a reader. */
  sources: Record<string, string>;
}

function rootOf(options: Handlebars.HelperOptions): MessageData {
  return (options.data as { root: MessageData }).root;
}

export function createHandlebarsRenderers(): HandlebarsRenderers {
  const hb = Handlebars.create();
  hb.registerHelper('money', (minor: number, currency: string, options: Handlebars.HelperOptions) => rootOf(options).formatters.money(minor, currency));
  hb.registerHelper('date', (day: number, options: Handlebars.HelperOptions) => rootOf(options).formatters.date(day));
  hb.registerHelper('daysOverdue', (dueOn: number, options: Handlebars.HelperOptions) => {
    const root = rootOf(options);
    return root.formatters.number(root.today - dueOn);
  });
  hb.registerHelper('lines', (text: string) => new hb.SafeString(hb.escapeExpression(text).replace(/\n/g, '<br>')));
  const knownHelpers = { money: true, date: true, daysOverdue: true, lines: true };

  const sources: Record<string, string> = {
    'helpers-subject.hbs': subjectSource(helperExpressions),
    'helpers-text.hbs': textSource(helperExpressions),
    'helpers-html.hbs': layoutSource(helperExpressions),
    'values-subject.hbs': subjectSource(valueExpressions),
    'values-text.hbs': textSource(valueExpressions),
    'values-html.hbs': layoutSource(valueExpressions),
    'body-html.hbs': bodyHtmlSource(valueExpressions),
  };
  const compile = <T>(name: string, escape: boolean): Handlebars.TemplateDelegate<T> => {
    const spec = hb.precompile(sources[name]!, { knownHelpers, knownHelpersOnly: true, noEscape: !escape, ignoreStandalone: true, strict: true });
    // What the precompiler CLI writes into a .js file, loaded here without a build step.
    return hb.template(new Function(`return ${String(spec)}`)() as TemplateSpecification);
  };
  const helpers = { subject: compile<MessageData>('helpers-subject.hbs', false), text: compile<MessageData>('helpers-text.hbs', false), html: compile<MessageData>('helpers-html.hbs', true) };
  const values = { subject: compile<MessageData>('values-subject.hbs', false), text: compile<MessageData>('values-text.hbs', false), html: compile<MessageData>('values-html.hbs', true) };
  const bodyHtml = compile<{ v: PreformattedValues }>('body-html.hbs', true);

  const dataOf = (context: MessageContext): MessageData => {
    const lead = context.invoices.find((invoice) => invoice.id === context.leadInvoiceId);
    if (!lead) throw new Error(`no lead invoice ${context.leadInvoiceId}`);
    return {
      locale: context.locale,
      contact: context.contact,
      sender: context.sender,
      branding: context.branding,
      lead,
      palette: paletteFor(context.branding.color),
      payNow: payNowFor(context.locale),
      show: lead.payLink ? showWithButton : showWithoutButton,
      formatters: formattersFor(context.locale),
      today: localDay(context.timeZone, context.sentAt),
      subject: '',
      v: null,
    };
  };
  const formatValues = (context: MessageContext, data: MessageData = dataOf(context)): PreformattedValues => ({
    contactName: context.contact.name ?? '',
    invoiceNumber: data.lead.number,
    invoiceBalance: data.formatters.money(data.lead.balanceMinor, data.lead.currency),
    dueDate: data.formatters.date(data.lead.dueOn),
    daysOverdue: data.formatters.number(data.today - data.lead.dueOn),
    payLink: data.lead.payLink ?? '',
    linkColor: data.palette.link,
  });
  const renderWith = (templates: typeof helpers, data: MessageData): HandlebarsMessage => {
    data.subject = templates.subject(data);
    return { subject: data.subject, text: templates.text(data), html: templates.html(data) };
  };
  return {
    renderWithHelpers: (context) => renderWith(helpers, dataOf(context)),
    renderWithValues: (context) => {
      const data = dataOf(context);
      data.v = formatValues(context, data);
      return renderWith(values, data);
    },
    renderBodyHtml: (v) => bodyHtml({ v }),
    formatValues: (context) => formatValues(context),
    sources,
  };
}
