/**
 * Ambient mode as Istio implements it (pilot/pkg/serviceregistry/ambient/waypoints.go): the
 * labels that enrol namespaces and pick waypoints, and which traffic a waypoint takes.
 */
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
export const USE_WAYPOINT_LABEL = 'istio.io/use-waypoint';
export const USE_WAYPOINT_NAMESPACE_LABEL = 'istio.io/use-waypoint-namespace';
export const WAYPOINT_FOR_LABEL = 'istio.io/waypoint-for';
export const SIDECAR_INJECT_LABEL = 'sidecar.istio.io/inject';
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';
export const MESH_CONTROLLER = 'istio.io/mesh-controller';

/** `istio.io/use-waypoint: none` opts a Service or workload out of its namespace's waypoint. */
export const NO_WAYPOINT = 'none';

/** Values of `istio.io/waypoint-for`; `service` when neither the Gateway nor its class sets it. */
export type TrafficType = 'service' | 'workload' | 'all' | 'none';
export const DEFAULT_TRAFFIC_TYPE: TrafficType = 'service';

/** Whether a waypoint of `trafficType` takes traffic addressed to a Service (or to a workload). */
export function trafficTypeCovers(trafficType: string, target: 'service' | 'workload'): boolean {
  return trafficType === 'all' || trafficType === target;
}

/**
 * AuthorizationPolicy `when` keys ztunnel enforces (`l4WhenAttributes` in Istio's
 * pilot/pkg/serviceregistry/ambient/authorization.go); every other key is an HTTP attribute.
 */
export const L4_WHEN_KEYS: ReadonlySet<string> = new Set([
  'source.ip',
  'source.namespace',
  'source.principal',
  'destination.ip',
  'destination.port',
]);

/** Operation and source fields ztunnel cannot see (Istio's `httpOperations` and `httpSources`). */
export const L7_OPERATION_FIELDS: readonly string[] = [
  'hosts',
  'notHosts',
  'methods',
  'notMethods',
  'paths',
  'notPaths',
];
export const L7_SOURCE_FIELDS: readonly string[] = [
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'requestPrincipals',
  'notRequestPrincipals',
];
