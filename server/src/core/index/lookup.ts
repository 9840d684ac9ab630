import type { LineStarts } from '../parse/lineIndex';
import { hostCoveredBy, isWildcard, parseServiceFqdn, resolveHost, wildcardCandidates } from '../model/hosts';
import { effectiveExportTo, isExportedTo } from '../model/exportTo';
import { identityOf, sameObject } from '../model/identity';
import { WORKLOAD_KINDS } from '../model/kinds';
import type { Labels, Resource } from '../model/types';
import { dirname } from '../util/paths';
import { Keys } from './keys';
import { byId } from './tables';
import type { IndexedWorkspace } from './scope';

export type { IndexedWorkspace } from './scope';
import { routeParentKey } from './references';

/** Where the DestinationRules that apply to a client were found, in Istio's lookup order. */
export interface DestinationRuleMatch {
  readonly rules: readonly Resource[];
  readonly namespace: string;
  readonly step: 'client' | 'service' | 'root';
  /** The DR host that matched (exact host or the most specific wildcard). */
  readonly matchedHost: string;
}

/**
 * Read access to the index for rules and features, scoped to one environment: the objects of
 * its own files and of the shared ones. Every query records the dependency keys it read, so a
 * rule is re-run exactly when something it looked at changes, including when something it
 * looked for and did not find appears.
 *
 * A lookup made for a rule checking `self` hides the other copies of `self` (same group, kind,
 * namespace and name, from other files): a cluster holds one object per identity, so a copy is
 * the same object, never a second one to compare with. Every list a query returns passes
 * through `visible`.
 */
export class Lookup {
  private hidesCopies: boolean | undefined;

  constructor(
    private readonly index: IndexedWorkspace,
    private readonly track: (key: string) => void,
    private readonly self?: Resource,
  ) {}

  /** Other copies of `r` (same identity) in this environment, `r` excluded. */
  copiesOf(r: Resource): Resource[] {
    const identity = identityOf(r);
    if (identity === undefined) return [];
    this.track(Keys.identity(identity));
    return this.index.tables.objectsLike(r).filter(o => o !== r && o.id !== r.id);
  }

  /**
   * The exportTo Istio applies to a Service, ServiceEntry, VirtualService or DestinationRule:
   * its own, else the MeshConfig default of its environment for its kind, else all namespaces.
   */
  exportTo(r: Resource): readonly string[] | undefined {
    return effectiveExportTo(r, this.index.meshExportTo);
  }

  /** True when `r` is exported to (visible from) `namespace`. */
  isVisible(r: Resource, namespace: string): boolean {
    return isExportedTo(this.exportTo(r), r.namespace, namespace);
  }

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

  /**
   * Kubernetes Services and ServiceEntries that define `host` (an FQDN), exactly or by wildcard.
   * With `from`, only those exported to that namespace (exportTo, the Service annotation
   * `networking.istio.io/exportTo`, MeshConfig `defaultServiceExportTo`): the hosts a proxy in
   * `from` knows.
   */
  servicesForHost(host: string, from?: string): Resource[] {
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
    return this.visible(from === undefined ? out : out.filter(r => this.isVisible(r, from)));
  }

  /**
   * The namespace Istio takes as the service's own: the Service's, or the ServiceEntry's (of
   * those visible from `from`, when given).
   */
  serviceNamespace(host: string, from?: string): string | undefined {
    const fromName = parseServiceFqdn(host)?.namespace;
    if (fromName) return fromName;
    const providers = this.servicesForHost(host, from);
    return providers.length > 0 ? [...providers].sort(byId)[0].namespace : undefined;
  }

  /** Kubernetes Services named `name` in any namespace. */
  servicesNamed(name: string): Resource[] {
    const key = name.toLowerCase();
    this.track(Keys.serviceName(key));
    return this.visible(this.index.tables.servicesByName.get(key));
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
    const exact = this.visible(this.index.tables.drs.get(`${namespace}|${host}`)).filter(filter);
    if (exact.length > 0) return { rules: exact, matchedHost: host };
    for (const pattern of wildcardCandidates(host)) {
      this.track(Keys.destinationRuleWildcard(pattern));
      const wild = this.visible(this.index.tables.drs.get(`${namespace}|${pattern}`)).filter(filter);
      if (wild.length > 0 && hostCoveredBy(host, pattern)) return { rules: wild, matchedHost: pattern };
    }
    return undefined;
  }

  /**
   * The DestinationRules Istio applies to traffic from a client in `clientNamespace` to `host`:
   * first the client's namespace, then the service's namespace, then the root namespace; only
   * rules exported to the client count outside its own namespace (pilot's push context).
   */
  destinationRulesFor(host: string, clientNamespace: string): DestinationRuleMatch | undefined {
    const root = this.rootNamespace;
    // A proxy in the root namespace (typically a gateway) first sees only the root namespace's
    // private rules, so mesh-wide catch-alls there do not shadow the service's own rules. In other
    // namespaces a rule counts locally unless it is exported only to other namespaces.
    const local =
      clientNamespace === root
        ? this.destinationRulesIn(root, host, dr => this.isPrivate(dr))
        : this.destinationRulesIn(clientNamespace, host, dr => this.isLocal(dr));
    if (local) return { ...local, namespace: clientNamespace, step: clientNamespace === root ? 'root' : 'client' };
    const exported = (ns: string) => (dr: Resource) =>
      !dr.selector && !this.isPrivate(dr) && isExportedTo(this.exportTo(dr), ns, clientNamespace);
    const serviceNs = this.serviceNamespace(host, clientNamespace);
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
    return this.visible(this.index.tables.drsByHost.get(host));
  }

  gateway(namespace: string, name: string): Resource[] {
    this.track(Keys.gateway(namespace, name));
    return this.visible(this.index.tables.gateways.get(`${namespace}/${name}`));
  }

  gatewaysNamed(name: string): Resource[] {
    this.track(Keys.gatewayName(name));
    return this.visible(this.index.tables.gatewaysByName.get(name));
  }

  allGateways(): Resource[] {
    this.track(Keys.gateways());
    return this.visible(this.index.tables.byKind.get('Gateway'));
  }

  /** Resources that run pods (or WorkloadEntries) in `namespace`. */
  workloads(namespace: string): readonly Resource[] {
    this.track(Keys.workloads(namespace));
    return this.visible(this.index.tables.workloads.get(namespace));
  }

  /** Every namespace that has workloads in the workspace. */
  workloadNamespaces(): string[] {
    this.track(Keys.allWorkloads());
    return [...this.index.tables.workloads.keys()].sort();
  }

  ofKind(kind: string, namespace: string): Resource[] {
    this.track(Keys.kind(kind, namespace));
    return this.visible(this.index.tables.byKindNs.get(`${kind}|${namespace}`));
  }

  ofKindAnywhere(kind: string): Resource[] {
    this.track(Keys.kindAnywhere(kind));
    return this.visible(this.index.tables.byKind.get(kind));
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
    return this.visible(this.index.tables.workloadsByLabel.get(`${key}=${value}`));
  }

  /** DestinationRules of `namespace` written for exactly `host` (resolved; may be a wildcard), without fallback. */
  destinationRulesExact(namespace: string, host: string): Resource[] {
    this.track(isWildcard(host) ? Keys.destinationRuleWildcard(host) : Keys.destinationRule(host));
    return this.visible(this.index.tables.drs.get(`${namespace}|${host}`));
  }

  virtualServicesForHost(host: string): Resource[] {
    this.track(Keys.virtualServiceHost(host));
    return this.visible(this.index.tables.vsByHost.get(host));
  }

  /** VirtualServices with a route destination whose resolved host is exactly `host`. */
  virtualServicesRoutingTo(host: string): Resource[] {
    this.track(Keys.virtualServiceDestination(host));
    return this.visible(this.index.tables.vsByDestination.get(host));
  }

  /** Every resolved route destination host of the workspace (for wildcard matching). */
  destinationHosts(): IterableIterator<string> {
    return this.index.tables.vsByDestination.keys();
  }

  /** VirtualServices naming the Gateway `namespace/name` in `gateways` or in a route match. */
  virtualServicesBoundTo(namespace: string, name: string): Resource[] {
    const key = `${namespace}/${name}`;
    this.track(Keys.virtualServiceGateway(key));
    return this.visible(this.index.tables.vsByGateway.get(key));
  }

  /** Resources carrying a MeshConfig, in id order (the first is the one the root namespace comes from). */
  meshConfigs(): Resource[] {
    this.track(Keys.meshConfig());
    return [...this.index.tables.meshConfigs].sort(byId);
  }

  /** A kustomization listing `file` (directly or through its directory), if any. */
  kustomizationListing(file: string): string | undefined {
    this.track(Keys.kustomizations());
    return this.index.kustomizationListing(file);
  }

  /** Resources of `file`, in id order (read under its directory's key, which every resource there provides). */
  resourcesInFile(file: string): Resource[] {
    this.track(Keys.directory(dirname(file)));
    return [...(this.index.file(file)?.resources ?? [])].sort(byId);
  }

  resolve(host: string, namespace: string): string {
    return resolveHost(host, namespace);
  }

  /**
   * A copy of a table list (tables keep id order, so answers are deterministic without sorting),
   * without the other copies of the object being checked.
   */
  private visible(list: readonly Resource[]): Resource[] {
    // Only an object with copies in this environment has anything to hide.
    if (this.hidesCopies === undefined) this.hidesCopies = !!this.self && this.index.tables.countLike(this.self) > 1;
    if (!this.hidesCopies) return list.slice();
    const self = this.self!;
    return list.filter(r => r === self || !sameObject(r, self));
  }

  /** A rule exported only to its own namespace (Istio's "private" rules), by itself or by the mesh default. */
  private isPrivate(dr: Resource): boolean {
    const exportTo = this.exportTo(dr);
    return (
      !!exportTo &&
      exportTo.length > 0 &&
      !exportTo.includes('*') &&
      exportTo.every(e => e === '.' || e === dr.namespace)
    );
  }

  /** A rule that clients in its own namespace use (exported to nowhere else is fine; only to elsewhere is not). */
  private isLocal(dr: Resource): boolean {
    if (dr.selector) return true;
    const own = dr.exportTo;
    return !own || own.length === 0 || own.some(e => e === '*' || e === '.' || e === dr.namespace);
  }

  // --- Gateway API and ambient mode ----------------------------------------------------------

  /** Gateway API Gateways `namespace/name` (never Istio Gateways). */
  kubeGateway(namespace: string, name: string): Resource[] {
    this.track(Keys.kubeGateway(namespace, name));
    return this.visible(this.index.tables.kubeGateways.get(`${namespace}/${name}`));
  }

  /** Gateway API Gateways named `name` in any namespace. */
  kubeGatewaysNamed(name: string): Resource[] {
    this.track(Keys.kubeGatewayName(name));
    return this.visible(this.index.tables.kubeGatewaysByName.get(name));
  }

  /** GatewayClasses named `name` (cluster-scoped). */
  gatewayClass(name: string): Resource[] {
    this.track(Keys.gatewayClass(name));
    return this.visible(this.index.tables.gatewayClasses.get(name));
  }

  /** The Namespace objects named `name` the workspace defines. */
  namespaceObject(name: string): Resource[] {
    this.track(Keys.namespaceObject(name));
    return this.visible(this.index.tables.namespaceObjects.get(name));
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
    return this.visible(this.index.tables.routesByParent.get(key));
  }

  /** Routes with a backendRef (or mirror) to the Service `namespace/name`. */
  routesWithBackend(namespace: string, name: string): Resource[] {
    const key = `${namespace}/${name}`;
    this.track(Keys.routeBackend(key));
    return this.visible(this.index.tables.routesByBackend.get(key));
  }

  /** Namespaces, Services and workloads whose `istio.io/use-waypoint` names the waypoint `namespace/name`. */
  waypointUsers(namespace: string, name: string): Resource[] {
    const key = `${namespace}/${name}`;
    this.track(Keys.waypointUser(key));
    return this.visible(this.index.tables.waypointUsers.get(key));
  }
}

const INCOMPLETE_WORKLOAD_KINDS = [...WORKLOAD_KINDS, 'WorkloadEntry', 'WorkloadGroup'];
