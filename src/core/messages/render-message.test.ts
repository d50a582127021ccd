import { describe, expect, it } from 'vitest';
import type { Tone } from '../policy/policy-schema.ts';
import { knownMergeTags } from '../policy/scan-merge-tags.ts';
import type { MessageContext } from './message-context.ts';
import { renderMessage, type RenderedMessage } from './render-message.ts';
import { buildConsolidatedInvoices, buildMessageContext, buildMessageInvoice } from './testing/build-message-context.ts';

const overdue = {
  subject: { neutral: 'Invoice {invoice_number} is {days_overdue} days past due', formal: 'Outstanding balance on invoice {invoice_number}' },
  body: {
    neutral: 'Hi {contact_name},\n\nInvoice {invoice_number} for {invoice_balance} was due on {due_date}.\nYou can pay it here: {pay_link}\n\nThank you,\n{sender_signature}',
    confident: 'Hi {contact_name},\n\nInvoice {invoice_number} is now **{days_overdue} days past due**.\n\n[Pay today]({pay_link})',
  },
};

function render(context: MessageContext = buildMessageContext(), template: { subject: Record<string, string>; body: Record<string, string> } = overdue, tone: Tone = 'neutral'): RenderedMessage {
  const result = renderMessage({ template, tone, context });
  if (!result.ok) throw new Error(`did not render: ${JSON.stringify(result)}`);
  return result.message;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('renderMessage: the three parts', () => {
  it('writes the subject and a text part that reads on its own', () => {
    const message = render();
    expect(message.subject).toBe('Invoice INV-1 is 8 days past due');
    expect(message.text).toBe(
      'Hi Ana,\n\nInvoice INV-1 for €1,200.50 was due on Mar 31, 2024.\nYou can pay it here: https://pay.acme.example/i/INV-1\n\nThank you,\nJana Novak\nAccounts Receivable',
    );
  });

  it('writes a complete HTML document with the body, in the customer’s language', () => {
    const { html } = render(buildMessageContext({ locale: 'de-DE' }));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="de-DE" dir="ltr"');
    expect(html).toContain('<title>Invoice INV-1 is 8 days past due</title>');
    expect(html).toContain('Invoice INV-1 for 1.200,50\u00a0€ was due on 31.03.2024.<br>You can pay it here:');
    // Nothing of the layout's stand-ins is left.
    expect(html).not.toMatch(/plixo-slot|#010203|#040506|<!-- \/?plixo:/);
  });

  it('lays out right to left for Arabic', () => {
    const { html } = render(buildMessageContext({ locale: 'ar-EG' }));
    expect(html).toContain('<html lang="ar-EG" dir="rtl"');
    expect(html).toContain('<div dir="rtl">');
  });
});

describe('renderMessage: escaping', () => {
  const template = { subject: { neutral: 'For {customer_name}' }, body: { neutral: 'Dear {customer_name}, attn. {contact_name}' } };

  it('renders a customer named <script> harmlessly in HTML, and as written in text and subject', () => {
    const context = buildMessageContext({ customer: { id: 'c1', name: '<script>alert(1)</script>' }, contact: { name: '<img src=x onerror=alert(1)>', email: 'x@y' } });
    const message = render(context, template);
    expect(message.html).toContain('Dear &lt;script&gt;alert(1)&lt;/script&gt;, attn. &lt;img src=x onerror=alert(1)&gt;');
    expect(message.html).toContain('<title>For &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(message.html).not.toMatch(/<script|<img src=x/i);
    expect(message.text.split('\n')[0]).toBe('Dear <script>alert(1)</script>, attn. <img src=x onerror=alert(1)>');
    expect(message.subject).toBe('For <script>alert(1)</script>');
  });

  it('writes Tom & Jerry as Tom &amp; Jerry in HTML and Tom & Jerry in text', () => {
    const message = render(buildMessageContext({ customer: { id: 'c1', name: 'Tom & Jerry' } }), template);
    expect(message.html).toContain('Dear Tom &amp; Jerry,');
    expect(message.html).not.toContain('Tom & Jerry');
    expect(message.text).toContain('Dear Tom & Jerry,');
    expect(message.subject).toBe('For Tom & Jerry');
  });

  it('escapes the company name and ignores a logo that is not https', () => {
    const branding = { companyName: '<b>Acme</b> & "Co"', logoUrl: 'http://acme.example/logo.png', color: '#1f6feb' };
    const { html } = render(buildMessageContext({ branding }));
    expect(count(html, '&lt;b&gt;Acme&lt;/b&gt; &amp; &quot;Co&quot;')).toBe(2); // header and footer
    expect(html).not.toContain('<b>Acme');
    expect(html).not.toContain('logo.png');
  });

  it('keeps a subject on one line whatever the values hold (no header injection)', () => {
    const context = buildMessageContext({ customer: { id: 'c1', name: 'Globex\r\nBcc: victim@example.com\u0000' } });
    expect(render(context, template).subject).toBe('For Globex Bcc: victim@example.com');
  });

  it('writes {{ and }} as literal braces in every part', () => {
    const message = render(buildMessageContext(), { subject: { neutral: 'Ref {{PO-7}}' }, body: { neutral: 'Quote {{PO-7}} and {{customer_name}}.' } });
    expect(message.subject).toBe('Ref {PO-7}');
    expect(message.text).toBe('Quote {PO-7} and {customer_name}.\n\n-- \nJana Novak\nAccounts Receivable\nAcme Inc.');
    expect(message.html).toContain('Quote {PO-7} and {customer_name}.');
  });
});

describe('renderMessage: branding and the pay button', () => {
  it('shows the company name in the brand colour, or the logo instead when there is one', () => {
    const named = render().html;
    expect(named).toContain('background-color:#1f6feb');
    expect(named).toContain('>Acme Inc.</div>');
    const branding = { companyName: 'Acme Inc.', logoUrl: 'https://acme.example/logo.png', color: '#0B7A3E' };
    const withLogo = render(buildMessageContext({ branding })).html;
    expect(withLogo).toMatch(/<img[^>]+alt="Acme Inc\."[^>]+src="https:\/\/acme\.example\/logo\.png"/);
    expect(withLogo).toContain('background-color:#0b7a3e');
    expect(withLogo).not.toContain('font-size:20px;font-weight:700');
  });

  it('writes dark text on a pale brand colour, and falls back to the default for a colour that is not #RRGGBB', () => {
    const pale = render(buildMessageContext({ branding: { companyName: 'Acme', logoUrl: null, color: '#ffd400' } })).html;
    expect(pale).toMatch(/<a\s+href="https:\/\/pay\.acme\.example\/i\/INV-1" style="display:inline-block;background:#ffd400;color:#1f2328;/);
    expect(pale).toContain('<a href="https://pay.acme.example/i/INV-1" style="color:#1f2328;text-decoration:underline;">');
    const odd = render(buildMessageContext({ branding: { companyName: 'Acme', logoUrl: null, color: 'red;x:expression(1)' } })).html;
    expect(odd).toContain('background-color:#1f6feb');
    expect(odd).not.toContain('expression');
  });

  it('shows a pay button, in the customer’s language, when the body uses {pay_link}, above the sign-off', () => {
    const { html } = render(buildMessageContext({ locale: 'de-DE' }));
    expect(html).toMatch(/<a\s+href="https:\/\/pay\.acme\.example\/i\/INV-1"[^>]*target="_blank"\s*>\s*Jetzt bezahlen\s*<\/a>/);
    expect(html.indexOf('Jetzt bezahlen')).toBeLessThan(html.indexOf('Thank you,<br>'));
  });

  it('shows no button when the body does not use {pay_link}', () => {
    const { html } = render(buildMessageContext(), { subject: { neutral: 'Thanks' }, body: { neutral: 'Thank you for your payment.' } });
    expect(html).not.toContain('Pay now');
    expect(html).not.toContain('pay.acme.example');
  });

  it('makes a javascript: pay link clickable nowhere: no button, no link', () => {
    const invoices = [buildMessageInvoice({ payLink: 'javascript:alert(document.cookie)' })];
    const message = render(buildMessageContext({ invoices }), overdue, 'confident');
    expect(message.html).not.toContain('Pay now');
    expect(message.html).not.toMatch(/href="javascript/i);
    expect(message.html).toContain('Pay today');
    expect(message.text).not.toContain('javascript:');
  });

  it('puts the signature in the footer when the body does not place it, and never twice', () => {
    const template = { subject: { neutral: 'Hi' }, body: { neutral: 'Please pay {invoice_balance}.' } };
    const footer = render(buildMessageContext(), template);
    expect(footer.html).toContain('Jana Novak<br>Accounts Receivable');
    expect(footer.text).toBe('Please pay €1,200.50.\n\n-- \nJana Novak\nAccounts Receivable\nAcme Inc.');
    const inBody = render();
    expect(count(inBody.html, 'Jana Novak<br>')).toBe(1);
    expect(count(inBody.text, 'Jana Novak')).toBe(1);
  });
});

describe('renderMessage: tones', () => {
  it.each([
    ['neutral', 'Invoice INV-1 is 8 days past due', 'was due on'],
    ['formal', 'Outstanding balance on invoice INV-1', 'was due on'], // formal subject, neutral body
    ['confident', 'Invoice INV-1 is 8 days past due', '8 days past due'], // neutral subject, confident body
  ] as const)('%s: subject and body fall back to neutral separately', (tone, subject, bodyText) => {
    const message = render(buildMessageContext(), overdue, tone);
    expect(message.subject).toBe(subject);
    expect(message.text).toContain(bodyText);
  });

  it('renders the confident body’s Markdown: strong text and a link', () => {
    const { html, text } = render(buildMessageContext(), overdue, 'confident');
    expect(html).toContain('<strong>8 days past due</strong>');
    expect(html).toContain('<a href="https://pay.acme.example/i/INV-1" style="color:#1f6feb;text-decoration:underline;">Pay today</a>');
    expect(text).toContain('Pay today (https://pay.acme.example/i/INV-1)');
  });

  it('fails with missing_variant when neither the tone nor neutral has words', () => {
    const result = renderMessage({ template: { subject: { formal: 'S' }, body: { formal: 'B' } }, tone: 'confident', context: buildMessageContext() });
    expect(result).toEqual({ ok: false, reason: 'missing_variant', part: 'subject', tone: 'confident' });
  });
});

describe('renderMessage: a consolidated message', () => {
  const template = {
    subject: { neutral: '{customer_name}: {total_balance} open' },
    body: { neutral: 'Hi {contact_name},\n\nThese invoices are open:\n\n{invoice_table}\n\nTotal: **{total_balance}**. [Pay]({pay_link})' },
  };

  it('lists the three invoices in two currencies with a total per currency', () => {
    const message = render(buildMessageContext({ invoices: buildConsolidatedInvoices() }), template);
    expect(message.subject).toBe('Globex GmbH: €1,250.50 and $300.00 open');
    expect(message.text).toContain(
      [
        'Invoice   Due date       Days overdue     Balance',
        '-------   ------------   ------------   ---------',
        'INV-1     Mar 31, 2024              8   €1,200.50',
        'INV-2     Apr 4, 2024               4     $300.00',
        'INV-3     Apr 7, 2024               1      €50.00',
        'Total                                   €1,250.50',
        '                                          $300.00',
      ].join('\n'),
    );
    expect(message.text).toContain('Total: €1,250.50 and $300.00. Pay (https://pay.acme.example/i/INV-1)');
    const table = /<table cellpadding="0"[\s\S]*?<\/table>/.exec(message.html)?.[0] ?? '';
    expect(count(table, '<tr>')).toBe(1 + 3 + 2);
    for (const cell of ['>INV-1<', '>INV-2<', '>INV-3<', '>€1,200.50<', '>$300.00<', '>€50.00<', '>€1,250.50<', '>Total<']) expect(table).toContain(cell);
    expect(message.html).toContain('<strong>€1,250.50 and $300.00</strong>');
  });

  it('in de-DE, joins the totals with “und”', () => {
    const message = render(buildMessageContext({ locale: 'de-DE', invoices: buildConsolidatedInvoices() }), template);
    expect(message.subject).toBe('Globex GmbH: 1.250,50\u00a0€ und 300,00\u00a0$ open');
  });
});

describe('renderMessage: missing values hold the one message with a reason', () => {
  it.each([
    ['no contact name', { contact: { name: null, email: 'ap@globex.example' } }, { tag: 'contact_name' }],
    ['no pay link', { invoices: [buildMessageInvoice({ payLink: null })] }, { tag: 'pay_link', invoiceId: 'INV-1' }],
    ['no signature', { sender: { name: 'A/R', signature: null } }, { tag: 'sender_signature' }],
  ] as const)('%s', (_case, overrides, expected) => {
    expect(renderMessage({ template: overdue, tone: 'neutral', context: buildMessageContext(overrides) })).toEqual({ ok: false, reason: 'missing_value', ...expected });
  });

  it('fails on a missing value in the subject too', () => {
    const template = { subject: { neutral: 'Your promise of {promise_date}' }, body: { neutral: 'Thanks' } };
    const context = buildMessageContext({ invoices: [buildMessageInvoice({ promise: null })] });
    expect(renderMessage({ template, tone: 'neutral', context })).toEqual({ ok: false, reason: 'missing_value', tag: 'promise_date', invoiceId: 'INV-1' });
  });

  it('does not care about a missing value the template does not use', () => {
    const template = { subject: { neutral: 'Hello' }, body: { neutral: 'Hello {customer_name}' } };
    const context = buildMessageContext({ contact: { name: null, email: 'x@y' }, statementLink: null, invoices: [buildMessageInvoice({ payLink: null, promise: null })] });
    expect(renderMessage({ template, tone: 'neutral', context }).ok).toBe(true);
  });

  it('reports an unknown tag instead of printing it', () => {
    const template = { subject: { neutral: 'Hi' }, body: { neutral: 'Hi {customer_nmae}' } };
    expect(renderMessage({ template, tone: 'neutral', context: buildMessageContext() })).toEqual({ ok: false, reason: 'unknown_tag', tag: 'customer_nmae' });
  });
});

describe('renderMessage: every tag in every tested locale', () => {
  const everyTag = { subject: { neutral: 'All tags' }, body: { neutral: knownMergeTags.map((tag) => `- ${tag}: {${tag}}`).join('\n') } };

  it.each(['en-US', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG'])('%s renders every known tag, with no tag left over', (locale) => {
    const message = render(buildMessageContext({ locale, invoices: buildConsolidatedInvoices() }), everyTag);
    expect(message.text).not.toMatch(/\{[a-z_]+\}/);
    expect(message.html).not.toMatch(/\{[a-z_]+\}/);
    expect(count(message.html, '<li ')).toBe(knownMergeTags.length);
  });
});

describe('renderMessage: prepared once, rendered many times', () => {
  it('gives the same output for the same input, and another for another customer', () => {
    const first = render();
    expect(render()).toEqual(first);
    expect(render(buildMessageContext({ contact: { name: 'Bea', email: 'b@globex.example' } })).text).toContain('Hi Bea,');
  });
});
