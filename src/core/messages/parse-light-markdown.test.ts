import { describe, expect, it } from 'vitest';
import { parseLightMarkdown, parsePlainText, type MarkdownBlock } from './parse-light-markdown.ts';

const blockTags = new Set(['invoice_table']);
const parse = (text: string): MarkdownBlock[] => parseLightMarkdown(text, { blockTags });
const text = (value: string) => ({ type: 'text', text: value }) as const;
const tag = (name: string) => ({ type: 'tag', name }) as const;
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });

describe('parseLightMarkdown: blocks', () => {
  it('splits paragraphs at blank lines and keeps single line breaks', () => {
    expect(parse('Hi {contact_name},\n\nLine one\nline two\r\n\r\n\n  Last.  ')).toEqual([
      paragraph(text('Hi '), tag('contact_name'), text(',')),
      paragraph(text('Line one'), { type: 'break' }, text('line two')),
      paragraph(text('Last.')),
    ]);
  });

  it('reads - and * bullet lists, and numbered lists from their first number', () => {
    expect(parse('- one\n* two\n\n3. three\n4) four')).toEqual([
      { type: 'list', ordered: false, start: 1, items: [[text('one')], [text('two')]] },
      { type: 'list', ordered: true, start: 3, items: [[text('three')], [text('four')]] },
    ]);
  });

  it('lets a list follow a paragraph line directly, keeps a list across blank lines, and continues wrapped items', () => {
    expect(parse('Ways to pay:\n- online\n  or by card\n\n- by transfer\nThanks')).toEqual([
      paragraph(text('Ways to pay:')),
      { type: 'list', ordered: false, start: 1, items: [[text('online'), { type: 'break' }, text('or by card')], [text('by transfer'), { type: 'break' }, text('Thanks')]] },
    ]);
    expect(parse('- item\n\nAfter the list.')).toEqual([{ type: 'list', ordered: false, start: 1, items: [[text('item')]] }, paragraph(text('After the list.'))]);
  });

  it('does not start a numbered list inside a paragraph unless it starts at 1', () => {
    expect(parse('We wrote on\n2024. That is all.')).toEqual([paragraph(text('We wrote on'), { type: 'break' }, text('2024. That is all.'))]);
    expect(parse('Steps:\n1. log in')).toEqual([paragraph(text('Steps:')), { type: 'list', ordered: true, start: 1, items: [[text('log in')]] }]);
  });

  it('makes {invoice_table} alone on its line a block of its own, even without blank lines around it', () => {
    expect(parse('Open invoices:\n{invoice_table}\nThanks')).toEqual([paragraph(text('Open invoices:')), tag('invoice_table'), paragraph(text('Thanks'))]);
    expect(parse('See {invoice_table} here')).toEqual([paragraph(text('See '), tag('invoice_table'), text(' here'))]);
  });
});

describe('parseLightMarkdown: inline', () => {
  it('reads *em*, _em_ and **strong**, nested', () => {
    expect(parse('*a* _b_ **c** **d *e* f**')).toEqual([
      paragraph(
        { type: 'emphasis', children: [text('a')] },
        text(' '),
        { type: 'emphasis', children: [text('b')] },
        text(' '),
        { type: 'strong', children: [text('c')] },
        text(' '),
        { type: 'strong', children: [text('d '), { type: 'emphasis', children: [text('e')] }, text(' f')] },
      ),
    ]);
  });

  it('leaves snake_case words, lone stars and spaced stars alone', () => {
    expect(parse('file_name_here and 2 * 3 * 4 and *open')).toEqual([paragraph(text('file_name_here and 2 * 3 * 4 and *open'))]);
  });

  it('emphasises tags: **{invoice_balance}**', () => {
    expect(parse('**{invoice_balance}**')).toEqual([paragraph({ type: 'strong', children: [tag('invoice_balance')] })]);
  });

  it('reads links whose address is written, a tag, or both', () => {
    expect(parse('[Pay now]({pay_link}) or [portal](https://acme.example/i/{invoice_number}?x=1)')).toEqual([
      paragraph(
        { type: 'link', label: [text('Pay now')], href: [tag('pay_link')] },
        text(' or '),
        { type: 'link', label: [text('portal')], href: [text('https://acme.example/i/'), tag('invoice_number'), text('?x=1')] },
      ),
    ]);
  });

  it('keeps what is not a link as text: a space before (, an empty label, an address with spaces', () => {
    expect(parse('[a] (b) [](x) [c](d e)')).toEqual([paragraph(text('[a] (b) [](x) [c](d e)'))]);
  });

  it('takes backslash escapes literally', () => {
    expect(parse('\\*not em\\* \\[not](link)')).toEqual([paragraph(text('*not em* [not](link)'))]);
  });

  it('keeps HTML as text: the HTML part escapes it later', () => {
    expect(parse('<b>hi</b> & <script>')).toEqual([paragraph(text('<b>hi</b> & <script>'))]);
  });

  it('writes {{ and }} as literal braces, never as tags', () => {
    expect(parse('Ref {{PO-1}} and {{customer_name}} for {customer_name}')).toEqual([paragraph(text('Ref {PO-1} and {customer_name} for '), tag('customer_name'))]);
  });

  it('keeps a malformed brace as written', () => {
    expect(parse('Hi {customer name}')).toEqual([paragraph(text('Hi {customer name}'))]);
  });

  it('does not read private-use characters in the text as tags', () => {
    expect(parse('x\ue000y {customer_name}')).toEqual([paragraph(text('x\ufffdy '), tag('customer_name'))]);
  });
});

describe('parsePlainText', () => {
  it('is one line of text and tags without Markdown', () => {
    expect(parsePlainText('  **Invoice** {invoice_number}\n  is due {{soon}}  ')).toEqual([text('**Invoice** '), tag('invoice_number'), text(' is due {soon}')]);
  });
});
