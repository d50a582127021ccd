import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing-run-cli.ts';

const root = join(import.meta.dirname, '../../..');
const bundle = join(root, 'examples/acme');
const data = join(root, 'examples/data/portfolio.json');
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'plixo-preview-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const args = (step: string, at: string, ...more: string[]) => ['preview', '--policy', bundle, '--data', data, '--invoice', 'INV-1', '--step', step, '--at', at, ...more];

describe('plixo preview', () => {
  it('prints subject, text, html, recipients and attachments as JSON, with the balance at that instant', async () => {
    // INV-1: 1200.00 EUR, de-DE customer; the due step goes Mon 04-01 09:00 CEST = 07:00Z with a statement.
    const run = await runCliCaptured(args('due', '2024-04-01T07:00:00Z'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const message = JSON.parse(run.stdout) as { subject: string; text: string; html: string; to: string[]; attachments: { filename: string; contentType: string; bytes: number }[] };
    expect(message.to).toEqual(['ap@acme.example']);
    expect(message.subject).toContain('INV-1');
    expect(message.text).toMatch(/1\.200,00\s€/);
    expect(message.html).toMatch(/^<!doctype html>/i);
    expect(message.attachments).toEqual([{ filename: 'statement-2024-04-01.pdf', contentType: 'application/pdf', bytes: expect.any(Number) }]);
    expect(message.attachments[0]!.bytes).toBeGreaterThan(1000);
  });

  it('shows the balance after a payment made before the instant', async () => {
    // 200.00 paid on 04-10: the day-14 step on Mon 04-15 shows 1.000,00 €.
    const run = await runCliCaptured(args('overdue-2', '2024-04-15T07:00:00Z', '--format', 'text'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1\.000,00\s€/);
    expect(run.stdout).not.toMatch(/1\.200,00\s€/);
  });

  it('writes the parts and attachments with --out', async () => {
    const out = join(folder, 'out');
    const run = await runCliCaptured(args('due', '2024-04-01T07:00:00Z', '--out', out, '--format', 'html'));
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['message.html', 'message.json', 'message.txt', 'statement-2024-04-01.pdf']);
    expect((await readFile(join(out, 'statement-2024-04-01.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await readFile(join(out, 'message.html'), 'utf8')).toBe(run.stdout);
  });

  it('says when the engine sends the step at another instant', async () => {
    const run = await runCliCaptured(args('due', '2024-04-03T12:00:00Z'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('2024-04-01T07:00:00.000Z');
  });

  it('exits 2 for an unknown step or invoice and 1 for a message that cannot be rendered', async () => {
    expect((await runCliCaptured(args('nope', '2024-04-01T07:00:00Z'))).code).toBe(2);
    const noNames = join(folder, 'no-names.json');
    const raw = JSON.parse(await readFile(data, 'utf8')) as { customers: { contacts: { name?: string }[] }[] };
    for (const customer of raw.customers) for (const contact of customer.contacts) delete contact.name;
    await writeFile(noNames, JSON.stringify(raw));
    const held = await runCliCaptured(['preview', '--policy', bundle, '--data', noNames, '--invoice', 'INV-1', '--step', 'due', '--at', '2024-04-01T07:00:00Z']);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('{contact_name}');
    expect(held.stdout).toBe('');
  });
});
