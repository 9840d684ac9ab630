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
  const map = asMap(node);
  if (!map) return undefined;
  let merges = false;
  const pairs = map.items;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    // keyText, without converting string keys (nearly all of them) on the way: this is the
    // lookup under every `get` of the model, the rules and the checks.
    const k = pair.key;
    const text = k !== null && k.kind === 'scalar' && typeof k.value === 'string' ? k.value : keyText(pair);
    if (text === key) return pair;
    if (text === '<<') merges = true;
  }
  return merges ? mergedPair(map, key) : undefined;
}

/**
 * pairOf through merge keys. A function of its own: the variable its callback sets, declared in
 * pairOf, made every call allocate a context for it (some 30 MB over a quarter of the large
 * benchmark corpus), merge keys or not.
 */
function mergedPair(map: YMap, key: string): YPair | undefined {
  let found: YPair | undefined;
  forEachMergedMap(map, source => {
    for (const pair of source.items) {
      if (keyText(pair) === key) {
        found = pair;
        return false;
      }
    }
    return true;
  });
  return found;
}

/**
 * Most maps a lookup follows through merge keys. Real files merge a handful; the bound keeps a
 * crafted chain (each level merging the one below several times) from costing more than this.
 */
const MAX_MERGED_MAPS = 256;

/**
 * Calls `visit` with each map merged into `map` through `<<` keys, in the order Kubernetes' decoder
 * gives them precedence (depth first, earlier sources first), each map once however often it is
 * merged (a chain of maps that each merge the one below twice would otherwise be walked 2^depth
 * times), and at most MAX_MERGED_MAPS of them. `visit` returns false to stop.
 */
function forEachMergedMap(map: YMap, visit: (source: YMap) => boolean): void {
  const seen = new Set<YMap>([map]);
  const walk = (current: YMap): boolean => {
    for (const pair of current.items) {
      if (keyText(pair) !== '<<') continue;
      const sources = asSeq(pair.value)?.items ?? [pair.value];
      for (const item of sources) {
        const source = asMap(item);
        if (!source || seen.has(source)) continue;
        if (seen.size > MAX_MERGED_MAPS) return false;
        seen.add(source);
        if (!visit(source) || !walk(source)) return false;
      }
    }
    return true;
  };
  walk(map);
}

/**
 * The node at the path `s0`, `s1`, … below `node`. Steps are parameters of their own, not a rest
 * parameter, which is an array made on every call until the caller is optimised: this is the
 * lookup under nearly everything the model and the rules read (a third of a million calls on
 * 3,000 files). Longer or computed paths: getPath.
 */
export function get(
  node: YNode | null | undefined,
  s0?: Step,
  s1?: Step,
  s2?: Step,
  s3?: Step,
  s4?: Step,
  s5?: Step,
): YNode | undefined {
  let current: YNode | undefined = deref(node);
  if (s0 === undefined || !current) return s0 === undefined ? current : undefined;
  current = step(current, s0);
  if (s1 === undefined || !current) return s1 === undefined ? current : undefined;
  current = step(current, s1);
  if (s2 === undefined || !current) return s2 === undefined ? current : undefined;
  current = step(current, s2);
  if (s3 === undefined || !current) return s3 === undefined ? current : undefined;
  current = step(current, s3);
  if (s4 === undefined || !current) return s4 === undefined ? current : undefined;
  current = step(current, s4);
  if (s5 === undefined || !current) return s5 === undefined ? current : undefined;
  return step(current, s5);
}

/** The node at `path` below `node` (get, for a path held in an array). */
export function getPath(node: YNode | null | undefined, path: readonly Step[]): YNode | undefined {
  let current: YNode | undefined = deref(node);
  for (const s of path) {
    if (!current) return undefined;
    current = step(current, s);
  }
  return current;
}

type Step = string | number;

function step(current: YNode, s: Step): YNode | undefined {
  return typeof s === 'number' ? deref(asSeq(current)?.items[s]) : deref(pairOf(current, s)?.value);
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

/**
 * The items of a sequence, aliases followed and nulls left out. Nearly every sequence has neither:
 * its own (read-only) array is returned then, not a copy per call.
 */
export function items(node: YNode | null | undefined): readonly YNode[] {
  const seq = asSeq(node);
  if (!seq) return NO_ITEMS;
  const list = seq.items;
  let plain = true;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item === null || item.kind === 'alias') {
      plain = false;
      break;
    }
  }
  if (plain) return list as readonly YNode[];
  const out: YNode[] = [];
  for (const item of list) {
    const n = deref(item);
    if (n) out.push(n);
  }
  return out;
}

const NO_ITEMS: readonly YNode[] = Object.freeze([]);

export function strings(node: YNode | null | undefined): Str[] {
  const out: Str[] = [];
  for (const item of items(node)) {
    const s = str(item);
    if (s) out.push(s);
  }
  return out;
}

/** Entries of a map with scalar keys, merge keys resolved (own keys win, then merged maps in precedence order). */
export function entries(node: YNode | null | undefined): Array<{ key: Str; pair: YPair }> {
  const map = asMap(node);
  if (!map) return [];
  const out: Array<{ key: Str; pair: YPair }> = [];
  const seen = new Set<string>();
  let merges = false;
  const add = (source: YMap): boolean => {
    for (const pair of source.items) {
      const k = asScalar(pair.key);
      if (!k || k.value === null) continue;
      const key = String(k.value);
      if (key === '<<') merges = true;
      else if (!seen.has(key)) {
        seen.add(key);
        out.push({ key: { value: key, span: k.span }, pair });
      }
    }
    return true;
  };
  add(map);
  if (merges) forEachMergedMap(map, add);
  return out;
}

/** A map of string to string, such as labels; templated or non-scalar values are skipped. */
export function stringMap(node: YNode | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const map = asMap(node);
  if (!map) return out;
  // Labels and annotations of every object: read in one pass, without the entries list, unless a
  // merge key brings in other maps. The first of duplicate keys wins, taken or not, as in entries.
  let passed: string[] | undefined;
  for (const pair of map.items) {
    const k = asScalar(pair.key);
    if (!k || k.value === null) continue;
    const key = String(k.value);
    if (key === '<<') return mergedStringMap(map);
    if (Object.prototype.hasOwnProperty.call(out, key) || passed?.includes(key)) continue;
    const v = str(pair.value);
    if (v && !isTemplatedString(key)) out[key] = v.value;
    else (passed ??= []).push(key);
  }
  return out;
}

function mergedStringMap(node: YMap): Record<string, string> {
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
