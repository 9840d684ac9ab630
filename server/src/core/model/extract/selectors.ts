import { asScalar, get, mapHasTemplates, pairOf, stringMap } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type { SelectorRef } from '../types';

/**
 * The selector at `parent.<outer>.<inner>` (e.g. spec.selector.matchLabels). Findings point at
 * the innermost key, which is the one a user reads as "the labels".
 */
export function selectorAt(parent: YNode | undefined, outer: string, inner: string): SelectorRef | undefined {
  const outerNode = get(parent, outer);
  const pair = pairOf(outerNode, inner);
  if (!pair) return undefined;
  const key = asScalar(pair.key);
  if (!key) return undefined;
  return { labels: stringMap(pair.value), keySpan: key.span, templated: mapHasTemplates(pair.value) };
}
