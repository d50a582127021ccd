import { z } from 'zod';
import { roleNames, rolesThatCan } from '../../../core/access/permissions.ts';
import type { ApiRoute } from './define-route.ts';

// The OpenAPI 3.1 document, built from the route list and its zod schemas (JSON Schema 2020-12,
// which OpenAPI 3.1 uses as is). Served at /api/openapi.json.

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } } } },
};

// Zod writes a recursive value (a JSON detail, a next-action record) as local `$defs` inside each
// schema. They are hoisted into components.schemas, one entry per distinct definition, so every
// `$ref` points at the document and tools that resolve refs from the root (code generators) work.
type SharedSchemas = Map<string, { name: string; shape: string; body: unknown }>;

function toSchema(schema: z.ZodType, io: 'input' | 'output', shared: SharedSchemas): Record<string, unknown> {
  const { $schema: _ignored, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  if (!$defs) return rest;
  const locals = Object.entries($defs as Record<string, unknown>);
  // A definition's shape names its local refs by position, so the same recursive value met in two
  // routes is one shared schema.
  const shapeOf = (value: unknown) => JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_ref, local: string) => `"@${locals.findIndex(([name]) => name === local)}"`);
  const names = new Map<string, string>();
  for (const [local, definition] of locals) {
    const shape = shapeOf(definition);
    const known = shared.get(shape);
    const name = known?.name ?? `JsonValue${shared.size === 0 ? '' : shared.size + 1}`;
    if (!known) shared.set(shape, { name, shape, body: undefined });
    names.set(local, name);
  }
  const rewrite = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_ref, local: string) => `"#/components/schemas/${names.get(local) ?? local}"`)) as unknown;
  for (const [, definition] of locals) {
    const entry = shared.get(shapeOf(definition));
    if (entry && entry.body === undefined) entry.body = rewrite(definition);
  }
  return rewrite(rest) as Record<string, unknown>;
}

export function buildOpenApi(routes: readonly ApiRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const shared: SharedSchemas = new Map();
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
      if (!schema) continue;
      const json = toSchema(schema, 'input', shared) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
      }
    }
    if (route.idempotent) parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 }, description: 'Repeating the request with the same key and body answers the first answer instead of acting twice.' });
    const who =
      route.access.kind === 'organisation'
        ? `Permission \`${route.access.permission}\`: ${rolesThatCan(route.access.permission).map((role) => roleNames[role]).join(', ')}.`
        : route.access.kind === 'signed_in'
          ? 'Any signed-in person.'
          : 'Public.';
    const status = String(route.status ?? 200);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      description: who,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input', shared) } } } } : {}),
      ...(route.access.kind === 'public' ? { security: [] } : {}),
      responses: {
        [status]: status === '204' ? { description: 'Done' } : { description: 'OK', content: { 'application/json': { schema: toSchema(route.response, 'output', shared) } } },
        default: { description: 'An error', content: { 'application/json': { schema: errorBody } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Plixo API', version, description: 'Every change by a signed-in browser sends X-CSRF-Token (from GET /api/auth/session). Programs send Authorization: Bearer plx_tok_…. Errors answer { error: { code, message, field? } }. Lists page with ?limit and ?cursor and answer { items, nextCursor }.' },
    components: {
      ...(shared.size > 0 ? { schemas: Object.fromEntries([...shared.values()].map((entry) => [entry.name, entry.body])) } : {}),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'plixo_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}
