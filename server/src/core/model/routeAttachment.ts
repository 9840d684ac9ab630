import { GATEWAY_API_GROUP, supportedRouteKinds } from './gatewayApi';
import type { ListenerSummary, ParentRef } from './gatewayApiTypes';
import { hostsOverlap } from './hosts';
import { namespaceLabels, NAMESPACE_NAME_LABEL, selectorKeys, selectorMatches } from './labelSelector';
import type { Labels, Resource } from './types';

/**
 * Whether a route attaches to a Gateway API Gateway through one parentRef, judged the way Istio
 * does (`referenceAllowed` in pilot/pkg/config/kube/gateway/conversion.go): the parentRef's
 * `sectionName` and `port` pick listeners; a listener then admits the route when its protocol
 * and `allowedRoutes.kinds` take the route's kind, its `allowedRoutes.namespaces` take the
 * route's namespace (Same by default), and its hostname intersects one of the route's hostnames.
 */
export interface Attachment {
  /** `attached`, or why no listener admits the route. */
  readonly verdict: 'attached' | 'noListener' | 'kind' | 'namespace' | 'hostname';
  /** Listeners the parentRef's sectionName and port select, with what each admits. */
  readonly candidates: readonly ListenerVerdict[];
  /** Listeners that admit the route (some may be `unknown` on namespaces). */
  readonly admitting: readonly ListenerVerdict[];
}

export interface ListenerVerdict {
  readonly listener: ListenerSummary;
  readonly index: number;
  /** False when the listener's protocol or allowedRoutes.kinds do not take the route kind. */
  readonly kind: boolean;
  /** `unknown` when a Selector needs labels of a Namespace the workspace does not define. */
  readonly namespace: 'yes' | 'no' | 'unknown';
  readonly hostname: boolean;
}

/** Labels of the Namespace object `name` when the workspace defines it (and nothing hides them). */
export type NamespaceLabelsOf = (name: string) => Labels | undefined;

export function evaluateAttachment(
  route: Resource,
  ref: ParentRef,
  gateway: Resource,
  namespaceLabelsOf: NamespaceLabelsOf,
): Attachment {
  const candidates: ListenerVerdict[] = [];
  (gateway.listeners ?? []).forEach((listener, index) => {
    if (ref.sectionName && listener.name?.value !== ref.sectionName.value) return;
    if (ref.port !== undefined && listener.port !== ref.port) return;
    candidates.push({
      listener,
      index,
      kind: admitsKind(listener, route.kind),
      namespace: admitsNamespace(listener, gateway.namespace, route.namespace, namespaceLabelsOf),
      hostname: hostnamesIntersect(listener, route.hostnames?.map(h => h.value) ?? []),
    });
  });
  if (candidates.length === 0) return { verdict: 'noListener', candidates, admitting: [] };
  const byKind = candidates.filter(c => c.kind);
  if (byKind.length === 0) return { verdict: 'kind', candidates, admitting: [] };
  const byNamespace = byKind.filter(c => c.namespace !== 'no');
  if (byNamespace.length === 0) return { verdict: 'namespace', candidates, admitting: [] };
  const admitting = byNamespace.filter(c => c.hostname);
  if (admitting.length === 0) return { verdict: 'hostname', candidates, admitting: [] };
  return { verdict: 'attached', candidates, admitting };
}

/** Route kinds a listener takes: its protocol's, narrowed by `allowedRoutes.kinds`; unknown protocols take any. */
export function admittedKinds(listener: ListenerSummary): string[] | undefined {
  const supported = supportedRouteKinds(listener.protocol, listener.tlsMode);
  if (!supported) return undefined;
  if (!listener.allowedKinds) return supported;
  return supported.filter(kind => listener.allowedKinds!.some(k => k.kind === kind && k.group === GATEWAY_API_GROUP));
}

function admitsKind(listener: ListenerSummary, kind: string): boolean {
  const kinds = admittedKinds(listener);
  return kinds === undefined || kinds.includes(kind);
}

/**
 * `allowedRoutes.namespaces.from`: Same (the default) is the Gateway's namespace, All is every
 * namespace, Selector matches the route namespace's labels. Without the Namespace object, a
 * selector that reads only `kubernetes.io/metadata.name` can still be judged; others cannot.
 */
export function admitsNamespace(
  listener: ListenerSummary,
  gatewayNamespace: string,
  routeNamespace: string,
  namespaceLabelsOf: NamespaceLabelsOf,
): 'yes' | 'no' | 'unknown' {
  switch (listener.allowedFrom) {
    case 'All':
      return 'yes';
    case 'Selector': {
      const selector = listener.allowedSelector;
      // Istio treats a Selector without a selector as All.
      if (!selector) return 'yes';
      const labels = namespaceLabelsOf(routeNamespace);
      if (!labels && selectorKeys(selector).some(k => k !== NAMESPACE_NAME_LABEL)) return 'unknown';
      return selectorMatches(selector, namespaceLabels(routeNamespace, labels)) ? 'yes' : 'no';
    }
    case 'Same':
      return routeNamespace === gatewayNamespace ? 'yes' : 'no';
    default:
      // An invalid value the CRD rejects; not this rule's to judge.
      return 'unknown';
  }
}

/**
 * A listener without a hostname takes every hostname; a route without hostnames matches every
 * listener. Otherwise one route hostname must intersect the listener's (wildcards on either side).
 */
export function hostnamesIntersect(listener: ListenerSummary, routeHostnames: readonly string[]): boolean {
  const listenerHost = listener.hostname?.value.toLowerCase();
  if (!listenerHost || routeHostnames.length === 0) return true;
  return routeHostnames.some(h => hostsOverlap(h.toLowerCase(), listenerHost));
}

/** `name` or `name:port`, how messages name a listener. */
export function listenerLabel(listener: ListenerSummary): string {
  const name = listener.name?.value ?? '(unnamed)';
  return listener.port === undefined ? name : `${name} (${listener.protocol ?? '?'} ${listener.port})`;
}
