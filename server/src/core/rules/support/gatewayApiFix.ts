import { asMap, asSeq } from '../../parse/access';
import type { Span, YMap, YNode } from '../../parse/types';
import type { Resource } from '../../model/types';
import type { Fix } from '../types';
import { resourceNode } from './resourceEdit';
import { addMapEntry } from './yamlEdit';

/**
 * Adds `key: value` to the map written at `mapSpan` (a parentRef or backendRef entry), found again
 * in the file's current text when the fix is applied.
 */
export function addEntryFix(
  r: Resource,
  mapSpan: Span,
  key: string,
  value: string,
  title: string,
  isPreferred = false,
): Fix {
  return {
    title,
    isPreferred,
    compute: ({ readText }) => {
      const text = readText(r.file);
      if (text === undefined) return undefined;
      const map = findMap(resourceNode(text, r), mapSpan.start, 0);
      if (!map) return undefined;
      return [{ file: r.file, edits: [addMapEntry(text, map, key, { inline: value })] }];
    },
  };
}

function findMap(node: YNode | undefined, start: number, depth: number): YMap | undefined {
  if (!node || depth > 32) return undefined;
  const map = asMap(node);
  if (map) {
    if (map.span.start === start) return map;
    for (const pair of map.items) {
      const found = findMap(pair.value ?? undefined, start, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const item of asSeq(node)?.items ?? []) {
    const found = findMap(item ?? undefined, start, depth + 1);
    if (found) return found;
  }
  return undefined;
}
