import * as fs from 'node:fs';
import { type JsonSchema } from './jsonSchema';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}

type Segment = { property: string } | 'item' | 'value';

/**
 * Recovers the constraints the `.d.ts` files cannot express (integer vs number, numeric bounds,
 * string and collection lengths, string formats) by asking the package's compiled ajv validator
 * about probe documents: one field at a time is set to an out-of-range value and the errors
 * reported at exactly that path are read back. The validators are compiled from the same CRDs as
 * the declarations, so this reads the CRD's own numbers instead of re-typing them.
 */
export function refineFromValidator(
  resource: JsonSchema,
  validatorFile: string,
  apiVersion: string,
  kind: string,
): void {
  const validate = loadValidator(validatorFile);
  const spec = resource.properties?.spec;
  if (!spec) return;
  const huge = hugeCount(validatorFile);
  const ask = (path: Segment[], value: unknown): AjvError[] => {
    const document = { apiVersion, kind, metadata: { name: 'probe' }, spec: build(path, value) };
    validate(document);
    const pointer = `/spec${toPointer(path)}`;
    return (validate.errors ?? []).filter(e => e.instancePath === pointer);
  };
  walk(spec, [], { ask, huge });
}

function loadValidator(file: string): CompiledValidator {
  // The validators are ES modules; `require` of ESM works from Node 20.19 / 22.12 on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(file) as { validate?: CompiledValidator };
  if (typeof module.validate !== 'function') throw new Error(`${file}: no validate export`);
  return module.validate;
}

type Ask = (path: Segment[], value: unknown) => AjvError[];

interface Probe {
  ask: Ask;
  /** One more than the largest length bound in the validator, so every bound is exceeded. */
  huge: number;
}

function walk(node: JsonSchema, path: Segment[], probe: Probe): void {
  if (node['x-kubernetes-preserve-unknown-fields'] || node['x-kubernetes-int-or-string']) return;
  const { ask, huge } = probe;
  switch (node.type) {
    case 'number':
      refineNumber(node, path, ask);
      return;
    case 'string':
      refineString(node, path, ask, huge);
      return;
    case 'array': {
      // Filled with valid-looking items: ajv concatenates error arrays per failing item, which
      // turns thousands of bad items into quadratic work.
      const item = node.items ? minimalInstance(node.items) : null;
      refineCollection(
        node,
        path,
        ask,
        [],
        Array.from({ length: huge }, () => item),
        'minItems',
        'maxItems',
      );
      if (node.items) walk(node.items, [...path, 'item'], probe);
      return;
    }
    case 'object': {
      if (typeof node.additionalProperties === 'object') {
        const value = minimalInstance(node.additionalProperties);
        const many = Object.fromEntries(Array.from({ length: huge }, (_, i) => [`k${i}`, value]));
        refineCollection(node, path, ask, {}, many, 'minProperties', 'maxProperties');
        walk(node.additionalProperties, [...path, 'value'], probe);
      } else {
        refineCollection(node, path, ask, {}, undefined, 'minProperties', 'maxProperties');
      }
      for (const [name, child] of Object.entries(node.properties ?? {}))
        walk(child, [...path, { property: name }], probe);
      return;
    }
  }
}

function hugeCount(validatorFile: string): number {
  const source = fs.readFileSync(validatorFile, 'utf8');
  const limits = [...source.matchAll(/keyword:"max(?:Items|Length|Properties)",params:\{limit:(\d+)\}/g)].map(m =>
    Number(m[1]),
  );
  return Math.max(0, ...limits) + 1;
}

/** The smallest value of `schema`'s shape: required fields only, first enum value. */
function minimalInstance(schema: JsonSchema): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'a';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map(name => [name, minimalInstance(schema.properties?.[name] ?? {})]),
      );
  }
  return null;
}

function refineNumber(node: JsonSchema, path: Segment[], ask: Ask): void {
  if (ask(path, 0.5).some(e => e.keyword === 'type' && e.params['type'] === 'integer')) node.type = 'integer';
  for (const probe of [1e300, -1e300]) {
    for (const error of ask(path, probe)) {
      const limit = error.params['limit'];
      if (error.keyword === 'maximum' && typeof limit === 'number') node.maximum = limit;
      if (error.keyword === 'minimum' && typeof limit === 'number') node.minimum = limit;
      if (error.keyword === 'format' && typeof error.params['format'] === 'string')
        node.format = error.params['format'];
    }
  }
}

function refineString(node: JsonSchema, path: Segment[], ask: Ask, huge: number): void {
  if (node.enum) return;
  for (const probe of ['', 'x'.repeat(huge), '%not base64, not a date%']) {
    for (const error of ask(path, probe)) {
      const limit = error.params['limit'];
      if (error.keyword === 'minLength' && typeof limit === 'number') node.minLength = limit;
      if (error.keyword === 'maxLength' && typeof limit === 'number') node.maxLength = limit;
      if (error.keyword === 'pattern' && typeof error.params['pattern'] === 'string')
        node.pattern = error.params['pattern'];
      if (error.keyword === 'format' && typeof error.params['format'] === 'string')
        node.format = error.params['format'];
    }
  }
}

function refineCollection(
  node: JsonSchema,
  path: Segment[],
  ask: Ask,
  empty: unknown,
  huge: unknown,
  minKey: 'minItems' | 'minProperties',
  maxKey: 'maxItems' | 'maxProperties',
): void {
  const errors = [...ask(path, empty), ...(huge === undefined ? [] : ask(path, huge))];
  for (const error of errors) {
    const limit = error.params['limit'];
    if (typeof limit !== 'number') continue;
    if (error.keyword === minKey) node[minKey] = limit;
    if (error.keyword === maxKey) node[maxKey] = limit;
  }
}

function build(path: Segment[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = build(rest, value);
  if (head === 'item') return [inner];
  if (head === 'value') return { k: inner };
  return { [head.property]: inner };
}

function toPointer(path: Segment[]): string {
  return path
    .map(s => (s === 'item' ? '/0' : s === 'value' ? '/k' : `/${s.property.replace(/~/g, '~0').replace(/\//g, '~1')}`))
    .join('');
}
