import { type JsonSchema, jsonEqual } from './jsonSchema';

export interface VersionedSchema {
  version: string;
  schema: JsonSchema;
}

export const VERSIONS_KEY = 'x-istio-versions';

/**
 * Folds the schemas of a kind's served versions into one. Where a property exists in only some
 * versions it is kept and marked `x-istio-versions: [...]`; any other difference is an error, so
 * a future release that changes a type between versions is noticed rather than silently merged.
 */
export function mergeVersions(versions: VersionedSchema[]): JsonSchema {
  const [first, ...rest] = versions;
  if (!first) throw new Error('no versions to merge');
  if (rest.every(v => jsonEqual(v.schema, first.schema))) return first.schema;
  return mergeNodes(
    versions.map(v => ({ versions: [v.version], schema: v.schema })),
    versions.map(v => v.version),
    '',
  );
}

interface Variant {
  versions: string[];
  schema: JsonSchema;
}

function mergeNodes(variants: Variant[], all: string[], path: string): JsonSchema {
  const [first] = variants;
  if (!first) throw new Error(`${path}: nothing to merge`);
  const { properties: _ignored, ...firstRest } = first.schema;
  for (const variant of variants) {
    const { properties: _p, ...rest } = variant.schema;
    if (!jsonEqual(rest, firstRest)) {
      throw new Error(
        `${path || '(root)'}: schemas differ between ${first.versions} and ${variant.versions} beyond added fields`,
      );
    }
  }
  const merged: JsonSchema = { ...first.schema };
  if (variants.some(v => v.schema.properties)) {
    const names = [...new Set(variants.flatMap(v => Object.keys(v.schema.properties ?? {})))];
    merged.properties = {};
    for (const name of names) {
      const having = variants.filter(v => v.schema.properties?.[name] !== undefined);
      const childVariants = having.map(v => ({
        versions: v.versions,
        schema: v.schema.properties?.[name] as JsonSchema,
      }));
      const child = mergeChild(childVariants, all, `${path}.${name}`);
      const present = having.flatMap(v => v.versions);
      if (present.length < all.length) child[VERSIONS_KEY] = all.filter(v => present.includes(v));
      merged.properties[name] = child;
    }
  }
  return merged;
}

function mergeChild(variants: Variant[], all: string[], path: string): JsonSchema {
  const [first] = variants;
  if (!first) throw new Error(`${path}: nothing to merge`);
  if (variants.every(v => jsonEqual(v.schema, first.schema))) return { ...first.schema };
  const items = variants.map(v => v.schema.items);
  if (items.every((i): i is JsonSchema => i !== undefined)) {
    const { items: _i, ...rest } = first.schema;
    return {
      ...rest,
      items: mergeNodes(
        variants.map((v, n) => ({ versions: v.versions, schema: items[n] as JsonSchema })),
        all,
        `${path}[]`,
      ),
    };
  }
  return mergeNodes(variants, all, path);
}
