import { gatewayKey, resolveGatewayRef } from '../model/gatewayRef';
import { resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';
import { NO_WAYPOINT } from '../model/ambient';
import { GATEWAY_API_GROUP } from '../model/gatewayApi';

/**
 * What a VirtualService points at, as the keys of the reverse tables ("which VirtualServices
 * route to host H", "which are bound to Gateway G"). Each key once per resource, so a table
 * entry can be removed by identity.
 */

/** Resolved hosts of the VirtualService's route destinations. */
export function destinationHosts(vs: Resource): string[] {
  if (!vs.destinations || vs.destinations.length === 0) return [];
  const out = new Set<string>();
  for (const d of vs.destinations) out.add(resolveHost(d.host.value, vs.namespace));
  return [...out];
}

/** `ns/name` of every Gateway named in `gateways` or in a route match's `gateways`. */
export function boundGateways(vs: Resource): string[] {
  if (!vs.gateways && !vs.matchGateways) return [];
  const out = new Set<string>();
  for (const g of [...(vs.gateways ?? []), ...(vs.matchGateways ?? [])]) {
    const ref = resolveGatewayRef(g.value, vs.namespace);
    if (ref) out.add(gatewayKey(ref.namespace, ref.name));
  }
  return [...out];
}

/**
 * What a Gateway API route points at: `Kind|ns/name` of each parent (Gateway, Service,
 * ServiceEntry), and `ns/name` of each Service backend, each once per route.
 */
export function routeParentKeys(route: Resource): string[] {
  if (!route.parentRefs || route.parentRefs.length === 0) return [];
  const out = new Set<string>();
  for (const ref of route.parentRefs) {
    const kind = parentKind(ref.group, ref.kind);
    if (kind) out.add(routeParentKey(kind, ref.namespace?.value ?? route.namespace, ref.name.value));
  }
  return [...out];
}

export function routeParentKey(kind: 'Gateway' | 'Service' | 'ServiceEntry', namespace: string, name: string): string {
  return `${kind}|${namespace}/${name}`;
}

/** The parent kinds Istio accepts (`allowedParentReferences`); undefined for others (another controller's). */
export function parentKind(group: string, kind: string): 'Gateway' | 'Service' | 'ServiceEntry' | undefined {
  if (group === GATEWAY_API_GROUP && kind === 'Gateway') return 'Gateway';
  if (group === '' && kind === 'Service') return 'Service';
  if (group === 'networking.istio.io' && kind === 'ServiceEntry') return 'ServiceEntry';
  return undefined;
}

/** `ns/name` of every Kubernetes Service a route sends to (backendRefs and mirrors). */
export function routeBackendKeys(route: Resource): string[] {
  if (!route.backendRefs || route.backendRefs.length === 0) return [];
  const out = new Set<string>();
  for (const ref of route.backendRefs)
    if (isServiceRef(ref.group, ref.kind)) out.add(`${ref.namespace?.value ?? route.namespace}/${ref.name.value}`);
  return [...out];
}

/** A backendRef (or ReferenceGrant `to`) naming a Kubernetes Service. */
export function isServiceRef(group: string, kind: string): boolean {
  return group === '' && kind === 'Service';
}

/**
 * `ns/name` of the waypoint an object's `istio.io/use-waypoint` label names (`none` names
 * none). The namespace is `istio.io/use-waypoint-namespace`, else the object's own (for a
 * Namespace object, the namespace it is).
 */
export function waypointKey(r: Resource): string | undefined {
  const use = r.useWaypoint;
  if (!use || use.name.value === NO_WAYPOINT) return undefined;
  return `${use.namespace?.value ?? ownNamespace(r)}/${use.name.value}`;
}

/** The namespace an object stands in: its own for namespaced objects, its name for a Namespace. */
export function ownNamespace(r: Resource): string {
  return r.kind === 'Namespace' && r.group === '' ? (r.name ?? r.namespace) : r.namespace;
}
