import { type JsonSchema } from './jsonSchema';

/**
 * Paths into a schema tree as overlays spell them: `.`-separated property names, where a `[]`
 * suffix steps into array items and `{}` into map values (`http[].match[].headers{}`).
 */
export interface PathStep {
  property: string;
  /** `items` for `name[]`, `values` for `name{}`, and both repeat (`name[][]`). */
  inner: ('items' | 'values')[];
}

export function parsePath(path: string): PathStep[] {
  if (path === '') return [];
  return path.split('.').map(segment => {
    const match = /^([^[{]+)((?:\[\]|\{\})*)$/.exec(segment);
    if (!match || match[1] === undefined) throw new Error(`bad path segment "${segment}" in "${path}"`);
    const inner = (match[2] ?? '').match(/\[\]|\{\}/g) ?? [];
    return { property: match[1], inner: inner.map(s => (s === '[]' ? 'items' : 'values')) };
  });
}

export function joinPath(base: string, segment: string): string {
  return base === '' ? segment : `${base}.${segment}`;
}

/** Visits every schema node below `root` with its path (`spec.http[]`, `spec.http[].match[].headers{}`). */
export function walkSchema(root: JsonSchema, visit: (node: JsonSchema, path: string) => void, path = ''): void {
  visit(root, path);
  for (const [name, child] of Object.entries(root.properties ?? {})) walkInner(child, joinPath(path, name), visit);
}

function walkInner(node: JsonSchema, path: string, visit: (node: JsonSchema, path: string) => void): void {
  visit(node, path);
  for (const [name, child] of Object.entries(node.properties ?? {})) walkInner(child, joinPath(path, name), visit);
  if (node.items) walkInner(node.items, `${path}[]`, visit);
  if (typeof node.additionalProperties === 'object') walkInner(node.additionalProperties, `${path}{}`, visit);
}
