import { compare } from './catalog';

/**
 * Serialises with a fixed key order so that the same input always yields the same bytes: schema
 * keywords in a reading order (docs first, then constraints, then children), property and
 * definition names alphabetically, every other object's keys alphabetically, arrays as they are.
 */
export function canonicalJson(value: unknown, topLevelOrder: string[] = []): string {
  return `${JSON.stringify(order(value, 'json', topLevelOrder), null, 2)}\n`;
}

const KEYWORD_ORDER = [
  '$schema',
  '$id',
  '$ref',
  'title',
  'description',
  'markdownDescription',
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'default',
  'deprecated',
  'deprecationMessage',
  'x-istio-replacement',
  'x-istio-deprecated-values',
  'x-enum-descriptions',
  'x-istio-versions',
  'x-istio-release-channel',
  'x-istio-doc-url',
  'x-istio-message',
  'x-istio-oneof',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'not',
  'anyOf',
  'allOf',
  '$defs',
];

type Context = 'json' | 'schema' | 'schemaMap';

const SCHEMA_CHILDREN: Record<string, Context> = {
  properties: 'schemaMap',
  $defs: 'schemaMap',
  items: 'schema',
  additionalProperties: 'schema',
  not: 'schema',
  anyOf: 'schema',
  allOf: 'schema',
};

function order(value: unknown, context: Context, topLevelOrder: string[] = []): unknown {
  if (Array.isArray(value)) return value.map(item => order(item, context));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter(k => record[k] !== undefined);
  const rank = (key: string): number => {
    const list = context === 'schema' ? KEYWORD_ORDER : topLevelOrder;
    const index = list.indexOf(key);
    return index < 0 ? list.length : index;
  };
  keys.sort((a, b) => rank(a) - rank(b) || compare(a, b));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const childContext: Context =
      context === 'schemaMap'
        ? 'schema'
        : context === 'schema'
          ? (SCHEMA_CHILDREN[key] ?? 'json')
          : topLevelOrder.includes(key) && key === 'schema'
            ? 'schema'
            : 'json';
    out[key] = order(record[key], childContext);
  }
  return out;
}
