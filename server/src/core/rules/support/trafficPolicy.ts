import { asMap, get, items, num, str } from '../../parse/access';
import type { YMap, YNode } from '../../parse/types';

/**
 * The places a DestinationRule writes a traffic policy, and how Istio combines them
 * (pilot/pkg/networking/core: MergeSubsetTrafficPolicy / GetPortLevelTrafficPolicy):
 * - a subset's policy overrides the top-level one component by component (connectionPool,
 *   loadBalancer, outlierDetection, tls); components it omits are inherited;
 * - a `portLevelSettings` entry replaces all four components for its port: whatever it omits
 *   reverts to the default, it is NOT inherited from the policy around it.
 */
export type PolicyLevelKind = 'top' | 'port' | 'subset' | 'subsetPort';

export interface PolicyLevel {
  readonly kind: PolicyLevelKind;
  readonly node: YMap;
  /** Human description for messages: `trafficPolicy`, `subset "v2"`, `port 443 of subset "v2"`. */
  readonly where: string;
  /** The level whose components this one inherits (subsets inherit from the top level). */
  readonly inheritsFrom?: PolicyLevel;
  /** For port levels: the policy whose components the entry replaces. */
  readonly replaces?: PolicyLevel;
  readonly port?: number;
}

export const POLICY_COMPONENTS = ['connectionPool', 'loadBalancer', 'outlierDetection', 'tls'] as const;
export type PolicyComponent = (typeof POLICY_COMPONENTS)[number];

export function policyLevels(spec: YNode | undefined): readonly PolicyLevel[] {
  // Five rules ask for the levels of each DestinationRule, one after another: the last answer is kept.
  if (spec !== undefined && spec === lastSpec) return lastLevels;
  const levels = findPolicyLevels(spec);
  lastSpec = spec;
  lastLevels = levels;
  return levels;
}

let lastSpec: YNode | undefined;
let lastLevels: readonly PolicyLevel[] = [];

function findPolicyLevels(spec: YNode | undefined): PolicyLevel[] {
  const out: PolicyLevel[] = [];
  const top = asMap(get(spec, 'trafficPolicy'));
  const topLevel: PolicyLevel | undefined = top ? { kind: 'top', node: top, where: 'trafficPolicy' } : undefined;
  if (topLevel) {
    out.push(topLevel);
    out.push(...portLevels(topLevel, 'port'));
  }
  for (const subset of items(get(spec, 'subsets'))) {
    const policy = asMap(get(subset, 'trafficPolicy'));
    if (!policy) continue;
    const name = str(get(subset, 'name'))?.value ?? '?';
    const level: PolicyLevel = { kind: 'subset', node: policy, where: `subset "${name}"`, inheritsFrom: topLevel };
    out.push(level);
    out.push(...portLevels(level, 'subsetPort'));
  }
  return out;
}

function portLevels(parent: PolicyLevel, kind: 'port' | 'subsetPort'): PolicyLevel[] {
  const out: PolicyLevel[] = [];
  for (const entry of items(get(parent.node, 'portLevelSettings'))) {
    const node = asMap(entry);
    if (!node) continue;
    const port = num(get(node, 'port', 'number'));
    const where = kind === 'port' ? `port ${port ?? '?'}` : `port ${port ?? '?'} of ${parent.where}`;
    out.push({ kind, node, where, replaces: parent, port });
  }
  return out;
}

/** The component a level ends up with: its own, or for subsets the top level's. */
export function effectiveComponent(level: PolicyLevel, component: PolicyComponent): YNode | undefined {
  const own = get(level.node, component);
  if (own !== undefined) return own;
  if (level.kind === 'subset' && level.inheritsFrom) return get(level.inheritsFrom.node, component);
  return undefined;
}
