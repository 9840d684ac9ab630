import { parseServiceFqdn, resolveHost } from '../model/hosts';
import { mapOf, numberOf, textOf } from './plain';
import type { MigrationNote, MigrationSource, MigrationWorkspace, PlainMap } from './types';

/** What translating one route needs besides the route: notes, and the namespaces its backends cross into. */
export interface RouteScope {
  readonly source: MigrationSource;
  readonly workspace: MigrationWorkspace;
  readonly notes: MigrationNote[];
  /** Namespaces (other than the route's) holding Services the generated routes reference. */
  readonly backendNamespaces: Set<string>;
}

export function noteFor(scope: RouteScope, severity: MigrationNote['severity'], field: string, message: string): void {
  scope.notes.push({ severity, source: scope.source, field, message });
}

/**
 * A backendRef for an Istio `destination`: a Kubernetes Service for cluster hosts (short names
 * and `name.ns.svc.cluster.local`), else Istio's `networking.istio.io/Hostname` backend (a
 * ServiceEntry host). Gateway API requires the port Istio could infer from a one-port Service:
 * it is filled in from the workspace when the destination has none.
 */
export function backendRef(destination: PlainMap, scope: RouteScope, field: string): PlainMap | undefined {
  const host = textOf(destination.host);
  if (!host) {
    noteFor(scope, 'warning', `${field}.host`, 'the destination has no host: it was not translated.');
    return undefined;
  }
  const routeNamespace = scope.source.namespace;
  const service = parseServiceFqdn(resolveHost(host, routeNamespace));
  const out: PlainMap = {};
  let ports: readonly number[] | undefined;
  if (service) {
    out.name = service.name;
    if (service.namespace !== routeNamespace) {
      out.namespace = service.namespace;
      scope.backendNamespaces.add(service.namespace);
    }
    ports = scope.workspace.servicePorts(service.namespace, service.name);
  } else {
    out.group = 'networking.istio.io';
    out.kind = 'Hostname';
    out.name = host;
    ports = scope.workspace.serviceEntryPorts(host);
    noteFor(
      scope,
      'info',
      `${field}.host`,
      `${host} is not a cluster Service: it becomes an Istio Hostname backend (the ServiceEntry host).`,
    );
  }
  const port = numberOf(mapOf(destination.port).number) ?? (ports?.length === 1 ? ports[0] : undefined);
  if (port !== undefined) out.port = port;
  else
    noteFor(
      scope,
      'warning',
      `${field}.port`,
      `the Gateway API requires a port for ${host} and the workspace does not tell which one: add it.`,
    );
  const subset = textOf(destination.subset);
  if (subset)
    noteFor(
      scope,
      'warning',
      `${field}.subset`,
      `subset ${subset} is not translated (the Gateway API routes to Services, not subsets): create a Service per version (selecting the subset's labels, e.g. ${out.name as string}-${subset}) and point this backendRef at it; until then it sends traffic to every version.`,
    );
  return out;
}
