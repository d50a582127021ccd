import { describe, expect, it } from 'vitest';
import { loadPolicyBundle } from './load-policy-bundle.ts';
import { buildPolicyFiles, locateIssues } from './testing/build-policy-files.ts';

const issue = (line: number, column: number, code: string, severity = 'error') => ({ file: 'templates.yaml', line, column, code, severity });

const lintAll = (text: string, cadence?: string) =>
  locateIssues(loadPolicyBundle(buildPolicyFiles({ 'templates.yaml': text, ...(cadence === undefined ? {} : { 'cadence.yaml': cadence }) })).issues);
// Most tests here are about one rule; a body without {pay_link} is the subject of its own tests.
const lintTemplates = (text: string, cadence?: string) => lintAll(text, cadence).filter((found) => found.code !== 'missing-pay-link');

describe('merge tags', () => {
  it('reports an unknown tag at the tag itself, inside a block scalar', () => {
    const text = [
      'kind: Template',
      'name: reminder',
      'subject: "Invoice {invoice_numbr} is due"',
      'body: |',
      '  Hi {contact_name},',
      '',
      '  Please pay {invoice_balance}',
      '  by {due_dat} at {pay_link}.',
      '',
    ].join('\n');
    expect(lintTemplates(text)).toEqual([issue(3, 19, 'unknown-merge-tag'), issue(8, 6, 'unknown-merge-tag')]);
  });

  it('locates the second of two identical unknown tags on its own line', () => {
    const text = 'kind: Template\nname: reminder\nsubject: s\nbody:\n  neutral: |\n    {amount} first\n    then {amount}\n';
    expect(lintTemplates(text)).toEqual([issue(6, 5, 'unknown-merge-tag'), issue(7, 10, 'unknown-merge-tag')]);
  });

  it('knows every documented tag, and treats {{ and }} as literal braces', () => {
    const tags = [
      'customer_name', 'contact_name', 'company_name', 'invoice_number', 'invoice_amount', 'invoice_balance', 'due_date',
      'days_overdue', 'pay_link', 'total_balance', 'invoice_table', 'sender_name', 'sender_signature', 'statement_link',
      'promise_date', 'promise_amount', 'issued_on',
    ];
    const body = `${tags.map((tag) => `{${tag}}`).join(' ')} {{ literal }} }`;
    const text = `kind: Template\nname: reminder\nsubject: s\nbody: "${body}"\n`;
    expect(lintTemplates(text)).toEqual([]);
  });

  it('reports a brace that opens no tag, and warns about {{tag}}', () => {
    const text = 'kind: Template\nname: reminder\nsubject: "Hi {customer name}"\nbody: "Dear {{contact_name}}, {pay_link"\n';
    expect(lintTemplates(text)).toEqual([
      issue(3, 14, 'malformed-merge-tag'),
      issue(4, 13, 'malformed-merge-tag', 'warning'),
      issue(4, 31, 'malformed-merge-tag'),
    ]);
  });
});

describe('hardcoded amounts', () => {
  it('warns about amounts written with a symbol or a currency code, at the amount', () => {
    const text = [
      'kind: Template',
      'name: reminder',
      'subject: "You owe $1,200.00"',
      'body: |',
      '  That is 1200 EUR,',
      '  or € 50 and 1.200,50 €.',
      '  Invoice INV-1200 for {invoice_balance} is 30 days old, 5% fee.',
      '',
    ].join('\n');
    expect(lintTemplates(text)).toEqual([
      issue(3, 19, 'hardcoded-amount', 'warning'),
      issue(5, 11, 'hardcoded-amount', 'warning'),
      issue(6, 6, 'hardcoded-amount', 'warning'),
      issue(6, 15, 'hardcoded-amount', 'warning'),
    ]);
  });
});

describe('tones', () => {
  const cadence = (tones: { cadence?: string; step?: string }) =>
    [
      'kind: Cadence',
      'name: standard',
      ...(tones.cadence === undefined ? [] : [`tone: ${tones.cadence}`]),
      'steps:',
      '  - id: due',
      '    day: 0',
      '    template: reminder',
      ...(tones.step === undefined ? [] : [`    tone: ${tones.step}`]),
      '',
    ].join('\n');
  const formalOnly = 'kind: Template\nname: reminder\nsubject:\n  formal: s\nbody:\n  formal: b\n';
  const formalSubjectOnly = 'kind: Template\nname: reminder\nsubject:\n  formal: s\nbody: plain text is neutral\n';
  const lintWith = (template: string, text: string) => lintTemplates(template, text);

  it('reports a step whose tone the template lacks, without a neutral fallback, at the step', () => {
    expect(lintWith(formalOnly, cadence({ step: 'confident' }))).toEqual([
      { file: 'cadence.yaml', line: 6, column: 15, code: 'missing-tone', severity: 'error' },
    ]);
  });

  it('takes the tone from the cadence when the step has none, and neutral when neither has one', () => {
    expect(lintWith(formalOnly, cadence({ cadence: 'formal' }))).toEqual([]);
    expect(lintWith(formalOnly, cadence({}))).toHaveLength(1);
    expect(lintWith(formalOnly, cadence({ cadence: 'formal', step: 'neutral' }))).toHaveLength(1);
  });

  it('counts plain text as the neutral tone, for subject and body separately', () => {
    expect(lintWith(formalSubjectOnly, cadence({ step: 'confident' }))).toHaveLength(1);
    expect(lintWith(formalSubjectOnly, cadence({ step: 'formal' }))).toEqual([]);
  });

  it('reports a subject or body with no tone at all', () => {
    expect(lintTemplates('kind: Template\nname: reminder\nsubject: {}\nbody: b\n')).toEqual([issue(3, 10, 'missing-tone')]);
  });
});

describe('collections messages', () => {
  it('warns when a body used by an email step has no {pay_link}, per tone', () => {
    const text = 'kind: Template\nname: reminder\nsubject: s\nbody:\n  neutral: "Pay here: {pay_link}"\n  formal: "Kindly settle the balance."\n';
    expect(lintAll(text)).toEqual([issue(6, 11, 'missing-pay-link', 'warning')]);
  });

  it('does not ask for {pay_link} in a template no email step uses', () => {
    const text = 'kind: Template\nname: reminder\nsubject: s\nbody: "Pay here: {pay_link}"\n---\nkind: Template\nname: internal-note\nsubject: s\nbody: "No link."\n';
    expect(lintAll(text).filter((found) => found.code === 'missing-pay-link')).toEqual([]);
  });

  it('refuses an empty subject', () => {
    const text = 'kind: Template\nname: reminder\nsubject: "  "\nbody: "Pay here: {pay_link}"\n';
    expect(lintAll(text)).toEqual([issue(3, 10, 'empty-subject')]);
  });

  it.each([
    ['an unclosed link', '[pay now]({pay_link}', 'error'],
    ['a link without an address', '[pay now]()', 'error'],
    ['a link without text', '[]({pay_link})', 'error'],
    ['a link to a script', '[pay now](javascript:alert(1))', 'error'],
    ['a space between label and address', '[pay now] ({pay_link})', 'warning'],
  ])('reports %s at the link', (_name, link, severity) => {
    const text = `kind: Template\nname: reminder\nsubject: s\nbody: "Pay: ${link} {pay_link}"\n`;
    expect(lintAll(text)).toEqual([issue(4, 13, 'broken-link', severity)]);
  });

  it('refuses {invoice_table} in a subject or as a link address', () => {
    const text = 'kind: Template\nname: reminder\nsubject: "Open: {invoice_table}"\nbody: "[all]({invoice_table}) {pay_link}"\n';
    expect(lintAll(text)).toEqual([issue(3, 17, 'misplaced-merge-tag'), issue(4, 8, 'broken-link')]);
  });

  it('accepts links to web and mail addresses and to merge tags', () => {
    const text = 'kind: Template\nname: reminder\nsubject: s\nbody: "[Pay]({pay_link}), [terms](https://acme.example/terms), [mail](mailto:ar@acme.example)"\n';
    expect(lintAll(text)).toEqual([]);
  });
});
