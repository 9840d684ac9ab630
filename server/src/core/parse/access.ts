import { isTemplatedString } from './helm';
import type { Span, YMap, YNode, YPair, YScalar, YSeq } from './types';

/**
 * Small, total accessors over the YAML tree. Each returns undefined/empty for a missing or
 * mistyped node, so the model and rules never have to guard against malformed input.
 */

/** A string value together with where it is written. */
export interface Str {
  readonly value: string;
  readonly span: Span;
}

const MAX_ALIAS_HOPS = 16;

export function deref(node: YNode | null | undefined): YNode | undefined {
  let current = node ?? undefined;
  for (let hops = 0; current && current.kind === 'alias'; hops++) {
    if (hops >= MAX_ALIAS_HOPS) return undefined;
    current = current.target ?? undefined;
  }
  return current;
}

export function asMap(node: YNode | null | undefined): YMap | undefined {
  const n = deref(node);
  return n && n.kind === 'map' ? n : undefined;
}

export function asSeq(node: YNode | null | undefined): YSeq | undefined {
  const n = deref(node);
  return n && n.kind === 'seq' ? n : undefined;
}

export function asScalar(node: YNode | null | undefined): YScalar | undefined {
  const n = deref(node);
  return n && n.kind === 'scalar' ? n : undefined;
}

export function keyText(pair: YPair): string | undefined {
  const key = asScalar(pair.key);
  return key && key.value !== null ? String(key.value) : undefined;
}

/** The pair for `key`, following `<<` merge keys the way Kubernetes' YAML decoder does. */
export function pairOf(node: YNode | null | undefined, key: string): YPair | undefined {
  return pairOfDepth(asMap(node), key, 0);
}

function pairOfDepth(map: YMap | undefined, key: string, depth: number): YPair | undefined {
  if (!map || depth > MAX_ALIAS_HOPS) return undefined;
  for (const pair of map.items) if (keyText(pair) === key) return pair;
  for (const pair of map.items) {
    if (keyText(pair) !== '<<') continue;
    const sources = asSeq(pair.value)?.items ?? [pair.value];
    for (const source of sources) {
      const found = pairOfDepth(asMap(source), key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function get(node: YNode | null | undefined, ...path: (string | number)[]): YNode | undefined {
  let current: YNode | undefined = deref(node);
  for (const step of path) {
    if (!current) return undefined;
    if (typeof step === 'number') current = deref(asSeq(current)?.items[step]);
    else current = deref(pairOf(current, step)?.value);
  }
  return current;
}

/** A string scalar (numbers and booleans are written as text); undefined when templated. */
export function str(node: YNode | null | undefined): Str | undefined {
  const s = asScalar(node);
  if (!s || s.value === null) return undefined;
  const value = String(s.value);
  if (isTemplatedString(value)) return undefined;
  return { value, span: s.span };
}

export function strValue(node: YNode | null | undefined): string | undefined {
  return str(node)?.value;
}

export function num(node: YNode | null | undefined): number | undefined {
  const s = asScalar(node);
  if (!s) return undefined;
  if (typeof s.value === 'number') return s.value;
  if (typeof s.value === 'string' && /^-?\d+(\.\d+)?$/.test(s.value.trim())) return Number(s.value);
  return undefined;
}

export function isTemplatedNode(node: YNode | null | undefined): boolean {
  const s = asScalar(node);
  return !!s && typeof s.value === 'string' && isTemplatedString(s.value);
}

export function items(node: YNode | null | undefined): YNode[] {
  const seq = asSeq(node);
  if (!seq) return [];
  const out: YNode[] = [];
  for (const item of seq.items) {
    const n = deref(item);
    if (n) out.push(n);
  }
  return out;
}

export function strings(node: YNode | null | undefined): Str[] {
  const out: Str[] = [];
  for (const item of items(node)) {
    const s = str(item);
    if (s) out.push(s);
  }
  return out;
}

/** Entries of a map with scalar keys, merge keys resolved (own keys win). */
export function entries(node: YNode | null | undefined, depth = 0): Array<{ key: Str; pair: YPair }> {
  const map = asMap(node);
  if (!map || depth > MAX_ALIAS_HOPS) return [];
  const out: Array<{ key: Str; pair: YPair }> = [];
  const seen = new Set<string>();
  for (const pair of map.items) {
    const k = asScalar(pair.key);
    if (!k || k.value === null || String(k.value) === '<<') continue;
    seen.add(String(k.value));
    out.push({ key: { value: String(k.value), span: k.span }, pair });
  }
  for (const pair of map.items) {
    if (keyText(pair) !== '<<') continue;
    const sources = asSeq(pair.value)?.items ?? [pair.value];
    for (const source of sources) {
      for (const e of entries(asMap(source), depth + 1)) {
        if (seen.has(e.key.value)) continue;
        seen.add(e.key.value);
        out.push(e);
      }
    }
  }
  return out;
}

/** A map of string to string, such as labels; templated or non-scalar values are skipped. */
export function stringMap(node: YNode | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, pair } of entries(node)) {
    const v = str(pair.value);
    if (v && !isTemplatedString(key.value)) out[key.value] = v.value;
  }
  return out;
}

/** True when the map (or any value in it) holds Helm template actions. */
export function mapHasTemplates(node: YNode | null | undefined): boolean {
  for (const { key, pair } of entries(node)) {
    if (isTemplatedString(key.value) || isTemplatedNode(pair.value)) return true;
  }
  return false;
}
