import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MergeValues } from '../src/core/messages/build-merge-values.ts';
import { compileTemplate } from '../src/core/messages/compile-template.ts';
import { fillTemplate } from '../src/core/messages/fill-template.ts';
import type { MergeLookup } from '../src/core/messages/merge-value.ts';
import type { MessageContext } from '../src/core/messages/message-context.ts';
import { renderMessage, type RenderedMessage } from '../src/core/messages/render-message.ts';
import { benchTemplate, benchTemplateTags, buildRenderContexts } from './build-render-data.ts';
import { createHandlebarsRenderers, type PreformattedValues } from './handlebars-message.ts';

// Renders per second of one ~1 KB template, Plixo's renderMessage against Handlebars, in one
// process, one after the other in a rotating order, each for a fixed time per run, after a
// warm-up. Before anything is timed, every message of the data set is rendered both ways and
// the outputs must be identical: a comparison of different work would mean nothing.

export type RenderContenderId = 'plixo' | 'handlebarsHelpers' | 'handlebarsValues' | 'plixoBody' | 'handlebarsBody';

export const renderContenderIds: readonly RenderContenderId[] = ['plixo', 'handlebarsHelpers', 'handlebarsValues', 'plixoBody', 'handlebarsBody'];

export interface RenderTask {
  kind: 'render';
  contexts: number;
  runs: number;
  runMs: number;
  warmupMs: number;
  /** Where the Handlebars sources are written, for a reader to see what was measured. */
  sourcesDir: string;
}

export interface RenderContenderMeasurement {
  /** Renders per second, one per run, in run order. */
  rates: number[];
  /** Messages rendered across the timed runs. */
  renders: number;
}

export interface RenderMeasurement {
  kind: 'render';
  handlebarsVersion: string;
  contexts: number;
  locales: string[];
  currencies: string[];
  template: { subjectBytes: number; bodyBytes: number; tags: string[] };
  /** Average UTF-8 sizes of what one message renders to. */
  output: { subjectBytes: number; textBytes: number; htmlBytes: number; bodyHtmlBytes: number };
  /** Messages whose outputs were compared and found identical before timing. */
  identical: number;
  runs: number;
  runMs: number;
  warmupMs: number;
  sourcesDir: string;
  contenders: Record<RenderContenderId, RenderContenderMeasurement>;
}

const template = { subject: { neutral: benchTemplate.subject }, body: { neutral: benchTemplate.body } };

function renderPlixo(context: MessageContext): RenderedMessage {
  const result = renderMessage({ template, tone: 'neutral', context });
  if (!result.ok) throw new Error(`renderMessage failed: ${JSON.stringify(result)}`);
  return result.message;
}

/** Plixo's body program filled from values formatted beforehand: the counterpart of Handlebars' body-only template. */
function preformattedLookup(values: PreformattedValues): MergeValues {
  const text = (value: string): MergeLookup => ({ ok: true, value: { kind: 'text', text: value } });
  const byTag = new Map<string, MergeLookup>([
    ['contact_name', text(values.contactName)],
    ['invoice_number', text(values.invoiceNumber)],
    ['invoice_balance', text(values.invoiceBalance)],
    ['due_date', text(values.dueDate)],
    ['days_overdue', text(values.daysOverdue)],
    ['pay_link', { ok: true, value: { kind: 'url', url: values.payLink } }],
  ]);
  return { lookup: (tag) => byTag.get(tag) ?? { ok: false, reason: 'unknown_tag', tag } };
}

/** Reads the string through, so a result built as a rope of pieces is made one string, as sending it would. */
function consume(text: string): number {
  return text.length + text.charCodeAt(text.length >> 1);
}

function firstDifference(a: string, b: string): string {
  let index = 0;
  while (index < a.length && a[index] === b[index]) index += 1;
  return `at ${index}: ${JSON.stringify(a.slice(Math.max(0, index - 60), index + 60))} vs ${JSON.stringify(b.slice(Math.max(0, index - 60), index + 60))}`;
}

function expectSame(what: string, ours: string, theirs: string): void {
  if (ours !== theirs) throw new Error(`render bench: ${what} differ, so the comparison would not be like for like; ${firstDifference(ours, theirs)}`);
}

function timeFor(render: (index: number) => number, count: number, ms: number): { renders: number; ms: number } {
  let renders = 0;
  let index = 0;
  let sink = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let step = 0; step < 32; step += 1) {
      sink += render(index);
      index = index + 1 === count ? 0 : index + 1;
    }
    renders += 32;
    elapsed = performance.now() - started;
  } while (elapsed < ms);
  if (sink === 0) throw new Error('nothing rendered');
  return { renders, ms: elapsed };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function handlebarsVersion(): string {
  const require = createRequire(import.meta.url);
  const path = require.resolve('handlebars/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export async function measureRender(task: RenderTask): Promise<RenderMeasurement> {
  const contexts = buildRenderContexts(task.contexts);
  const handlebars = createHandlebarsRenderers();
  mkdirSync(task.sourcesDir, { recursive: true });
  for (const [name, source] of Object.entries(handlebars.sources)) writeFileSync(join(task.sourcesDir, name), source);

  const bodyProgram = compileTemplate(benchTemplate.body, { markdown: true }).html;
  const preformatted = contexts.map((context) => handlebars.formatValues(context));
  const preformattedValues = preformatted.map(preformattedLookup);
  const renderPlixoBody = (index: number): string => {
    const html = fillTemplate(bodyProgram, 'html', { values: preformattedValues[index]!, linkColor: preformatted[index]!.linkColor, where: 'body' });
    if (typeof html !== 'string') throw new Error(`fillTemplate failed: ${JSON.stringify(html)}`);
    return html;
  };

  // The same bytes from both, for every message, or nothing is measured.
  const output = { subjectBytes: 0, textBytes: 0, htmlBytes: 0, bodyHtmlBytes: 0 };
  contexts.forEach((context, index) => {
    const ours = renderPlixo(context);
    for (const [name, theirs] of [
      ['Handlebars with helpers', handlebars.renderWithHelpers(context)],
      ['Handlebars with values formatted in JS', handlebars.renderWithValues(context)],
    ] as const) {
      expectSame(`subjects (${name}, message ${index})`, ours.subject, theirs.subject);
      expectSame(`text parts (${name}, message ${index})`, ours.text, theirs.text);
      expectSame(`HTML parts (${name}, message ${index})`, ours.html, theirs.html);
    }
    const body = renderPlixoBody(index);
    expectSame(`body HTML (message ${index})`, body, handlebars.renderBodyHtml(preformatted[index]!));
    if (!ours.html.includes(body)) throw new Error('render bench: the body-only HTML is not the body of the whole message');
    output.subjectBytes += utf8Bytes(ours.subject);
    output.textBytes += utf8Bytes(ours.text);
    output.htmlBytes += utf8Bytes(ours.html);
    output.bodyHtmlBytes += utf8Bytes(body);
  });
  for (const key of Object.keys(output) as (keyof typeof output)[]) output[key] = Math.round(output[key] / contexts.length);

  const renderers: Record<RenderContenderId, (index: number) => number> = {
    plixo: (index) => {
      const message = renderPlixo(contexts[index]!);
      return consume(message.subject) + consume(message.text) + consume(message.html);
    },
    handlebarsHelpers: (index) => {
      const message = handlebars.renderWithHelpers(contexts[index]!);
      return consume(message.subject) + consume(message.text) + consume(message.html);
    },
    handlebarsValues: (index) => {
      const message = handlebars.renderWithValues(contexts[index]!);
      return consume(message.subject) + consume(message.text) + consume(message.html);
    },
    plixoBody: (index) => consume(renderPlixoBody(index)),
    handlebarsBody: (index) => consume(handlebars.renderBodyHtml(preformatted[index]!)),
  };

  for (const id of renderContenderIds) timeFor(renderers[id], contexts.length, task.warmupMs);
  const contenders = Object.fromEntries(renderContenderIds.map((id) => [id, { rates: [], renders: 0 }])) as unknown as Record<RenderContenderId, RenderContenderMeasurement>;
  for (let run = 0; run < task.runs; run += 1) {
    // A different one goes first each run, so none always runs right after a collection or another's garbage.
    for (let position = 0; position < renderContenderIds.length; position += 1) {
      const id = renderContenderIds[(run + position) % renderContenderIds.length]!;
      collectGarbage();
      const timed = timeFor(renderers[id], contexts.length, task.runMs);
      contenders[id].rates.push(timed.renders / (timed.ms / 1000));
      contenders[id].renders += timed.renders;
    }
  }

  return {
    kind: 'render',
    handlebarsVersion: handlebarsVersion(),
    contexts: contexts.length,
    locales: [...new Set(contexts.map((context) => context.locale))],
    currencies: [...new Set(contexts.flatMap((context) => context.invoices.map((invoice) => invoice.currency)))],
    template: { subjectBytes: utf8Bytes(benchTemplate.subject), bodyBytes: utf8Bytes(benchTemplate.body), tags: [...benchTemplateTags] },
    output,
    identical: contexts.length,
    runs: task.runs,
    runMs: task.runMs,
    warmupMs: task.warmupMs,
    sourcesDir: task.sourcesDir,
    contenders,
  };
}
