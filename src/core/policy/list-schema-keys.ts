import type { DocumentPath } from './yaml-positions.ts';

// The keys a schema allows at a path, for "unknown key … (did you mean …?)". Reads zod 4's
// schema definitions (`_zod.def`), which are plain data; only the shapes the policy schemas use
// (objects, records, lists, unions and their optional/nullable wrappers) are followed.

interface SchemaDefinition {
  type: string;
  shape?: Record<string, SchemaNode>;
  innerType?: SchemaNode;
  element?: SchemaNode;
  options?: readonly SchemaNode[];
  items?: readonly SchemaNode[];
  keyType?: SchemaNode;
  valueType?: SchemaNode;
  in?: SchemaNode;
  entries?: Record<string, string | number>;
}

interface SchemaNode {
  _zod: { def: SchemaDefinition };
}

const wrappers = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

function unwrap(schema: SchemaNode): SchemaNode[] {
  const def = schema._zod.def;
  if (wrappers.has(def.type) && def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

function descend(schema: SchemaNode, segment: string | number): SchemaNode[] {
  const def = schema._zod.def;
  if (def.type === 'object' && typeof segment === 'string') {
    const child = def.shape?.[segment];
    return child ? unwrap(child) : [];
  }
  if (def.type === 'array' && typeof segment === 'number' && def.element) return unwrap(def.element);
  if (def.type === 'tuple' && typeof segment === 'number') {
    const child = def.items?.[segment];
    return child ? unwrap(child) : [];
  }
  if (def.type === 'record' && def.valueType) return unwrap(def.valueType);
  return [];
}

function keysOf(schema: SchemaNode): string[] {
  const def = schema._zod.def;
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'record' && def.keyType) {
    const keyDef = def.keyType._zod.def;
    if (keyDef.type === 'enum' && keyDef.entries) return Object.values(keyDef.entries).map(String);
  }
  return [];
}

export function listSchemaKeys(schema: unknown, path: DocumentPath): string[] {
  let current = unwrap(schema as SchemaNode);
  for (const segment of path) current = current.flatMap((node) => descend(node, segment));
  return [...new Set(current.flatMap(keysOf))];
}
