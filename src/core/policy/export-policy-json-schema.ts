import { z } from 'zod';
import { policyDocumentSchema } from './policy-schema.ts';

// The JSON Schema of one policy document, for editors (the YAML language server validates and
// completes with it). Generated from the zod schemas so it cannot drift; docs/policy.schema.json
// is this output, and a test fails when the committed copy is stale.

export function exportPolicyJsonSchema(): Record<string, unknown> {
  // draft-07: the draft editors' YAML and JSON language servers support most widely.
  // io 'input': the schema describes what people write, before defaults.
  const generated = z.toJSONSchema(policyDocumentSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return {
    $schema,
    title: 'Plixo policy document (format v1)',
    description:
      'One YAML document of a Plixo policy bundle: a Workspace, Cadence, Template, Segment or PolicyTest. ' +
      'Run `plixo policy lint BUNDLE` for the checks a schema cannot express (references, time zones, merge tags).',
    ...rest,
  };
}

/** The schema as the committed file holds it: two-space JSON and a final newline. */
export function formatPolicyJsonSchema(): string {
  return `${JSON.stringify(exportPolicyJsonSchema(), null, 2)}\n`;
}
