import { asScalar, get, items, pairOf, str } from '../../parse/access';
import type { YNode } from '../../parse/types';
import {
  L4_WHEN_KEYS,
  L7_OPERATION_FIELDS,
  L7_SOURCE_FIELDS,
  USE_WAYPOINT_LABEL,
  USE_WAYPOINT_NAMESPACE_LABEL,
} from '../ambient';
import type { L7Field, ObjectRef, WaypointUse } from '../gatewayApiTypes';
import { WORKLOAD_KINDS } from '../kinds';
import type { ResourceFields } from '../types';
import { objectRef, objectRefs } from './gatewayApi';

/**
 * Ambient-mode fields: the waypoint a Namespace, Service or workload asks for, and for policies
 * their `targetRefs` and the HTTP attributes ztunnel cannot enforce.
 */
export function extractAmbient(kind: string, node: YNode): ResourceFields {
  const fields: ResourceFields = {};
  const labels = labelsNode(kind, node);
  const useWaypoint = labels ? waypointUse(labels) : undefined;
  if (useWaypoint) fields.useWaypoint = useWaypoint;
  if (POLICY_KINDS.has(kind)) {
    const refs = targetRefs(get(node, 'spec'));
    if (refs.length > 0) fields.targetRefs = refs;
  }
  if (kind === 'AuthorizationPolicy') {
    const spec = get(node, 'spec');
    fields.action = str(get(spec, 'action'))?.value ?? 'ALLOW';
    const l7 = l7Fields(spec);
    if (l7.length > 0) fields.l7Fields = l7;
  }
  return fields;
}

/** Policies that attach to waypoints and gateways with `targetRefs`. */
const POLICY_KINDS = new Set([
  'AuthorizationPolicy',
  'RequestAuthentication',
  'Telemetry',
  'WasmPlugin',
  'PeerAuthentication',
  'EnvoyFilter',
]);

/** The labels Istio reads `istio.io/use-waypoint` from: the object's, or its pods' for workloads. */
function labelsNode(kind: string, node: YNode): YNode | undefined {
  if (kind === 'CronJob') return get(node, 'spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels');
  if (WORKLOAD_KINDS.has(kind) && kind !== 'Pod') return get(node, 'spec', 'template', 'metadata', 'labels');
  return get(node, 'metadata', 'labels');
}

function waypointUse(labels: YNode): WaypointUse | undefined {
  const name = str(pairOf(labels, USE_WAYPOINT_LABEL)?.value);
  if (!name) return undefined;
  return { name, namespace: str(pairOf(labels, USE_WAYPOINT_NAMESPACE_LABEL)?.value) };
}

/** `targetRefs`, or the legacy single `targetRef`. */
function targetRefs(spec: YNode | undefined): ObjectRef[] {
  const list = objectRefs(get(spec, 'targetRefs'), '', '');
  if (list.length > 0) return list;
  const single = objectRef(get(spec, 'targetRef'), '', '');
  return single ? [single] : [];
}

/** The HTTP attributes in an AuthorizationPolicy's rules, as Istio's ztunnel conversion finds them. */
function l7Fields(spec: YNode | undefined): L7Field[] {
  const out: L7Field[] = [];
  for (const rule of items(get(spec, 'rules'))) {
    for (const to of items(get(rule, 'to'))) nonEmptyFields(get(to, 'operation'), L7_OPERATION_FIELDS, out);
    for (const from of items(get(rule, 'from'))) nonEmptyFields(get(from, 'source'), L7_SOURCE_FIELDS, out);
    for (const when of items(get(rule, 'when'))) {
      const key = str(get(when, 'key'));
      if (key && !L4_WHEN_KEYS.has(key.value)) out.push({ name: key.value, span: key.span });
    }
  }
  return out;
}

/** The fields of `fields` that `holder` sets to a non-empty list, pushed to `out`. */
function nonEmptyFields(holder: YNode | undefined, fields: readonly string[], out: L7Field[]): void {
  for (const field of fields) {
    const pair = pairOf(holder, field);
    const key = asScalar(pair?.key);
    if (key && items(pair?.value).length > 0) out.push({ name: field, span: key.span });
  }
}
