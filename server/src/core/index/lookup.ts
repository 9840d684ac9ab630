import type { LineStarts } from '../parse/lineIndex';
import { hostCoveredBy, isWildcard, parseServiceFqdn, resolveHost, wildcardCandidates } from '../model/hosts';
import { isExportedTo } from '../model/exportTo';
import { WORKLOAD_KINDS } from '../model/kinds';
import type { Labels, Resource } from '../model/types';
import { Keys } from './keys';
import { routeParentKey } from './references';
import type { WorkspaceIndex } from './workspaceIndex';

/** Where the DestinationRules that apply to a client were found, in Istio's lookup order. */
export interface DestinationRuleMatch {
  readonly rules: readonly Resource[];
  readonly namespace: string;
  readonly step: 'client' | 'service' | 'root';
  /** The DR host that matched (exact host or the most specific wildcard). */
  readonly matchedHost: string;
}

/**
 * Read access to the index for rules and features. Every query records the dependency keys it
 * read, so a rule is re-run exactly when something it looked at changes, including when
 * something it looked for and did not find appears.
 */
export class Lookup {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly track: (key: string) => void,
  ) {}

  get rootNamespace(): string {
    this.track(Keys.rootNamespace());
    return this.index.rootNamespace;
  }

  resource(id: string): Resource | undefined {
    return this.index.resource(id);
  }

  lineStarts(file: string): LineStarts | undefined {
    return this.index.file(file)?.lineStarts;
  }

  /** Kubernetes Services and ServiceEntries that define `host` (an FQDN), exactly or by wildcard. */
  servicesForHost(host: string): Resource[] {
    this.track(Keys.service(host));
    const out = [...this.index.tables.services.get(host)];
    for (const pattern of wildcardCandidates(host)) {
      this.track(Keys.serviceWildcard(pattern));
      out.push(...this.index.tables.serviceWildcards.get(pattern));
    }
    if (isWildcard(host)) {
      this.track(Keys.serviceWildcard(host));
      out.push(...this.index.tables.serviceWildcards.get(host));
    }
    return out;
  }

  /** The namespace Istio takes as the service's own: the Service's, or the ServiceEntry's. */
  serviceNamespace(host: string): string | undefined {
    const fromName = parseServiceFqdn(host)?.namespace;
    if (fromName) return fromName;
    const providers = this.servicesForHost(host);
    return providers.length > 0 ? [...providers].sort(byId)[0].namespace : undefined;
  }

  /** Kubernetes Services named `name` in any namespace. */
  servicesNamed(name: string): Resource[] {
    const key = name.toLowerCase();
    this.track(Keys.serviceName(key));
    return sorted(this.index.tables.servicesByName.get(key));
  }

  hasServicesIn(namespace: string): boolean {
    this.track(Keys.servicesInNamespace(namespace));
    return this.index.tables.servicesByNs.get(namespace).length > 0;
  }

  /** DestinationRules of `namespace` whose host most specifically matches `host`. */
  destinationRulesIn(
    namespace: string,
    host: string,
    filter: (dr: Resource) => boolean = () => true,
  ): { rules: Resource[]; matchedHost: string } | undefined {
    this.track(Keys.destinationRule(host));
    const exact = this.index.tables.drs.get(`${namespace}|${host}`).filter(filter);
    if (exact.length > 0) return { rules: sorted(exact), matchedHost: host };
    for (const pattern of wildcardCandidates(host)) {
      this.track(Keys.destinationRuleWildcard(pattern));
      const wild = this.index.tables.drs.get(`${namespace}|${pattern}`).filter(filter);
      if (wild.length > 0 && hostCoveredBy(host, pattern)) return { rules: sorted(wild), matchedHost: pattern };
    }
    return undefined;
  }

  /**
   * The DestinationRules Istio applies to traffic from a client in `clientNamespace` to `host`:
   * first the client's namespace, then the service's namespace, then the root namespace; only
   * rules exported to the client count outside its own namespace.
   */
  destinationRulesFor(host: string, clientNamespace: string): DestinationRuleMatch | undefined {
    const root = this.rootNamespace;
    // A proxy in the root namespace (typically a gateway) first sees only the root namespace's
    // private rules, so mesh-wide catch-alls there do not shadow the service's own rules.
    const local =
      clientNamespace === root
        ? this.destinationRulesIn(root, host, isPrivate)
        : this.destinationRulesIn(clientNamespace, host);
    if (local) return { ...local, namespace: clientNamespace, step: clientNamespace === root ? 'root' : 'client' };
    const exported = (ns: string) => (dr: Resource) => !dr.selector && isExportedTo(dr.exportTo, ns, clientNamespace);
    const serviceNs = this.serviceNamespace(host);
    if (serviceNs && serviceNs !== clientNamespace) {
      const found = this.destinationRulesIn(serviceNs, host, exported(serviceNs));
      if (found) return { ...found, namespace: serviceNs, step: 'service' };
    }
    const found = this.destinationRulesIn(root, host, exported(root));
    if (found) return { ...found, namespace: root, step: 'root' };
    return undefined;
  }

  /** Namespaces holding a DestinationRule written for exactly `host`. */
  namespacesWithRulesFor(host: string): string[] {
    return [...new Set(this.destinationRulesAnywhere(host).map(r => r.namespace))].sort();
  }

  /** Every DestinationRule for `host` anywhere (exact host only), for suggestions. */
  destinationRulesAnywhere(host: string): Resource[] {
    this.track(Keys.destinationRule(host));
    return sorted(this.index.tables.drsByHost.get(host));
  }

  gateway(namespace: string, name: string): Resource[] {
    this.track(Keys.gateway(namespace, name));
    return sorted(this.index.tables.gateways.get(`${namespace}/${name}`));
  }

  gatewaysNamed(name: string): Resource[] {
    this.track(Keys.gatewayName(name));
    return sorted(this.index.tables.gatewaysByName.get(name));
  }

  allGateways(): Resource[] {
    this.track(Keys.gateways());
    return sorted(this.index.tables.byKind.get('Gateway'));
  }

  /** Resources that run pods (or WorkloadEntries) in `namespace`. */
  workloads(namespace: string): readonly Resource[] {
    this.track(Keys.workloads(namespace));
    return this.index.tables.workloads.get(namespace);
  }

  /** Every namespace that has workloads in the workspace. */
  workloadNamespaces(): string[] {
    this.track(Keys.allWorkloads());
    return [...this.index.tables.workloads.keys()].sort();
  }

  ofKind(kind: string, namespace: string): Resource[] {
    this.track(Keys.kind(kind, namespace));
    return sorted(this.index.tables.byKindNs.get(`${kind}|${namespace}`));
  }

  ofKindAnywhere(kind: string): Resource[] {
    this.track(Keys.kindAnywhere(kind));
    return sorted(this.index.tables.byKind.get(kind));
  }

  /** True when a Helm-templated resource of this kind in `namespace` could hide what a rule looks for. */
  hasIncomplete(kind: string, namespace: string): boolean {
    this.track(Keys.kind(kind, namespace));
    return this.index.tables.incomplete.get(`${kind}|${namespace}`).length > 0;
  }

  hasIncompleteAnywhere(kind: string): boolean {
    this.track(Keys.incomplete(kind));
    return this.index.tables.incomplete.get(kind).length > 0;
  }

  /**
   * True when a Helm-templated workload (in `namespace`, or anywhere) could carry labels the
   * analysis cannot see, and so be the workload a rule finds missing.
   */
  hasIncompleteWorkloads(namespace?: string): boolean {
    // Stopping at the first hit is safe: the answer can only change when that kind's key does.
    return INCOMPLETE_WORKLOAD_KINDS.some(kind =>
      namespace === undefined ? this.hasIncompleteAnywhere(kind) : this.hasIncomplete(kind, namespace),
    );
  }

  /**
   * Workloads of any namespace whose pod labels include `key: value`. Selectors that reach every
   * namespace (Gateways, root-namespace policies) ask this instead of scanning all workloads, and
   * are then re-checked only when a workload with that label changes.
   */
  workloadsWithLabel(key: string, value: string): Resource[] {
    this.track(Keys.workloadLabel(key, value));
    return sorted(this.index.tables.workloadsByLabel.get(`${key}=${value}`));
  }

  /** DestinationRules of `namespace` written for exactly `host` (resolved; may be a wildcard), without fallback. */
  destinationRulesExact(namespace: string, host: string): Resource[] {
    this.track(isWildcard(host) ? Keys.destinationRuleWildcard(host) : Keys.destinationRule(host));
    return sorted(this.index.tables.drs.get(`${namespace}|${host}`));
  }

  virtualServicesForHost(host: string): Resource[] {
    this.track(Keys.virtualServiceHost(host));
    return sorted(this.index.tables.vsByHost.get(host));
  }

  /** VirtualServices with a route destination whose resolved host is exactly `host`. */
  virtualServicesRoutingTo(host: string): Resource[] {
    this.track(Keys.virtualServiceDestination(host));
    return sorted(this.index.tables.vsByDestination.get(host));
  }

  /** Every resolved route destination host of the workspace (for wildcard matching). */
  destinationHosts(): IterableIterator<string> {
    return this.index.tables.vsByDestination.keys();
  }

  /** VirtualServices naming the Gateway `namespace/name` in `gateways` or in a route match. */
  virtualServicesBoundTo(namespace: string, name: string): Resource[] {
    const key = `${namespace}/${name}`;
    this.track(Keys.virtualServiceGateway(key));
    return sorted(this.index.tables.vsByGateway.get(key));
  }

  resolve(host: string, namespace: string): string {
    return resolveHost(host, namespace);
  }

  // --- Gateway API and ambient mode ----------------------------------------------------------

  /** Gateway API Gateways `namespace/name` (never Istio Gateways). */
  kubeGateway(namespace: string, name: string): Resource[] {
    this.track(Keys.kubeGateway(namespace, name));
    return sorted(this.index.tables.kubeGateways.get(`${namespace}/${name}`));
  }

  /** Gateway API Gateways named `name` in any namespace. */
  kubeGatewaysNamed(name: string): Resource[] {
    this.track(Keys.kubeGatewayName(name));
    return sorted(this.index.tables.kubeGatewaysByName.get(name));
  }

  /** GatewayClasses named `name` (cluster-scoped). */
  gatewayClass(name: string): Resource[] {
    this.track(Keys.gatewayClass(name));
    return sorted(this.index.tables.gatewayClasses.get(name));
  }

  /** The Namespace objects named `name` the workspace defines. */
  namespaceObject(name: string): Resource[] {
    this.track(Keys.namespaceObject(name));
    return sorted(this.index.tables.namespaceObjects.get(name));
  }

  /**
   * Labels of the Namespace `name` when the workspace defines it and no Helm templating hides
   * them; undefined otherwise (selectors over namespace labels cannot then be judged).
   */
  namespaceLabels(name: string): Labels | undefined {
    const found = this.namespaceObject(name);
    if (found.length === 0 || found.some(n => n.incomplete)) return undefined;
    return found[0].labels;
  }

  /** Kubernetes Services `namespace/name`. */
  kubernetesServices(namespace: string, name: string): Resource[] {
    return this.servicesForHost(resolveHost(name, namespace)).filter(s => s.kind === 'Service' && s.group === '');
  }

  /** Routes with a parentRef to the Gateway, Service or ServiceEntry `namespace/name`. */
  routesWithParent(kind: 'Gateway' | 'Service' | 'ServiceEntry', namespace: string, name: string): Resource[] {
    const key = routeParentKey(kind, namespace, name);
    this.track(Keys.routeParent(key));
    return sorted(this.index.tables.routesByParent.get(key));
  }

  /** Routes with a backendRef (or mirror) to the Service `namespace/name`. */
  routesWithBackend(namespace: string, name: string): Resource[] {
    const key = `${namespace}/${name}`;
    this.track(Keys.routeBackend(key));
    return sorted(this.index.tables.routesByBackend.get(key));
  }

  /** Namespaces, Services and workloads whose `istio.io/use-waypoint` names the waypoint `namespace/name`. */
  waypointUsers(namespace: string, name: string): Resource[] {
    const key = `${namespace}/${name}`;
    this.track(Keys.waypointUser(key));
    return sorted(this.index.tables.waypointUsers.get(key));
  }
}

const INCOMPLETE_WORKLOAD_KINDS = [...WORKLOAD_KINDS, 'WorkloadEntry', 'WorkloadGroup'];

/** A root-namespace rule exported only to the root namespace itself. */
function isPrivate(dr: Resource): boolean {
  return !!dr.exportTo && dr.exportTo.length > 0 && dr.exportTo.every(e => e === '.' || e === dr.namespace);
}

function byId(a: Resource, b: Resource): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Table lists are already in id order (see Tables); callers get their own copy. */
function sorted(list: readonly Resource[]): Resource[] {
  return list.slice();
}
