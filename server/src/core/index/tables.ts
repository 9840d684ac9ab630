import { isWildcard, resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';
import { MultiMap } from '../util/multiMap';

/** The lookup tables of the index, kept in step with the resources added and removed. */
export class Tables {
  readonly byId = new Map<string, Resource>();
  readonly byKindNs = new MultiMap<string, Resource>();
  readonly byKind = new MultiMap<string, Resource>();
  /** Exact service hosts (Kubernetes Services and ServiceEntry hosts) -> providers. */
  readonly services = new MultiMap<string, Resource>();
  readonly serviceWildcards = new MultiMap<string, Resource>();
  readonly servicesByNs = new MultiMap<string, Resource>();
  /** `ns|host` -> DestinationRules in ns whose resolved host is host (exact or wildcard). */
  readonly drs = new MultiMap<string, Resource>();
  readonly drWildcardsByNs = new MultiMap<string, string>();
  /** Resolved DR host -> DestinationRules for it in any namespace. */
  readonly drsByHost = new MultiMap<string, Resource>();
  readonly gateways = new MultiMap<string, Resource>();
  readonly gatewaysByName = new MultiMap<string, Resource>();
  readonly workloads = new MultiMap<string, Resource>();
  readonly vsByHost = new MultiMap<string, Resource>();
  readonly incomplete = new MultiMap<string, Resource>();
  readonly meshRoots = new Set<Resource>();
  readonly namespaces = new MultiMap<string, Resource>();

  add(r: Resource): void {
    this.update(r, 'add');
  }

  remove(r: Resource): void {
    this.update(r, 'remove');
  }

  private update(r: Resource, op: 'add' | 'remove'): void {
    const apply = <K>(m: MultiMap<K, Resource>, key: K) => (op === 'add' ? m.add(key, r) : m.remove(key, r));
    if (op === 'add') this.byId.set(r.id, r);
    else this.byId.delete(r.id);
    apply(this.byKindNs, `${r.kind}|${r.namespace}`);
    apply(this.byKind, r.kind);
    apply(this.namespaces, r.namespace);
    if (r.incomplete) {
      apply(this.incomplete, `${r.kind}|${r.namespace}`);
      apply(this.incomplete, r.kind);
    }
    if (r.meshRootNamespace) {
      if (op === 'add') this.meshRoots.add(r);
      else this.meshRoots.delete(r);
    }
    if (r.podLabels) apply(this.workloads, r.namespace);
    switch (r.kind) {
      case 'Service':
        if (r.name) apply(this.services, resolveHost(r.name, r.namespace));
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
        break;
      default:
        break;
    }
  }
}
