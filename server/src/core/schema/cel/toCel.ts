import { keyText } from '../../parse/access';
import { asKubernetesScalar } from '../../parse/kubernetesYaml';
import type { YNode } from '../../parse/types';
import type { SchemaNode } from '../node';

/** Returned when part of the value cannot be known (aliases, merge keys, templates): do not judge it. */
export const UNKNOWN: unique symbol = Symbol('unknown');

const MAX_DEPTH = 64;

/**
 * The value a CEL rule's `self` is bound to, as the API server builds it from the stored JSON:
 * YAML 1.1 scalar readings, integers as CEL `int` (bigint) where the schema says integer, `double`
 * where it says number, null fields pruned.
 */
export function toCelValue(node: YNode | null, schema: SchemaNode, text: string, depth = 0): unknown {
  if (!node) return null;
  if (depth > MAX_DEPTH || node.kind === 'alias') return UNKNOWN;
  const scalar = asKubernetesScalar(node, text) ?? (node.kind === 'scalar' ? node : undefined);
  if (scalar) {
    const v = scalar.value;
    if (typeof v !== 'number') return v;
    const types = schema.types;
    const asInt = types.includes('integer') || schema.intOrString || (types.length === 0 && Number.isInteger(v));
    return asInt && Number.isInteger(v) ? BigInt(v) : v;
  }
  if (node.kind === 'seq') {
    const items = schema.items ?? schema.anything;
    const out: unknown[] = [];
    for (const item of node.items) {
      const v = toCelValue(item, items, text, depth + 1);
      if (v === UNKNOWN) return UNKNOWN;
      out.push(v);
    }
    return out;
  }
  if (node.kind !== 'map') return UNKNOWN;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const pair of node.items) {
    const key = keyText(pair);
    if (key === undefined || key === '<<') return UNKNOWN;
    // Null fields are pruned before validation.
    if (
      !pair.value ||
      (pair.value.kind === 'scalar' && pair.value.value === null && !asKubernetesScalar(pair.value, text))
    )
      continue;
    const additional = schema.additional;
    const child = schema.property(key) ?? (additional instanceof Object ? additional : schema.anything);
    const v = toCelValue(pair.value, child, text, depth + 1);
    if (v === UNKNOWN) return UNKNOWN;
    out[key] = v;
  }
  return out;
}
