import { asMap, asScalar, asSeq, keyText } from '../parse/access';
import type { YNode } from '../parse/types';
import type { Plain, PlainMap } from './types';

const MAX_DEPTH = 64;

/** A YAML node as plain data (aliases followed; merge keys are not expanded). */
export function toPlain(node: YNode | null | undefined, depth = 0): Plain {
  if (!node || depth > MAX_DEPTH) return null;
  const scalar = asScalar(node);
  if (scalar) return scalar.value;
  const seq = asSeq(node);
  if (seq) return seq.items.map(i => toPlain(i, depth + 1));
  const map = asMap(node);
  if (!map) return null;
  const out: PlainMap = {};
  for (const pair of map.items) {
    const key = keyText(pair);
    if (key !== undefined) out[key] = toPlain(pair.value, depth + 1);
  }
  return out;
}

export function isMap(value: Plain | undefined): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mapOf(value: Plain | undefined): PlainMap {
  return isMap(value) ? value : {};
}

export function listOf(value: Plain | undefined): Plain[] {
  return Array.isArray(value) ? value : [];
}

export function mapsOf(value: Plain | undefined): PlainMap[] {
  return listOf(value).filter(isMap);
}

export function textOf(value: Plain | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

export function numberOf(value: Plain | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The keys of `map` not in `handled`: what a translation would otherwise drop without a word. */
export function otherKeys(map: PlainMap, handled: readonly string[]): string[] {
  return Object.keys(map).filter(k => !handled.includes(k));
}
