import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { gatewayKey, resolveGatewayRef } from '../model/gatewayRef';
import { resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';
import type { Span } from '../parse/types';
import { ruleById } from '../rules/index';
import type { Finding } from '../rules/types';
import { hostDefinitions, site, subsetDefinitions } from './sites';
import type { Location } from './types';

export type MeshNodeKind =
  'Gateway' | 'VirtualService' | 'Host' | 'DestinationRule' | 'Subset' | 'ServiceEntry' | 'Service';

/**
 * Edge kinds: a Gateway `binds` a VirtualService; a VirtualService `routes` to a host; traffic to a
 * host goes to a `subset`; a DestinationRule `appliesTo` a host and `defines` its subsets; a host
 * is `definedBy` a Service or ServiceEntry.
 */
export type MeshEdgeKind = 'binds' | 'routes' | 'subset' | 'appliesTo' | 'defines' | 'definedBy';

export interface MeshNode {
  /** `Kind:namespace/name` (`Host:<fqdn>`, `Subset:<ns>/<rule>/<subset>`); stable across requests. */
  readonly id: string;
  readonly kind: MeshNodeKind;
  readonly label: string;
  readonly namespace: string;
  /** Where it is written (a host: where its Service or ServiceEntry is); absent for what is referenced but not found. */
  readonly location?: Location;
}

export interface MeshEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: MeshEdgeKind;
  readonly broken?: boolean;
  readonly reason?: string;
}

export interface MeshGraph {
  readonly nodes: readonly MeshNode[];
  readonly edges: readonly MeshEdge[];
}

/** Reported findings of a file (user severities and suppressions applied). */
export type FindingsOf = (file: string) => readonly Finding[];

const SUBSET_NOT_FOUND = 'subset-not-found';
const GATEWAY_NOT_FOUND = 'gateway-not-found';
const DESTINATION_RULE_IGNORED = 'destination-rule-ignored';

/**
 * Gateways -> VirtualServices -> hosts -> DestinationRule subsets, for the whole workspace or
 * around one namespace (its VirtualServices, Gateways and DestinationRules, and whatever they
 * connect to elsewhere). Broken edges carry the message of the rule that reports them
 * (subset-not-found, gateway-not-found, destination-rule-ignored) rather than judging again.
 */
export function meshGraph(index: WorkspaceIndex, findingsOf: FindingsOf, namespace?: string): MeshGraph {
  const builder = new GraphBuilder(index.lookup(), findingsOf);
  const seeds = (kind: string) =>
    namespace === undefined ? builder.lookup.ofKindAnywhere(kind) : builder.lookup.ofKind(kind, namespace);
  for (const gw of seeds('Gateway')) builder.gateway(gw, true);
  for (const vs of seeds('VirtualService')) builder.virtualService(vs);
  for (const dr of seeds('DestinationRule')) builder.destinationRule(dr);
  return builder.result();
}

class GraphBuilder {
  private readonly nodes = new Map<string, MeshNode>();
  private readonly edges = new Map<string, MeshEdge>();
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly doneVs = new Set<string>();
  private readonly doneDr = new Set<string>();
  private readonly doneHosts = new Set<string>();

  constructor(
    readonly lookup: Lookup,
    private readonly findingsOf: FindingsOf,
  ) {}

  result(): MeshGraph {
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const edges = [...this.edges.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(e => e[1]);
    return { nodes: [...this.nodes.values()].sort(byId), edges };
  }

  /** A Gateway, and with `withRoutes` every VirtualService bound to it. */
  gateway(gw: Resource, withRoutes: boolean): string {
    const id = this.resourceNode('Gateway', gw);
    if (withRoutes && gw.name)
      for (const vs of this.lookup.virtualServicesBoundTo(gw.namespace, gw.name)) this.virtualService(vs);
    return id;
  }

  virtualService(vs: Resource): void {
    if (this.doneVs.has(vs.id)) return;
    this.doneVs.add(vs.id);
    const vsId = this.resourceNode('VirtualService', vs);
    for (const entry of vs.gateways ?? []) {
      const ref = resolveGatewayRef(entry.value, vs.namespace);
      if (!ref) continue; // `mesh`: the sidecars
      const found = this.lookup.gateway(ref.namespace, ref.name);
      for (const gw of found) this.edge(this.gateway(gw, false), vsId, 'binds');
      if (found.length > 0) continue;
      const gwId = `Gateway:${gatewayKey(ref.namespace, ref.name)}`;
      if (!this.nodes.has(gwId))
        this.nodes.set(gwId, { id: gwId, kind: 'Gateway', label: ref.name, namespace: ref.namespace });
      // The rule may point at the entry or at the `gateways` key; the Gateway is missing either way.
      const finding = this.finding(vs, GATEWAY_NOT_FOUND, entry.span) ?? this.finding(vs, GATEWAY_NOT_FOUND);
      const judged =
        finding ??
        (ruleById(GATEWAY_NOT_FOUND) || this.lookup.hasIncomplete('Gateway', ref.namespace)
          ? undefined
          : `Gateway ${gatewayKey(ref.namespace, ref.name)} is not defined in the workspace`);
      this.edge(gwId, vsId, 'binds', judged);
    }
    (vs.destinations ?? []).forEach((dest, i) => {
      const host = resolveHost(dest.host.value, vs.namespace);
      const hostId = this.host(host);
      this.edge(vsId, hostId, 'routes');
      const route = dest.subset && site(vs, 'destSubset', i);
      if (!route || !dest.subset) return;
      const broken = this.finding(vs, SUBSET_NOT_FOUND, dest.subset.span);
      const definitions = subsetDefinitions(this.lookup, route);
      for (const d of definitions) this.edge(hostId, this.destinationRule(d.resource, d.str.value), 'subset', broken);
      if (definitions.length > 0) return;
      const missing = `Subset:?/${host}/${dest.subset.value}`;
      if (!this.nodes.has(missing))
        this.nodes.set(missing, { id: missing, kind: 'Subset', label: dest.subset.value, namespace: vs.namespace });
      this.edge(hostId, missing, 'subset', broken);
    });
  }

  /** A DestinationRule with its host and subsets; returns the id of `subset` when given. */
  destinationRule(dr: Resource, subset?: string): string {
    const drId = this.resourceNode('DestinationRule', dr);
    const subsetId = (name: string) => `Subset:${dr.namespace}/${dr.name ?? dr.id}/${name}`;
    if (!this.doneDr.has(dr.id)) {
      this.doneDr.add(dr.id);
      if (dr.drHost)
        this.edge(
          drId,
          this.host(resolveHost(dr.drHost.value, dr.namespace)),
          'appliesTo',
          this.finding(dr, DESTINATION_RULE_IGNORED),
        );
      for (const s of dr.subsets ?? []) {
        const id = subsetId(s.name.value);
        if (!this.nodes.has(id))
          this.nodes.set(id, {
            id,
            kind: 'Subset',
            label: s.name.value,
            namespace: dr.namespace,
            location: { file: dr.file, span: s.name.span },
          });
        this.edge(drId, id, 'defines');
      }
    }
    return subset === undefined ? drId : subsetId(subset);
  }

  /** A host node, with the Services and ServiceEntries that define it. */
  private host(host: string): string {
    const id = `Host:${host}`;
    if (this.doneHosts.has(host)) return id;
    this.doneHosts.add(host);
    const definitions = hostDefinitions(this.lookup, host).sort(
      (a, b) => Number(a.resource.kind !== 'Service') - Number(b.resource.kind !== 'Service'),
    );
    // A host opens where it is defined; one nothing defines has no location, like a missing Gateway.
    const location = definitions[0] && { file: definitions[0].resource.file, span: definitions[0].str.span };
    this.nodes.set(id, {
      id,
      kind: 'Host',
      label: host,
      namespace: this.lookup.serviceNamespace(host) ?? '',
      ...(location ? { location } : {}),
    });
    for (const def of definitions) {
      const kind = def.resource.kind === 'Service' ? 'Service' : 'ServiceEntry';
      this.edge(id, this.resourceNode(kind, def.resource), 'definedBy');
    }
    return id;
  }

  private resourceNode(kind: MeshNodeKind, r: Resource): string {
    const id = `${kind}:${r.namespace}/${r.name ?? r.id}`;
    if (!this.nodes.has(id)) {
      const location = r.nameSpan ? { file: r.file, span: r.nameSpan } : { file: r.file, span: r.span };
      this.nodes.set(id, { id, kind, label: r.name ?? '(unnamed)', namespace: r.namespace, location });
    }
    return id;
  }

  /** Adds an edge once; a broken report wins over an intact one. */
  private edge(from: string, to: string, kind: MeshEdgeKind, brokenReason?: string): void {
    const key = `${from}|${kind}|${to}`;
    const existing = this.edges.get(key);
    if (existing && (existing.broken || brokenReason === undefined)) return;
    this.edges.set(
      key,
      brokenReason === undefined ? { from, to, kind } : { from, to, kind, broken: true, reason: brokenReason },
    );
  }

  /** The message of a finding of `ruleId` on the resource (at `span` when given). */
  private finding(r: Resource, ruleId: string, span?: Span): string | undefined {
    let list = this.findings.get(r.file);
    if (!list) this.findings.set(r.file, (list = this.findingsOf(r.file)));
    const mine = list.filter(f => f.ruleId === ruleId && (f.resourceId === undefined || f.resourceId === r.id));
    const exact = span ? mine.find(f => f.span.start < span.end && span.start < f.span.end) : mine[0];
    return exact?.message;
  }
}
