import { isWildcard, resolveHost } from '../model/hosts';
import { identityOf } from '../model/identity';
import type { Resource } from '../model/types';
import { GATEWAY_CLASS_KIND_KEY, GATEWAY_KIND_KEY, ROUTE_KIND_KEYS } from '../model/gatewayApi';
import { kindKey } from '../model/kinds';
import { boundGateways, destinationHosts, routeBackendKeys, routeParentKeys, waypointKey } from './references';
import { dirname } from '../util/paths';

/**
 * Dependency keys. A lookup records the keys it read; a resource provides keys. When a resource
 * appears, changes or disappears, every resource that read one of its keys is re-checked, and
 * nothing else: that is what keeps an edit's cost independent of the workspace size.
 */
export const Keys = {
  service: (host: string) => `svc:${host}`,
  serviceWildcard: (pattern: string) => `svcw:${pattern}`,
  servicesInNamespace: (ns: string) => `ns-svc:${ns}`,
  serviceName: (name: string) => `svcname:${name}`,
  destinationRule: (host: string) => `dr:${host}`,
  destinationRuleWildcard: (pattern: string) => `drw:${pattern}`,
  gateway: (ns: string, name: string) => `gw:${ns}/${name}`,
  gatewayName: (name: string) => `gwname:${name}`,
  gateways: () => 'gw:*',
  workloads: (ns: string) => `wl:${ns}`,
  allWorkloads: () => 'wl:*',
  workloadLabel: (key: string, value: string) => `wlabel:${key}=${value}`,
  virtualServiceHost: (host: string) => `vsh:${host}`,
  virtualServiceDestination: (host: string) => `vsd:${host}`,
  virtualServiceGateway: (gateway: string) => `vsg:${gateway}`,
  kind: (kind: string, ns: string) => `kind:${kind}:${ns}`,
  kindAnywhere: (kind: string) => `kind:${kind}:*`,
  rootNamespace: () => 'root',
  meshExportTo: () => 'mesh-export',
  identity: (identity: string) => `id:${identity}`,
  incomplete: (kind: string) => `incomplete:${kind}`,
  // Gateway API and ambient mode.
  kubeGateway: (ns: string, name: string) => `kgw:${ns}/${name}`,
  kubeGatewayName: (name: string) => `kgwname:${name}`,
  gatewayClass: (name: string) => `gwclass:${name}`,
  namespaceObject: (name: string) => `nsobj:${name}`,
  routeParent: (key: string) => `rparent:${key}`,
  routeBackend: (key: string) => `rbackend:${key}`,
  waypointUser: (key: string) => `wpuser:${key}`,
  meshConfig: () => 'meshcfg',
  kustomizations: () => 'kustomizations',
  directory: (dir: string) => `dir:${dir}`,
} as const;

export function providedKeys(r: Resource): string[] {
  const kind = kindKey(r.group, r.kind);
  const keys = [Keys.kind(kind, r.namespace), Keys.kindAnywhere(kind)];
  switch (kind) {
    case 'Service':
      if (r.name) keys.push(Keys.service(resolveHost(r.name, r.namespace)), Keys.serviceName(r.name.toLowerCase()));
      keys.push(Keys.servicesInNamespace(r.namespace));
      break;
    case 'ServiceEntry':
      for (const h of r.hosts ?? []) {
        const host = resolveHost(h.value, r.namespace);
        keys.push(isWildcard(host) ? Keys.serviceWildcard(host) : Keys.service(host));
      }
      keys.push(Keys.servicesInNamespace(r.namespace));
      break;
    case 'DestinationRule':
      if (r.drHost) {
        const host = resolveHost(r.drHost.value, r.namespace);
        keys.push(isWildcard(host) ? Keys.destinationRuleWildcard(host) : Keys.destinationRule(host));
      }
      break;
    case 'Gateway':
      if (r.name) keys.push(Keys.gateway(r.namespace, r.name), Keys.gatewayName(r.name));
      keys.push(Keys.gateways());
      break;
    case 'VirtualService':
      for (const h of r.hosts ?? []) keys.push(Keys.virtualServiceHost(resolveHost(h.value, r.namespace)));
      for (const host of destinationHosts(r)) keys.push(Keys.virtualServiceDestination(host));
      for (const gateway of boundGateways(r)) keys.push(Keys.virtualServiceGateway(gateway));
      break;
    case GATEWAY_KIND_KEY:
      if (r.name) keys.push(Keys.kubeGateway(r.namespace, r.name), Keys.kubeGatewayName(r.name));
      break;
    case GATEWAY_CLASS_KIND_KEY:
      if (r.name) keys.push(Keys.gatewayClass(r.name));
      break;
    case 'Namespace':
      if (r.name) keys.push(Keys.namespaceObject(r.name));
      break;
    default:
      if (ROUTE_KIND_KEYS.includes(kind)) {
        for (const key of routeParentKeys(r)) keys.push(Keys.routeParent(key));
        for (const key of routeBackendKeys(r)) keys.push(Keys.routeBackend(key));
      }
      break;
  }
  const waypoint = waypointKey(r);
  if (waypoint) keys.push(Keys.waypointUser(waypoint));
  if (r.podLabels) {
    keys.push(Keys.workloads(r.namespace), Keys.allWorkloads());
    for (const [k, v] of Object.entries(r.podLabels)) keys.push(Keys.workloadLabel(k, v));
  }
  if (r.meshRootNamespace) keys.push(Keys.rootNamespace());
  if (r.meshExportTo) keys.push(Keys.meshExportTo());
  if (r.mesh) keys.push(Keys.meshConfig());
  if (r.kustomization) keys.push(Keys.kustomizations());
  keys.push(Keys.directory(dirname(r.file)));
  const identity = identityOf(r);
  if (identity !== undefined) keys.push(Keys.identity(identity));
  if (r.incomplete) keys.push(Keys.incomplete(kind));
  return keys;
}
