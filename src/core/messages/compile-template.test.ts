import { describe, expect, it } from 'vitest';
import type { MergeValues } from './build-merge-values.ts';
import { compileTemplate } from './compile-template.ts';
import { fillTemplate, type FillOptions } from './fill-template.ts';
import type { MergeValue } from './merge-value.ts';
import type { RenderFailure } from './render-failure.ts';

// A fixed set of values, so these tests are about the Markdown and the escaping alone.
function fakeValues(values: Record<string, MergeValue>): MergeValues {
  return {
    lookup: (tag) => {
      const value = values[tag];
      return value ? { ok: true, value } : { ok: false, reason: 'missing_value', tag: tag as 'contact_name' };
    },
  };
}

const values = fakeValues({
  contact_name: { kind: 'text', text: 'Tom & Jerry' },
  customer_name: { kind: 'text', text: '<script>alert(1)</script>' },
  invoice_number: { kind: 'text', text: 'A/7 #2' },
  invoice_balance: { kind: 'text', text: '€1,200.50' },
  pay_link: { kind: 'url', url: 'https://pay.acme.example/i/1?a=1&b=2' },
  statement_link: { kind: 'url', url: 'javascript:alert(1)' },
  sender_signature: { kind: 'text', text: 'Jana\nA/R <team>' },
  invoice_table: { kind: 'block', html: '<table><tr><td>t</td></tr></table>', text: 'T   1' },
});

const options: FillOptions = { values, linkColor: '#1f6feb', where: 'body' };

function render(template: string): { html: string | RenderFailure; text: string | RenderFailure } {
  const compiled = compileTemplate(template, { markdown: true });
  const html = fillTemplate([...compiled.html, ...compiled.htmlSignOff], 'html', options);
  return { html, text: fillTemplate(compiled.text, 'text', options) };
}

const a = (href: string, label: string) => `<a href="${href}" style="color:#1f6feb;text-decoration:underline;">${label}</a>`;
const p = (content: string) => `<p style="margin:0 0 16px 0;">${content}</p>`;

describe('compileTemplate + fillTemplate: Markdown', () => {
  it('renders paragraphs and line breaks', () => {
    expect(render('Hi {contact_name},\n\nLine one\nline two')).toEqual({
      html: p('Hi Tom &amp; Jerry,') + p('Line one<br>line two'),
      text: 'Hi Tom & Jerry,\n\nLine one\nline two',
    });
  });

  it('renders emphasis and strong in HTML, and drops the markers in text', () => {
    expect(render('*soon* and **{invoice_balance}**')).toEqual({ html: p('<em>soon</em> and <strong>€1,200.50</strong>'), text: 'soon and €1,200.50' });
  });

  it('renders bullet and numbered lists; text keeps - and numbers, and indents wrapped lines', () => {
    const { html, text } = render('Options:\n\n- online\n  by card\n- transfer\n\n2. two\n3. three');
    expect(html).toBe(
      p('Options:') +
        '<ul style="margin:0 0 16px 0;padding:0 24px;"><li style="margin:0 0 4px 0;">online<br>by card</li><li style="margin:0 0 4px 0;">transfer</li></ul>' +
        '<ol start="2" style="margin:0 0 16px 0;padding:0 24px;"><li style="margin:0 0 4px 0;">two</li><li style="margin:0 0 4px 0;">three</li></ol>',
    );
    expect(text).toBe('Options:\n\n- online\n  by card\n- transfer\n\n2. two\n3. three');
  });

  it('links to a tag: attribute-escaped href in HTML, "label (url)" in text', () => {
    expect(render('[Pay now]({pay_link})')).toEqual({
      html: p(a('https://pay.acme.example/i/1?a=1&amp;b=2', 'Pay now')),
      text: 'Pay now (https://pay.acme.example/i/1?a=1&b=2)',
    });
  });

  it('makes a bare link tag clickable in HTML, and writes the address once in text', () => {
    expect(render('Pay here: {pay_link}')).toEqual({
      html: p(`Pay here: ${a('https://pay.acme.example/i/1?a=1&amp;b=2', 'https://pay.acme.example/i/1?a=1&amp;b=2')}`),
      text: 'Pay here: https://pay.acme.example/i/1?a=1&b=2',
    });
    expect(render('[{pay_link}]({pay_link})').text).toBe('https://pay.acme.example/i/1?a=1&b=2');
  });

  it('does not link an address with quotes or angle brackets, which no real address contains unencoded', () => {
    const odd = fakeValues({ pay_link: { kind: 'url', url: 'https://x.example/"><img src=x>' } });
    const html = fillTemplate(compileTemplate('[Pay]({pay_link}) {pay_link}', { markdown: true }).html, 'html', { ...options, values: odd });
    expect(html).toBe(p('Pay https://x.example/&quot;&gt;&lt;img src=x&gt;'));
  });

  it('percent-encodes a tag inside a written address', () => {
    expect(render('[see](https://acme.example/i/{invoice_number})')).toEqual({
      html: p(a('https://acme.example/i/A%2F7%20%232', 'see')),
      text: 'see (https://acme.example/i/A%2F7%20%232)',
    });
  });

  it('never makes a javascript: address clickable, written or from a value', () => {
    for (const template of ['[statement]({statement_link})', '[statement](javascript:alert(1))', '[statement](data:text/html,x)']) {
      const { html, text } = render(template);
      expect(html).not.toContain('<a ');
      expect(html).not.toMatch(/href=/);
      expect(text).not.toContain('javascript:');
      expect(text).not.toContain('data:');
    }
    expect(render('Statement: {statement_link}').html).toBe(p('Statement: javascript:alert(1)'));
  });

  it('escapes values and literal text in HTML, and leaves both as written in text', () => {
    expect(render('<b>{customer_name}</b> & "{contact_name}"')).toEqual({
      html: p('&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/b&gt; &amp; &quot;Tom &amp; Jerry&quot;'),
      text: '<b><script>alert(1)</script></b> & "Tom & Jerry"',
    });
  });

  it('writes {{ and }} as single braces in both parts', () => {
    expect(render('Use {{PO-1}} for {{customer_name}}, not {customer_name}}}')).toEqual({
      html: p('Use {PO-1} for {customer_name}, not &lt;script&gt;alert(1)&lt;/script&gt;}'),
      text: 'Use {PO-1} for {customer_name}, not <script>alert(1)</script>}',
    });
  });

  it('turns line breaks in a value into <br> in HTML', () => {
    expect(render('Thanks,\n{sender_signature}').html).toBe(p('Thanks,<br>Jana<br>A/R &lt;team&gt;'));
  });

  it('keeps a closing paragraph with {sender_signature} apart, for the layout to put the pay button above it', () => {
    const compiled = compileTemplate('Please pay.\n\nThank you,\n{sender_signature}', { markdown: true });
    expect(fillTemplate(compiled.html, 'html', options)).toBe(p('Please pay.'));
    expect(fillTemplate(compiled.htmlSignOff, 'html', options)).toBe(p('Thank you,<br>Jana<br>A/R &lt;team&gt;'));
    expect(compileTemplate('{sender_signature}\n\nP.S. pay soon', { markdown: true }).htmlSignOff).toEqual([]);
  });

  it('places a block tag alone on its line between paragraphs', () => {
    expect(render('Open:\n{invoice_table}\nThanks')).toEqual({
      html: p('Open:') + '<table><tr><td>t</td></tr></table>' + p('Thanks'),
      text: 'Open:\n\nT   1\n\nThanks',
    });
  });

  it('fails with the first missing value, typed, without throwing', () => {
    expect(render('Hi {contact_name}, {promise_date}').html).toEqual({ ok: false, reason: 'missing_value', tag: 'promise_date' });
    expect(render('[x]({promise_date})').text).toEqual({ ok: false, reason: 'missing_value', tag: 'promise_date' });
  });

  it('refuses a block inside a link', () => {
    expect(render('[x]({invoice_table})').html).toEqual({ ok: false, reason: 'misplaced_tag', tag: 'invoice_table', where: 'link' });
  });
});

describe('compileTemplate: subjects (no Markdown)', () => {
  const subject = (template: string) => fillTemplate(compileTemplate(template, { markdown: false }).text, 'text', { ...options, where: 'subject' });

  it('keeps Markdown characters and joins lines', () => {
    expect(subject('**Invoice** {invoice_number}\nfor {contact_name}')).toBe('**Invoice** A/7 #2 for Tom & Jerry');
  });

  it('puts a multi-line value on one line', () => {
    expect(subject('From {sender_signature}')).toBe('From Jana A/R <team>');
  });

  it('refuses a block in a subject', () => {
    expect(subject('{invoice_table}')).toEqual({ ok: false, reason: 'misplaced_tag', tag: 'invoice_table', where: 'subject' });
  });
});

describe('compileTemplate: once per template', () => {
  it('returns the same compiled template for the same text', () => {
    const text = 'Hi {contact_name}, compiled once';
    expect(compileTemplate(text, { markdown: true })).toBe(compileTemplate(text, { markdown: true }));
    expect(compileTemplate(text, { markdown: false })).not.toBe(compileTemplate(text, { markdown: true }));
  });

  it('lists the tags a template uses, links included', () => {
    expect([...compileTemplate('Hi {contact_name}\n\n[pay]({pay_link})\n{invoice_table}', { markdown: true }).tags].sort()).toEqual([
      'contact_name',
      'invoice_table',
      'pay_link',
    ]);
  });
});
