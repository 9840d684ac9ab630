import {
  DATAPLANE_MODE_LABEL,
  DEFAULT_TRAFFIC_TYPE,
  NO_WAYPOINT,
  SIDECAR_INJECT_LABEL,
  WAYPOINT_FOR_LABEL,
  WAYPOINT_GATEWAY_CLASS,
} from '../model/ambient';
import type { WaypointUse } from '../model/gatewayApiTypes';
import type { Resource } from '../model/types';
import type { Lookup } from './lookup';
import { ownNamespace } from './references';

/**
 * Ambient mode through the index, as Istio resolves it (pilot/pkg/serviceregistry/ambient/
 * waypoints.go): which namespaces are enrolled, which waypoint a Service or workload uses (its
 * own `istio.io/use-waypoint`, else its namespace's), and which traffic a waypoint takes.
 */

/**
 * True when the workspace defines the Namespace `name` with `istio.io/dataplane-mode: ambient`.
 * A namespace the workspace does not define is never taken for ambient: the rules that depend on
 * it stay silent.
 */
export function isAmbientNamespace(index: Lookup, name: string): boolean {
  return index.namespaceLabels(name)?.[DATAPLANE_MODE_LABEL] === 'ambient';
}

/** The `istio.io/use-waypoint` that applies to an object: its own, else its Namespace's. */
export interface EffectiveWaypoint {
  /** The object whose label decides: the object itself or its Namespace. */
  readonly from: Resource;
  readonly use: WaypointUse;
  /** `namespace/name` of the waypoint; undefined for `none`. */
  readonly namespace?: string;
  readonly name?: string;
}

export function effectiveWaypoint(index: Lookup, r: Resource): EffectiveWaypoint | undefined {
  if (r.useWaypoint) return describe(r, r.useWaypoint);
  if (r.kind === 'Namespace') return undefined;
  const ns = index.namespaceObject(r.namespace).find(n => n.useWaypoint);
  return ns?.useWaypoint ? describe(ns, ns.useWaypoint) : undefined;
}

function describe(from: Resource, use: WaypointUse): EffectiveWaypoint {
  if (use.name.value === NO_WAYPOINT) return { from, use };
  return { from, use, namespace: use.namespace?.value ?? ownNamespace(from), name: use.name.value };
}

/** Which traffic a waypoint takes, and who says so. */
export interface WaypointTraffic {
  readonly type: string;
  /** The label on the Gateway, the label on its GatewayClass, or neither (`service`). */
  readonly source: 'gateway' | 'class' | 'default';
  /** The Gateway or the GatewayClass carrying the label (the Gateway for the default). */
  readonly from: Resource;
}

/**
 * Which traffic a waypoint Gateway takes: its `istio.io/waypoint-for` label, else its
 * GatewayClass's, else `service`. Undefined when the class is a custom one the workspace does
 * not define (its label cannot be seen).
 */
export function waypointTrafficType(index: Lookup, gateway: Resource): WaypointTraffic | undefined {
  const own = gateway.labels[WAYPOINT_FOR_LABEL];
  if (own !== undefined) return { type: own, source: 'gateway', from: gateway };
  const className = gateway.gatewayClassName?.value;
  if (!className) return { type: DEFAULT_TRAFFIC_TYPE, source: 'default', from: gateway };
  const classes = index.gatewayClass(className);
  if (classes.some(c => c.incomplete)) return undefined;
  const labelled = classes.find(c => c.labels[WAYPOINT_FOR_LABEL] !== undefined);
  if (labelled) return { type: labelled.labels[WAYPOINT_FOR_LABEL], source: 'class', from: labelled };
  // Istio's own istio-waypoint class carries no label; another class may, out of sight.
  if (classes.length === 0 && className !== WAYPOINT_GATEWAY_CLASS) return undefined;
  return { type: DEFAULT_TRAFFIC_TYPE, source: 'default', from: gateway };
}

/**
 * Workloads that opt out of ambient capture although their namespace is enrolled: pod label
 * `istio.io/dataplane-mode: none`, or a sidecar injected by `sidecar.istio.io/inject: "true"`.
 */
export function optsOutOfAmbient(workload: Resource): boolean {
  const labels = workload.podLabels ?? {};
  return labels[DATAPLANE_MODE_LABEL] === 'none' || labels[SIDECAR_INJECT_LABEL] === 'true';
}
