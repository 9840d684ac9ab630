import { CLUSTER_DOMAIN, isWildcard, parseServiceFqdn, resolveHost } from '../../model/hosts';
import type { Resource } from '../../model/types';
import type { Lookup } from '../../index/lookup';

/**
 * Why a destination host is judged missing: nothing defines it, it is a literal `name.ns`, or
 * what defines it is not exported to the namespace it is used from.
 */
export interface MissingHost {
  /**
   * `literal`: written `name.ns` (or `name.ns.svc`), which Istio does not expand. `hidden`: a
   * Service or ServiceEntry defines it but is not exported to the namespace (exportTo).
   */
  readonly kind: 'missing' | 'literal' | 'hidden';
  readonly host: string;
  readonly target: ServiceTarget;
  /** For `literal`, the Services the FQDN names; for `missing`, the Services of the namespace; for `hidden`, the definitions not exported. */
  readonly services: Resource[];
}

/** The cluster Service a destination host names or evidently means. */
export interface ServiceTarget {
  readonly name: string;
  readonly namespace: string;
  readonly fqdn: string;
  /** Written as `name.ns` (or `name.ns.svc`): Istio matches it literally, not as the Service. */
  readonly literal: boolean;
}

/**
 * The verdict of host-not-found for one destination host written in `namespace` (and used from
 * there); undefined when the host exists or cannot be judged. Shared so that rules about the same
 * destination (a subset of a host that does not exist) can leave the finding to host-not-found.
 */
export function missingHost(index: Lookup, written: string, namespace: string): MissingHost | undefined {
  const value = written.trim().toLowerCase();
  const host = resolveHost(value, namespace);
  if (isWildcard(host)) return undefined;
  const target = serviceTarget(host, value);
  if (!target || index.servicesForHost(host, namespace).length > 0) return undefined;
  // A templated Service or ServiceEntry of that namespace could be the one that defines the host.
  if (index.hasIncomplete('Service', target.namespace) || index.hasIncomplete('ServiceEntry', target.namespace))
    return undefined;
  // Defined, but not exported to this namespace. (A wildcard ServiceEntry exported elsewhere only,
  // such as `hosts: ["*"]` with `exportTo: ["."]`, defines nothing here: the host is judged as usual.)
  const hidden = index.servicesForHost(host).filter(s => definesExactly(s, host));
  if (hidden.length > 0) return { kind: 'hidden', host, target, services: hidden };
  if (target.literal) {
    const services = index.servicesForHost(target.fqdn, namespace);
    if (services.length === 0 && index.ofKind('Service', target.namespace).length === 0) return undefined;
    return { kind: 'literal', host, target, services };
  }
  // Judged only when the workspace defines Services in that namespace.
  const services = index.ofKind('Service', target.namespace).filter(s => s.name);
  return services.length > 0 ? { kind: 'missing', host, target, services } : undefined;
}

function definesExactly(r: Resource, host: string): boolean {
  return r.kind === 'Service' || (r.hosts ?? []).some(h => resolveHost(h.value, r.namespace) === host);
}

/** Cluster hosts (`name.ns.svc.cluster.local`, short names resolved) and `name.ns[.svc]`; undefined for others. */
function serviceTarget(host: string, written: string): ServiceTarget | undefined {
  const parsed = parseServiceFqdn(host);
  if (parsed) return { ...parsed, fqdn: host, literal: false };
  const parts = written.split('.');
  const partial =
    parts.length === 2 ||
    (parts.length === 3 && parts[2] === 'svc') ||
    (parts.length === 4 && parts[2] === 'svc' && parts[3] === 'cluster');
  if (!partial || !parts[0] || !parts[1]) return undefined;
  return { name: parts[0], namespace: parts[1], fqdn: `${parts[0]}.${parts[1]}.svc.${CLUSTER_DOMAIN}`, literal: true };
}
