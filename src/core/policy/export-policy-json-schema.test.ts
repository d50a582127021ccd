import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportPolicyJsonSchema, formatPolicyJsonSchema } from './export-policy-json-schema.ts';

describe('exportPolicyJsonSchema', () => {
  it('matches the committed docs/policy.schema.json (regenerate: npx plixo policy schema > docs/policy.schema.json)', () => {
    const committed = readFileSync(new URL('../../../docs/policy.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(formatPolicyJsonSchema());
  });

  it('describes one document of each kind', () => {
    const schema = exportPolicyJsonSchema() as { oneOf: { properties: { kind: { const: string } } }[] };
    expect(schema.oneOf.map((option) => option.properties.kind.const)).toEqual(['Workspace', 'Cadence', 'Template', 'Segment', 'PolicyTest']);
  });
});
