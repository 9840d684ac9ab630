import type { Lookup } from '../index/lookup';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { GATEWAY_API_GROUP, ROUTE_KINDS } from '../model/gatewayApi';
import { gatewayKey, resolveGatewayRef } from '../model/gatewayRef';
import { parseServiceFqdn, resolveHost } from '../model/hosts';
import { kindKey } from '../model/kinds';
import type { DestinationRef, Resource } from '../model/types';
import type { Span } from '../parse/types';
import { ruleById } from '../rules/index';
import type { Finding } from '../rules/types';
import { hostDefinitions, site, subsetDefinitions } from './sites';
import type { Location } from './types';

/** `KubeGateway`: a Gateway API Gateway; `Route`: an HTTPRoute, GRPCRoute, TCPRoute or TLSRoute. */
export type MeshNodeKind =
  | 'Gateway'
  | 'KubeGateway'
  | 'VirtualService'
  | 'Route'
  | 'Host'
  | 'DestinationRule'
  | 'Subset'
  | 'ServiceEntry'
  | 'Service';

/**
 * Edge kinds: a Gateway `binds` a route; a route `routes` traffic to a subset (when it names one)
 * or a host; a DestinationRule `appliesTo` a host and `defines` its subsets; a host is `definedBy`
 * a Service or ServiceEntry.
 */
export type MeshEdgeKind = 'binds' | 'routes' | 'appliesTo' | 'defines' | 'definedBy';

export interface MeshNode {
  /** `Kind:namespace/name` (`Host:<fqdn>`, `Subset:<ns>/<rule>/<subset>`); stable across requests. */
  readonly id: string;
  readonly kind: MeshNodeKind;
  readonly label: string;
  readonly namespace: string;
  /** The kind as written when the node kind stands for several (`HTTPRoute`, `GRPCRoute`…). */
  readonly resourceKind?: string;
  /** A DestinationRule's host, a route's hosts. */
  readonly detail?: string;
  /** The DestinationRule a Subset belongs to (drawn inside its box). */
  readonly parent?: string;
  /** Where it is written (a host: where its Service or ServiceEntry is); absent for what is referenced but not found. */
  readonly location?: Location;
  /** Every file that defines the object, when several do (environments, alternative files). */
  readonly locations?: readonly Location[];
}

export interface MeshEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: MeshEdgeKind;
  readonly broken?: boolean;
  readonly reason?: string;
  /** `routes`: percent of the route's traffic, when it splits traffic between destinations. */
  readonly weight?: number;
  /** `routes`: the route's match conditions, one per match; absent when it takes every request. */
  readonly match?: readonly string[];
  /** `routes`: a mirror (a copy of the traffic). */
  readonly mirror?: boolean;
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
const ROUTE_PARENT_NOT_FOUND = 'route-parent-not-found';
const BACKEND_NOT_FOUND = 'backend-not-found';
const ISTIO_GROUP = 'networking.istio.io';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Traffic = Pick<MeshEdge, 'weight' | 'match' | 'mirror'>;

/**
 * Where routes send traffic, for the whole workspace or around one namespace (its routes,
 * Gateways and DestinationRules, and whatever they connect to elsewhere): Gateways -> routes ->
 * subsets or hosts (with weights and match conditions) -> Services. One node per object identity;
 * copies in several files list them all. Broken edges carry the message of the rule that reports
 * them (subset-not-found, gateway-not-found, destination-rule-ignored, route-parent-not-found,
 * backend-not-found) rather than judging again.
 */
export function meshGraph(index: WorkspaceIndex, findingsOf: FindingsOf, namespace?: string): MeshGraph {
  const builder = new GraphBuilder(index.lookup(), findingsOf);
  const seeds = (kind: string, group: string) =>
    namespace === undefined
      ? builder.lookup.ofKindAnywhere(kindKey(group, kind))
      : builder.lookup.ofKind(kindKey(group, kind), namespace);
  for (const gw of seeds('Gateway', ISTIO_GROUP)) builder.gateway(gw, true);
  for (const vs of seeds('VirtualService', ISTIO_GROUP)) builder.virtualService(vs);
  for (const dr of seeds('DestinationRule', ISTIO_GROUP)) builder.destinationRule(dr);
  for (const gw of seeds('Gateway', GATEWAY_API_GROUP)) builder.kubeGateway(gw, true);
  for (const kind of ROUTE_KINDS) for (const route of seeds(kind, GATEWAY_API_GROUP)) builder.route(route);
  return builder.result();
}

class GraphBuilder {
  private readonly nodes = new Map<string, Mutable<MeshNode>>();
  private readonly edges = new Map<string, MeshEdge>();
  private readonly findings = new Map<string, readonly Finding[]>();
  private readonly done = new Set<string>();
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

  /** An Istio Gateway, and with `withRoutes` every VirtualService bound to it. */
  gateway(gw: Resource, withRoutes: boolean): string {
    const id = this.resourceNode('Gateway', gw);
    if (withRoutes && gw.name)
      for (const vs of this.lookup.virtualServicesBoundTo(gw.namespace, gw.name)) this.virtualService(vs);
    return id;
  }

  /** A Gateway API Gateway, and with `withRoutes` every route attached to it. */
  kubeGateway(gw: Resource, withRoutes: boolean): string {
    const id = this.resourceNode('KubeGateway', gw);
    if (withRoutes && gw.name)
      for (const route of this.lookup.routesWithParent('Gateway', gw.namespace, gw.name)) this.route(route);
    return id;
  }

  virtualService(vs: Resource): void {
    if (!this.once(vs)) return;
    const vsId = this.resourceNode('VirtualService', vs, (vs.hosts ?? []).map(h => h.value).join(', '));
    for (const entry of vs.gateways ?? []) {
      const ref = resolveGatewayRef(entry.value, vs.namespace);
      if (!ref) continue; // `mesh`: the sidecars
      const found = this.lookup.gateway(ref.namespace, ref.name).filter(g => g.group === ISTIO_GROUP);
      for (const gw of found) this.edge({ from: this.gateway(gw, false), to: vsId, kind: 'binds' });
      if (found.length > 0) continue;
      const gwId = this.missingNode(
        'Gateway',
        `Gateway:${gatewayKey(ref.namespace, ref.name)}`,
        ref.name,
        ref.namespace,
      );
      // The rule may point at the entry or at the `gateways` key; the Gateway is missing either way.
      const finding = this.finding(vs, GATEWAY_NOT_FOUND, entry.span) ?? this.finding(vs, GATEWAY_NOT_FOUND);
      const judged =
        finding ??
        (ruleById(GATEWAY_NOT_FOUND) || this.lookup.hasIncomplete('Gateway', ref.namespace)
          ? undefined
          : `Gateway ${gatewayKey(ref.namespace, ref.name)} is not defined in the workspace`);
      this.edge({ from: gwId, to: vsId, kind: 'binds' }, judged);
    }
    (vs.destinations ?? []).forEach((dest, i) => {
      const host = resolveHost(dest.host.value, vs.namespace);
      const hostId = this.host(host);
      const traffic = this.istioTraffic(vs, dest);
      const route = dest.subset && site(vs, 'destSubset', i);
      if (!route || !dest.subset) {
        this.edge({ from: vsId, to: hostId, kind: 'routes', ...traffic }, undefined, `${dest.via}${dest.routeIndex}`);
        return;
      }
      const broken = this.finding(vs, SUBSET_NOT_FOUND, dest.subset.span);
      const definitions = subsetDefinitions(this.lookup, route);
      const targets = definitions.map(d => this.destinationRule(d.resource, d.str.value));
      if (targets.length === 0)
        targets.push(
          this.missingNode('Subset', `Subset:?/${host}/${dest.subset.value}`, dest.subset.value, vs.namespace, host),
        );
      for (const to of targets)
        this.edge({ from: vsId, to, kind: 'routes', ...traffic }, broken, `${dest.via}${dest.routeIndex}`);
    });
  }

  /** An HTTPRoute, GRPCRoute, TCPRoute or TLSRoute: its Gateways and backend Services. */
  route(route: Resource): void {
    if (!this.once(route)) return;
    // A route attached to a Service (GAMMA, mesh traffic) says so where a Gateway route lists its hostnames.
    const services = (route.parentRefs ?? []).filter(p => p.kind === 'Service').map(p => `Service ${p.name.value}`);
    const hostnames = (route.hostnames ?? []).map(h => h.value);
    const id = this.resourceNode('Route', route, [...hostnames, ...services].join(', '));
    for (const parent of route.parentRefs ?? []) {
      if (parent.kind !== 'Gateway' || parent.group !== GATEWAY_API_GROUP) continue;
      const ns = parent.namespace?.value ?? route.namespace;
      const found = this.lookup.kubeGateway(ns, parent.name.value);
      for (const gw of found) this.edge({ from: this.kubeGateway(gw, false), to: id, kind: 'binds' });
      if (found.length === 0) {
        const gwId = this.missingNode('KubeGateway', `KubeGateway:${ns}/${parent.name.value}`, parent.name.value, ns);
        this.edge({ from: gwId, to: id, kind: 'binds' }, this.finding(route, ROUTE_PARENT_NOT_FOUND, parent.span));
      }
    }
    const refs = route.backendRefs ?? [];
    for (const ref of refs) {
      if (ref.kind !== 'Service' || ref.group !== '') continue;
      const hostId = this.host(resolveHost(ref.name.value, ref.namespace?.value ?? route.namespace));
      const rule = refs.filter(r => r.ruleIndex === ref.ruleIndex && !r.mirror);
      // Gateway API weights are relative (1 each unless written).
      const total = rule.reduce((sum, r) => sum + (r.weight ?? 1), 0);
      const match = route.ruleMatches?.[ref.ruleIndex];
      const traffic: Traffic = {
        ...(ref.mirror ? { mirror: true } : {}),
        ...(!ref.mirror && rule.length > 1 && total > 0
          ? { weight: Math.round(((ref.weight ?? 1) * 100) / total) }
          : {}),
        ...(match && match.length > 0 ? { match } : {}),
      };
      this.edge(
        { from: id, to: hostId, kind: 'routes', ...traffic },
        this.finding(route, BACKEND_NOT_FOUND, ref.span),
        `rule${ref.ruleIndex}`,
      );
    }
  }

  /** A DestinationRule with its host and subsets; returns the id of `subset` when given. */
  destinationRule(dr: Resource, subset?: string): string {
    const host = dr.drHost ? resolveHost(dr.drHost.value, dr.namespace) : undefined;
    const drId = this.resourceNode('DestinationRule', dr, host);
    const subsetId = (name: string) => `Subset:${dr.namespace}/${dr.name ?? dr.id}/${name}`;
    if (this.once(dr)) {
      if (host)
        this.edge({ from: drId, to: this.host(host), kind: 'appliesTo' }, this.finding(dr, DESTINATION_RULE_IGNORED));
      for (const s of dr.subsets ?? []) {
        const id = subsetId(s.name.value);
        if (!this.nodes.has(id))
          this.nodes.set(id, {
            id,
            kind: 'Subset',
            label: s.name.value,
            namespace: dr.namespace,
            parent: drId,
            detail: Object.entries(s.labels)
              .map(([k, v]) => `${k}=${v}`)
              .join(', '),
            location: { file: dr.file, span: s.name.span },
          });
        this.edge({ from: drId, to: id, kind: 'defines' });
      }
    }
    return subset === undefined ? drId : subsetId(subset);
  }

  /** Weight and match conditions of a VirtualService destination. */
  private istioTraffic(vs: Resource, dest: DestinationRef): Traffic {
    if (dest.via === 'mirror' || dest.via === 'mirrors') return { mirror: true, ...this.matchOf(vs, 'http', dest) };
    const siblings = (vs.destinations ?? []).filter(d => d.via === dest.via && d.routeIndex === dest.routeIndex);
    // Istio: a lone destination takes everything; weights are percentages otherwise.
    const weight =
      siblings.length > 1 || (dest.weight !== undefined && dest.weight < 100) ? (dest.weight ?? 0) : undefined;
    return { ...(weight === undefined ? {} : { weight }), ...this.matchOf(vs, dest.via, dest) };
  }

  private matchOf(vs: Resource, via: string, dest: DestinationRef): Traffic {
    const route = vs.routes?.find(r => r.via === via && r.index === dest.routeIndex);
    const match = (route?.matches ?? []).flatMap(m => m.text ?? []);
    if (match.length > 0) return { match };
    // A route without conditions after routes with some takes what they leave.
    const earlier = vs.routes?.some(r => r.via === via && r.index < dest.routeIndex && r.matches.some(m => m.text));
    return earlier ? { match: ['other requests'] } : {};
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
      namespace: this.lookup.serviceNamespace(host) ?? parseServiceFqdn(host)?.namespace ?? '',
      ...(location ? { location } : {}),
    });
    for (const def of definitions) {
      const kind = def.resource.kind === 'Service' ? 'Service' : 'ServiceEntry';
      this.edge({ from: id, to: this.resourceNode(kind, def.resource), kind: 'definedBy' });
    }
    return id;
  }

  /** The node of an object identity; a copy in another file adds its location. */
  private resourceNode(kind: MeshNodeKind, r: Resource, detail?: string): string {
    const prefix = kind === 'Route' ? r.kind : kind;
    const id = `${prefix}:${r.namespace}/${r.name ?? r.id}`;
    const location = r.nameSpan ? { file: r.file, span: r.nameSpan } : { file: r.file, span: r.span };
    const existing = this.nodes.get(id);
    if (!existing) {
      this.nodes.set(id, {
        id,
        kind,
        label: r.name ?? '(unnamed)',
        namespace: r.namespace,
        location,
        ...(kind === 'Route' ? { resourceKind: r.kind } : {}),
        ...(detail ? { detail } : {}),
      });
    } else if (!existing.location) {
      // Referenced before it was found (a missing Gateway the index later had after all).
      existing.location = location;
    } else if (existing.location.file !== r.file && !existing.locations?.some(l => l.file === r.file)) {
      existing.locations = [...(existing.locations ?? [existing.location]), location];
    }
    return id;
  }

  /** A node for something referenced but not found. */
  private missingNode(kind: MeshNodeKind, id: string, label: string, namespace: string, detail?: string): string {
    if (!this.nodes.has(id)) this.nodes.set(id, { id, kind, label, namespace, ...(detail ? { detail } : {}) });
    return id;
  }

  /** True the first time a resource is visited. */
  private once(r: Resource): boolean {
    if (this.done.has(r.id)) return false;
    this.done.add(r.id);
    return true;
  }

  /** Adds an edge once per (from, kind, to, route); a broken report wins over an intact one. */
  private edge(e: MeshEdge, brokenReason?: string, route = ''): void {
    // Copies of one object (alternative files) may route the same route index differently: keep both.
    const key = `${e.from}|${e.kind}|${e.to}|${route}|${e.weight ?? ''}|${e.mirror ?? ''}|${(e.match ?? []).join('|')}`;
    const existing = this.edges.get(key);
    if (existing && (existing.broken || brokenReason === undefined)) return;
    this.edges.set(key, brokenReason === undefined ? e : { ...e, broken: true, reason: brokenReason });
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
