import type { Lookup } from '../index/lookup';
import { resolveGatewayRef } from '../model/gatewayRef';
import { hostCoveredBy, isWildcard, resolveHost } from '../model/hosts';
import { labelsMatch } from '../model/labels';
import type { Labels, Resource } from '../model/types';
import type { Str } from '../parse/access';
import { clientNamespaces } from '../index/clientNamespaces';
import { GATEWAY_API_GROUP } from '../model/gatewayApi';

/**
 * The cross-file meaning of names, shared by definition, references, rename, code lens, links and
 * the mesh graph: which subset entries a route's subset means, which routes use a subset, which
 * VirtualServices are bound to a Gateway, who writes a host and who defines it. Everything is
 * answered from the index summaries, never by reading files.
 */

/** A named value in a resource summary that navigation can point at. */
export type SiteField =
  | 'name'
  | 'subset'
  | 'destSubset'
  | 'destHost'
  | 'gateway'
  | 'matchGateway'
  | 'host'
  | 'drHost'
  // Gateway API and ambient mode (gatewayApiSites.ts).
  | 'parentRef'
  | 'sectionName'
  | 'backendRef'
  | 'listener'
  | 'grantTo'
  | 'useWaypoint'
  | 'targetRef';

export interface Site {
  readonly resource: Resource;
  readonly field: SiteField;
  /** Position in the field's list (`subsets`, `destinations`, `gateways`, `hosts`…); 0 for single values. */
  readonly index: number;
  readonly str: Str;
}

const LIST_FIELDS: readonly SiteField[] = [
  'subset',
  'destSubset',
  'destHost',
  'gateway',
  'matchGateway',
  'host',
  'parentRef',
  'sectionName',
  'backendRef',
  'listener',
  'grantTo',
  'useWaypoint',
  'targetRef',
];

export function strOf(r: Resource, field: SiteField, index: number): Str | undefined {
  switch (field) {
    case 'name':
      return r.name !== undefined && r.nameSpan ? { value: r.name, span: r.nameSpan } : undefined;
    case 'subset':
      return r.subsets?.[index]?.name;
    case 'destSubset':
      return r.destinations?.[index]?.subset;
    case 'destHost':
      return r.destinations?.[index]?.host;
    case 'gateway':
      return r.gateways?.[index];
    case 'matchGateway':
      return r.matchGateways?.[index];
    case 'host':
      return r.hosts?.[index];
    case 'drHost':
      return r.drHost;
    case 'parentRef':
      return r.parentRefs?.[index]?.name;
    case 'sectionName':
      return r.parentRefs?.[index]?.sectionName;
    case 'backendRef':
      return r.backendRefs?.[index]?.name;
    case 'listener':
      return r.listeners?.[index]?.name;
    case 'grantTo':
      return r.grantTo?.[index]?.name;
    case 'useWaypoint':
      return index === 0 ? r.useWaypoint?.name : undefined;
    case 'targetRef':
      return r.targetRefs?.[index]?.name;
  }
}

function listLength(r: Resource, field: SiteField): number {
  switch (field) {
    case 'subset':
      return r.subsets?.length ?? 0;
    case 'destSubset':
    case 'destHost':
      return r.destinations?.length ?? 0;
    case 'gateway':
      return r.gateways?.length ?? 0;
    case 'matchGateway':
      return r.matchGateways?.length ?? 0;
    case 'host':
      return r.hosts?.length ?? 0;
    case 'parentRef':
    case 'sectionName':
      return r.parentRefs?.length ?? 0;
    case 'backendRef':
      return r.backendRefs?.length ?? 0;
    case 'listener':
      return r.listeners?.length ?? 0;
    case 'grantTo':
      return r.grantTo?.length ?? 0;
    case 'targetRef':
      return r.targetRefs?.length ?? 0;
    default:
      return 1;
  }
}

export function site(resource: Resource, field: SiteField, index = 0): Site | undefined {
  const str = strOf(resource, field, index);
  return str ? { resource, field, index, str } : undefined;
}

/** The site whose value the offset is on (the end of a value counts, as after typing a word). */
export function siteAt(resource: Resource, offset: number): Site | undefined {
  for (const field of ['name', 'drHost', ...LIST_FIELDS] as const) {
    for (let i = 0; i < listLength(resource, field); i++) {
      const s = site(resource, field, i);
      if (s && s.str.span.start <= offset && offset <= s.str.span.end) return s;
    }
  }
  return undefined;
}

/** Resolved host of a destination site (`destHost` or `destSubset`). */
export function destinationHost(s: Site): string | undefined {
  const dest = s.resource.destinations?.[s.index];
  return dest ? resolveHost(dest.host.value, s.resource.namespace) : undefined;
}

// --- subsets -------------------------------------------------------------------------------

/**
 * The DestinationRules that apply to a VirtualService's traffic to `host`: Istio's lookup from
 * every namespace whose proxies use the VirtualService (its own for `mesh`, its Gateways'
 * namespaces), as subset-not-found checks it; all of them when there are several.
 */
export function rulesForRoute(lookup: Lookup, vs: Resource, host: string): Resource[] {
  const clients = clientNamespaces(vs, host, lookup);
  const namespaces = clients.length > 0 ? clients : [vs.namespace];
  const out = new Map<string, Resource>();
  for (const ns of namespaces) for (const dr of lookup.destinationRulesFor(host, ns)?.rules ?? []) out.set(dr.id, dr);
  return [...out.values()];
}

/** The subset entries a route's `subset` means. */
export function subsetDefinitions(lookup: Lookup, route: Site): Site[] {
  const subset = route.resource.destinations?.[route.index]?.subset?.value;
  const host = destinationHost(route);
  if (!subset || !host) return [];
  const out: Site[] = [];
  for (const dr of rulesForRoute(lookup, route.resource, host)) {
    (dr.subsets ?? []).forEach((s, i) => {
      if (s.name.value === subset) out.push({ resource: dr, field: 'subset', index: i, str: s.name });
    });
  }
  return out;
}

/** Every route destination whose subset resolves, through the lookup, to `subset` of `dr`. */
export function subsetUses(lookup: Lookup, dr: Resource, subset: string): Site[] {
  if (!dr.drHost) return [];
  const drHost = resolveHost(dr.drHost.value, dr.namespace);
  const hosts = isWildcard(drHost) ? [...lookup.destinationHosts()].filter(h => hostCoveredBy(h, drHost)) : [drHost];
  const out: Site[] = [];
  for (const host of hosts) {
    for (const vs of lookup.virtualServicesRoutingTo(host)) {
      let applies: boolean | undefined;
      (vs.destinations ?? []).forEach((d, i) => {
        if (!d.subset || d.subset.value !== subset || resolveHost(d.host.value, vs.namespace) !== host) return;
        applies ??= rulesForRoute(lookup, vs, host).includes(dr);
        if (applies) out.push({ resource: vs, field: 'destSubset', index: i, str: d.subset });
      });
    }
  }
  return out;
}

/** Route destinations to `host` naming `subset` (for a subset no DestinationRule defines). */
export function routesNamingSubset(lookup: Lookup, host: string, subset: string): Site[] {
  const out: Site[] = [];
  for (const vs of lookup.virtualServicesRoutingTo(host)) {
    (vs.destinations ?? []).forEach((d, i) => {
      if (d.subset?.value === subset && resolveHost(d.host.value, vs.namespace) === host)
        out.push({ resource: vs, field: 'destSubset', index: i, str: d.subset });
    });
  }
  return out;
}

// --- gateways ------------------------------------------------------------------------------

export interface GatewayName {
  readonly namespace: string;
  readonly name: string;
}

/** The Istio Gateway a `gateways` entry (or a Gateway's own name) stands for; undefined for `mesh`. */
export function gatewayOf(s: Site): GatewayName | undefined {
  if (s.field === 'name' && s.resource.kind === 'Gateway' && s.resource.group !== GATEWAY_API_GROUP)
    return { namespace: s.resource.namespace, name: s.str.value };
  if (s.field === 'gateway' || s.field === 'matchGateway') return resolveGatewayRef(s.str.value, s.resource.namespace);
  return undefined;
}

export function gatewayDefinitions(lookup: Lookup, gw: GatewayName): Site[] {
  return lookup.gateway(gw.namespace, gw.name).flatMap(r => site(r, 'name') ?? []);
}

/** Every `gateways` entry, top-level or in a route match, that names the Gateway. */
export function gatewayUses(lookup: Lookup, gw: GatewayName): Site[] {
  const out: Site[] = [];
  for (const vs of lookup.virtualServicesBoundTo(gw.namespace, gw.name)) {
    const collect = (list: readonly Str[] | undefined, field: 'gateway' | 'matchGateway') => {
      list?.forEach((str, index) => {
        const ref = resolveGatewayRef(str.value, vs.namespace);
        if (ref && ref.namespace === gw.namespace && ref.name === gw.name)
          out.push({ resource: vs, field, index, str });
      });
    };
    collect(vs.gateways, 'gateway');
    collect(vs.matchGateways, 'matchGateway');
  }
  return out;
}

// --- hosts ---------------------------------------------------------------------------------

/** The host a site names or defines, resolved in its resource's namespace. */
export function hostOf(s: Site): string | undefined {
  const r = s.resource;
  if (s.field === 'destHost' || s.field === 'drHost') return resolveHost(s.str.value, r.namespace);
  if (s.field === 'host' && (r.kind === 'VirtualService' || r.kind === 'ServiceEntry'))
    return resolveHost(s.str.value, r.namespace);
  if (s.field === 'name' && r.kind === 'Service') return resolveHost(s.str.value, r.namespace);
  return undefined;
}

/** Kubernetes Services and ServiceEntry hosts defining `host`, exactly or by a wildcard. */
export function hostDefinitions(lookup: Lookup, host: string): Site[] {
  const out: Site[] = [];
  for (const r of dedupe(lookup.servicesForHost(host))) {
    if (r.kind === 'Service') {
      const s = site(r, 'name');
      if (s) out.push(s);
      continue;
    }
    (r.hosts ?? []).forEach((h, i) => {
      const resolved = resolveHost(h.value, r.namespace);
      if (resolved === host || (isWildcard(resolved) && hostCoveredBy(host, resolved)))
        out.push({ resource: r, field: 'host', index: i, str: h });
    });
  }
  return out;
}

/** Route destinations, VirtualService hosts and DestinationRule hosts that resolve to exactly `host`. */
export function hostUses(lookup: Lookup, host: string): Site[] {
  const out: Site[] = [];
  for (const vs of lookup.virtualServicesRoutingTo(host)) {
    (vs.destinations ?? []).forEach((d, i) => {
      if (resolveHost(d.host.value, vs.namespace) === host)
        out.push({ resource: vs, field: 'destHost', index: i, str: d.host });
    });
  }
  for (const vs of lookup.virtualServicesForHost(host)) {
    (vs.hosts ?? []).forEach((h, i) => {
      if (resolveHost(h.value, vs.namespace) === host) out.push({ resource: vs, field: 'host', index: i, str: h });
    });
  }
  for (const dr of lookup.destinationRulesAnywhere(host)) {
    const s = site(dr, 'drHost');
    if (s) out.push(s);
  }
  return out;
}

// --- selectors -----------------------------------------------------------------------------

/** Kinds whose selector in the mesh root namespace applies to workloads of every namespace. */
const MESH_WIDE_IN_ROOT = new Set([
  'AuthorizationPolicy',
  'PeerAuthentication',
  'RequestAuthentication',
  'Telemetry',
  'EnvoyFilter',
  'WasmPlugin',
  'ProxyConfig',
]);

/**
 * Workloads a selector matches: in the resource's namespace, except Gateway selectors (which
 * pick gateway pods in any namespace) and policies in the mesh root namespace (mesh-wide).
 */
export function selectedWorkloads(lookup: Lookup, r: Resource, labels: Labels): Resource[] {
  if (Object.keys(labels).length === 0) return [];
  const anywhere =
    (r.kind === 'Gateway' && r.group !== GATEWAY_API_GROUP) ||
    (MESH_WIDE_IN_ROOT.has(r.kind) && r.namespace === lookup.rootNamespace);
  const namespaces = anywhere ? lookup.workloadNamespaces() : [r.namespace];
  const out: Resource[] = [];
  for (const ns of namespaces)
    for (const w of lookup.workloads(ns)) if (w.podLabels && labelsMatch(labels, w.podLabels)) out.push(w);
  return out;
}

// --- helpers -------------------------------------------------------------------------------

export function sameSite(a: Site, b: Site): boolean {
  return a.resource.id === b.resource.id && a.field === b.field && a.index === b.index;
}

export function uniqueSites(sites: readonly Site[]): Site[] {
  const seen = new Map<Resource, Set<string>>();
  const out: Site[] = [];
  for (const s of sites) {
    let fields = seen.get(s.resource);
    if (!fields) seen.set(s.resource, (fields = new Set()));
    const key = s.index === 0 ? s.field : `${s.field}${s.index}`;
    if (fields.has(key)) continue;
    fields.add(key);
    out.push(s);
  }
  return out;
}

function dedupe(list: readonly Resource[]): Resource[] {
  return [...new Map(list.map(r => [r.id, r])).values()];
}
