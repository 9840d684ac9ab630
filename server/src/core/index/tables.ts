import { isWildcard, resolveHost } from '../model/hosts';
import { hasIdentity, isClusterScoped, sameObject } from '../model/identity';
import type { Resource } from '../model/types';
import { MultiMap } from '../util/multiMap';
import { GATEWAY_CLASS_KIND_KEY, GATEWAY_KIND_KEY, ROUTE_KIND_KEYS } from '../model/gatewayApi';
import { kindKey } from '../model/kinds';
import { boundGateways, destinationHosts, routeBackendKeys, routeParentKeys, waypointKey } from './references';

/** Lists in the tables are ordered by resource id, so lookups answer deterministically without sorting. */
/**
 * The order of every table list: by file, then document and item position as numbers. (Comparing
 * ids as strings put `#10` before `#9`, so indexing a file of many documents inserted most of them
 * mid-list: 40,000 documents in one file cost seconds of array shifting.)
 */
export function byId(a: Resource, b: Resource): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const byPosition = a.docIndex - b.docIndex || (a.itemIndex ?? -1) - (b.itemIndex ?? -1);
  if (byPosition !== 0) return byPosition;
  // Instances of one resource (a base built into two namespaces: ids `<id>@<n>`) share a position.
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What sameObject compares, as one key: group, kind, namespace and name (each object has one name). */
function likeKey(r: Resource & { readonly name: string }): string {
  return `${r.name}\0${r.group}\0${r.kind}\0${isClusterScoped(r.kind) ? '' : r.namespace}`;
}

/** The lookup tables of the index, kept in step with the resources added and removed. */
export class Tables {
  readonly byId = new Map<string, Resource>();
  readonly byKindNs = new MultiMap<string, Resource>(byId);
  readonly byKind = new MultiMap<string, Resource>(byId);
  /** Exact service hosts (Kubernetes Services and ServiceEntry hosts) -> providers. */
  readonly services = new MultiMap<string, Resource>(byId);
  readonly serviceWildcards = new MultiMap<string, Resource>(byId);
  readonly servicesByNs = new MultiMap<string, Resource>(byId);
  /** Kubernetes Service `metadata.name` (lower case) -> Services of that name in any namespace. */
  readonly servicesByName = new MultiMap<string, Resource>(byId);
  /** `ns|host` -> DestinationRules in ns whose resolved host is host (exact or wildcard). */
  readonly drs = new MultiMap<string, Resource>(byId);
  readonly drWildcardsByNs = new MultiMap<string, string>();
  /** Resolved DR host -> DestinationRules for it in any namespace. */
  readonly drsByHost = new MultiMap<string, Resource>(byId);
  readonly gateways = new MultiMap<string, Resource>(byId);
  readonly gatewaysByName = new MultiMap<string, Resource>(byId);
  readonly workloads = new MultiMap<string, Resource>(byId);
  /** `key=value` of a pod label -> workloads carrying it, in every namespace. */
  readonly workloadsByLabel = new MultiMap<string, Resource>(byId);
  readonly vsByHost = new MultiMap<string, Resource>(byId);
  /** Resolved destination host -> VirtualServices routing to it (each once). */
  readonly vsByDestination = new MultiMap<string, Resource>(byId);
  /** `ns/name` of a Gateway -> VirtualServices naming it in `gateways` or a route match (each once). */
  readonly vsByGateway = new MultiMap<string, Resource>(byId);
  readonly incomplete = new MultiMap<string, Resource>(byId);
  /** Resources carrying MeshConfig (root namespace or exportTo defaults). */
  readonly meshRoots = new Set<Resource>();
  /** `metadata.name` -> resources of that name, where copies of one object are found (see copiesOf). */
  readonly byName = new MultiMap<string, Resource>(byId);
  /** Resources carrying a MeshConfig (IstioOperator meshConfig, the `istio` ConfigMap). */
  readonly meshConfigs = new Set<Resource>();
  readonly namespaces = new MultiMap<string, Resource>(byId);
  /** Gateway API Gateways by `ns/name` and by name. */
  readonly kubeGateways = new MultiMap<string, Resource>(byId);
  readonly kubeGatewaysByName = new MultiMap<string, Resource>(byId);
  /** GatewayClasses by name (cluster-scoped). */
  readonly gatewayClasses = new MultiMap<string, Resource>(byId);
  /** Namespace objects by their name. */
  readonly namespaceObjects = new MultiMap<string, Resource>(byId);
  /** `Kind|ns/name` of a route parent (Gateway, Service, ServiceEntry) -> routes naming it (each once). */
  readonly routesByParent = new MultiMap<string, Resource>(byId);
  /** `ns/name` of a Service -> routes sending to it in backendRefs (each once). */
  readonly routesByBackend = new MultiMap<string, Resource>(byId);
  /** `ns/name` of a waypoint -> Namespaces, Services and workloads whose istio.io/use-waypoint names it. */
  readonly waypointUsers = new MultiMap<string, Resource>(byId);

  /** Every copy of `r`'s object (same group, kind, namespace and name), `r` included when it is in the tables. */
  objectsLike(r: Resource): Resource[] {
    return r.name ? this.byName.get(r.name).filter(o => sameObject(o, r)) : [];
  }

  /** The number of copies of `r`'s object, without building a list. */
  countLike(r: Resource): number {
    // Without an identity nothing is a copy (sameObject). Every cross-file check of every object
    // asks, and common names (`default`, `app`) are shared by thousands of objects: the tables
    // keep a tally per identity as objects come and go, so asking costs one key, never a scan.
    return hasIdentity(r) ? (this.likeCounts.get(likeKey(r)) ?? 0) : 0;
  }

  /** Objects in the tables per identity (likeKey): what sameObject compares. */
  private readonly likeCounts = new Map<string, number>();

  private tallyLike(r: Resource, step: 1 | -1): void {
    if (!hasIdentity(r)) return;
    const key = likeKey(r);
    const n = (this.likeCounts.get(key) ?? 0) + step;
    if (n > 0) this.likeCounts.set(key, n);
    else this.likeCounts.delete(key);
  }

  add(r: Resource): void {
    this.update(r, 'add');
  }

  remove(r: Resource): void {
    this.update(r, 'remove');
  }

  /** Bumped on every change, so structures derived from the whole table (symbol search) know when to rebuild. */
  get version(): number {
    return this.changes;
  }

  private changes = 0;

  private update(r: Resource, op: 'add' | 'remove'): void {
    this.changes++;
    const apply = <K>(m: MultiMap<K, Resource>, key: K) => (op === 'add' ? m.add(key, r) : m.remove(key, r));
    if (op === 'add') this.byId.set(r.id, r);
    else this.byId.delete(r.id);
    const kind = kindKey(r.group, r.kind);
    apply(this.byKindNs, `${kind}|${r.namespace}`);
    apply(this.byKind, kind);
    apply(this.namespaces, r.namespace);
    if (r.incomplete) {
      apply(this.incomplete, `${kind}|${r.namespace}`);
      apply(this.incomplete, kind);
    }
    if (r.name) {
      // The tally follows byName exactly: a removal that found nothing there counts nothing.
      if (op === 'add') {
        this.byName.add(r.name, r);
        this.tallyLike(r, 1);
      } else if (this.byName.remove(r.name, r)) this.tallyLike(r, -1);
    }
    const waypoint = waypointKey(r);
    if (waypoint) apply(this.waypointUsers, waypoint);
    if (r.meshRootNamespace || r.meshExportTo) {
      if (op === 'add') this.meshRoots.add(r);
      else this.meshRoots.delete(r);
    }
    if (r.mesh) {
      if (op === 'add') this.meshConfigs.add(r);
      else this.meshConfigs.delete(r);
    }
    if (r.podLabels) {
      apply(this.workloads, r.namespace);
      for (const [k, v] of Object.entries(r.podLabels)) apply(this.workloadsByLabel, `${k}=${v}`);
    }
    switch (kind) {
      case 'Service':
        if (r.name) {
          apply(this.services, resolveHost(r.name, r.namespace));
          apply(this.servicesByName, r.name.toLowerCase());
        }
        apply(this.servicesByNs, r.namespace);
        break;
      case 'ServiceEntry':
        for (const h of r.hosts ?? []) {
          const host = resolveHost(h.value, r.namespace);
          apply(isWildcard(host) ? this.serviceWildcards : this.services, host);
        }
        apply(this.servicesByNs, r.namespace);
        break;
      case 'DestinationRule':
        if (r.drHost) {
          const host = resolveHost(r.drHost.value, r.namespace);
          apply(this.drs, `${r.namespace}|${host}`);
          apply(this.drsByHost, host);
          if (isWildcard(host)) {
            if (op === 'add') this.drWildcardsByNs.add(r.namespace, host);
            else this.drWildcardsByNs.remove(r.namespace, host);
          }
        }
        break;
      case 'Gateway':
        if (r.name) {
          apply(this.gateways, `${r.namespace}/${r.name}`);
          apply(this.gatewaysByName, r.name);
        }
        break;
      case 'VirtualService':
        for (const h of r.hosts ?? []) apply(this.vsByHost, resolveHost(h.value, r.namespace));
        for (const host of destinationHosts(r)) apply(this.vsByDestination, host);
        for (const gateway of boundGateways(r)) apply(this.vsByGateway, gateway);
        break;
      case GATEWAY_KIND_KEY:
        if (r.name) {
          apply(this.kubeGateways, `${r.namespace}/${r.name}`);
          apply(this.kubeGatewaysByName, r.name);
        }
        break;
      case GATEWAY_CLASS_KIND_KEY:
        if (r.name) apply(this.gatewayClasses, r.name);
        break;
      case 'Namespace':
        if (r.name) apply(this.namespaceObjects, r.name);
        break;
      default:
        if (ROUTE_KIND_KEYS.includes(kind)) {
          for (const key of routeParentKeys(r)) apply(this.routesByParent, key);
          for (const key of routeBackendKeys(r)) apply(this.routesByBackend, key);
        }
        break;
    }
  }
}
