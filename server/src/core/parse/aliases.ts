import type { YAlias, YNode } from './types';

/**
 * The alias budget Kubernetes applies. Its YAML decoder (go-yaml, `decoder.unmarshal`) counts
 * every node it decodes, and those it decodes through an alias, and fails the document with
 * "document contains excessive aliasing" as soon as more than 100 of over 1,000 nodes came from
 * aliases and their share exceeds `allowedAliasRatio`: 99% up to 400,000 nodes, falling to 10% at
 * 4,000,000. That stops the billion laughs (nine levels of nine aliases) and merge-key chains
 * after a few hundred thousand steps at most, and it is what `kubectl apply` would answer.
 *
 * Returns the alias (written in the document) whose expansion exceeded the budget, or undefined.
 * The walk expands aliases as the decoder does, so it stops once over budget; when it is not, the
 * ratio bounds it to about a hundred times the document's own nodes (or ~4.4 million).
 */
export function excessiveAliasing(root: YNode | null): YAlias | undefined {
  if (!root) return undefined;
  let decoded = 1; // the document node
  let aliased = 0;
  /** The alias (written outside any anchored node being expanded) whose expansion is under way, or was last. */
  let outermost: YAlias | undefined;
  let expansionDepth = 0;
  /** Anchored nodes being expanded: an alias to one of them (a cyclic document) is not followed again. */
  const expanding = new Set<YNode>();
  const visit = (node: YNode | null): boolean => {
    if (!node) return true;
    decoded++;
    if (expansionDepth > 0) aliased++;
    if (aliased > 100 && decoded > 1000 && aliased / decoded > allowedAliasRatio(decoded)) return false;
    switch (node.kind) {
      case 'alias': {
        const target = node.target;
        if (!target || expanding.has(target)) return true;
        if (expansionDepth === 0) outermost = node;
        expansionDepth++;
        expanding.add(target);
        const ok = visit(target);
        expanding.delete(target);
        expansionDepth--;
        return ok;
      }
      case 'map':
        for (const pair of node.items) if (!visit(pair.key) || !visit(pair.value)) return false;
        return true;
      case 'seq':
        for (const item of node.items) if (!visit(item)) return false;
        return true;
      default:
        return true;
    }
  };
  return visit(root) ? undefined : outermost;
}

const RATIO_RANGE_LOW = 400_000;
const RATIO_RANGE_HIGH = 4_000_000;

function allowedAliasRatio(decoded: number): number {
  if (decoded <= RATIO_RANGE_LOW) return 0.99;
  if (decoded >= RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - (0.89 * (decoded - RATIO_RANGE_LOW)) / (RATIO_RANGE_HIGH - RATIO_RANGE_LOW);
}
