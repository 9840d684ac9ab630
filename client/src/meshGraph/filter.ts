import type { MeshEdge, MeshGraph, MeshNode } from '../protocol';

export interface MeshFilter {
  /** Objects of this namespace and what they link to directly. */
  readonly namespace?: string;
  /** Hosts (and routes, DestinationRules, Services) whose name contains this text, with every path through them. */
  readonly host?: string;
}

/** The namespaces the graph shows, for the filter's choices. */
export function namespacesOf(graph: MeshGraph): string[] {
  return [...new Set(graph.nodes.map(n => n.namespace).filter(ns => ns !== ''))].sort();
}

/**
 * The part of the graph a filter keeps. A host filter answers "who sends traffic here, and where
 * does it go": the matching nodes, everything upstream (routes, Gateways) and downstream
 * (destinations, Services). A DestinationRule, its subsets and its host count as one destination.
 */
export function filterGraph(graph: MeshGraph, filter: MeshFilter): MeshGraph {
  let nodes: readonly MeshNode[] = graph.nodes;
  const namespace = filter.namespace?.trim();
  const host = filter.host?.trim().toLowerCase();
  if (!namespace && !host) return graph;
  const index = new GraphIndex(graph);
  let keep: Set<string> | undefined;
  if (namespace) {
    const seeds = graph.nodes.filter(n => n.namespace === namespace).map(n => n.id);
    keep = index.around(seeds);
  }
  if (host) {
    const matches = (n: MeshNode) =>
      n.label.toLowerCase().includes(host) || (n.detail ?? '').toLowerCase().includes(host);
    const seeds = graph.nodes.filter(n => n.kind !== 'Gateway' && n.kind !== 'KubeGateway' && matches(n));
    const paths = index.through(seeds.map(n => n.id));
    keep = keep ? new Set([...keep].filter(id => paths.has(id))) : paths;
  }
  nodes = graph.nodes.filter(n => keep!.has(n.id));
  const edges = graph.edges.filter(e => keep!.has(e.from) && keep!.has(e.to));
  return { nodes, edges };
}

class GraphIndex {
  private readonly out = new Map<string, MeshEdge[]>();
  private readonly in = new Map<string, MeshEdge[]>();
  private readonly byId: Map<string, MeshNode>;

  constructor(graph: MeshGraph) {
    this.byId = new Map(graph.nodes.map(n => [n.id, n]));
    for (const e of graph.edges) {
      push(this.out, e.from, e);
      push(this.in, e.to, e);
    }
  }

  /** The seeds, their direct neighbours, and the whole destination of each. */
  around(seeds: readonly string[]): Set<string> {
    const keep = new Set<string>();
    for (const id of seeds) {
      keep.add(id);
      for (const e of this.out.get(id) ?? []) keep.add(e.to);
      for (const e of this.in.get(id) ?? []) keep.add(e.from);
    }
    for (const id of [...keep]) for (const d of this.destination(id)) keep.add(d);
    return keep;
  }

  /** Every node on a path through a seed: upstream and downstream, transitively. */
  through(seeds: readonly string[]): Set<string> {
    const keep = new Set<string>();
    const seen = new Set<string>();
    const queue: [string, 'up' | 'down'][] = [];
    for (const id of seeds) queue.push([id, 'up'], [id, 'down']);
    while (queue.length > 0) {
      const [id, dir] = queue.pop()!;
      if (seen.has(`${dir}|${id}`)) continue;
      seen.add(`${dir}|${id}`);
      keep.add(id);
      for (const d of this.destination(id)) if (d !== id) queue.push([d, dir]);
      if (dir === 'up') {
        for (const e of this.in.get(id) ?? [])
          if (e.kind === 'binds' || e.kind === 'routes') queue.push([e.from, 'up']);
      } else {
        for (const e of this.out.get(id) ?? [])
          if (e.kind === 'binds' || e.kind === 'routes' || e.kind === 'definedBy') queue.push([e.to, 'down']);
      }
    }
    return keep;
  }

  /** A host, a DestinationRule or a subset: the DestinationRules of the host, their subsets, the host. */
  private destination(id: string): string[] {
    const node = this.byId.get(id);
    if (!node) return [];
    const rules: string[] = [];
    if (node.kind === 'DestinationRule') rules.push(id);
    if (node.kind === 'Subset' && node.parent) rules.push(node.parent);
    if (node.kind === 'Host') for (const e of this.in.get(id) ?? []) if (e.kind === 'appliesTo') rules.push(e.from);
    const out = new Set<string>(node.kind === 'Host' ? [id] : []);
    for (const r of rules) {
      out.add(r);
      for (const e of this.out.get(r) ?? []) if (e.kind === 'defines' || e.kind === 'appliesTo') out.add(e.to);
    }
    return [...out];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
