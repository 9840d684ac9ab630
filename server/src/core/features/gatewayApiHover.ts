import { effectiveWaypoint, isAmbientNamespace, waypointTrafficType } from '../index/ambient';
import type { Lookup } from '../index/lookup';
import { REFERENCE_GRANT_KIND_KEY } from '../model/gatewayApi';
import type { ListenerSummary } from '../model/gatewayApiTypes';
import { selectorText } from '../model/labelSelector';
import { grantAdmits } from '../model/referenceGrant';
import { admittedKinds, evaluateAttachment } from '../model/routeAttachment';
import type { Resource } from '../model/types';
import { kubeGatewayOf, listenerOf, serviceRefOf, type ObjectName } from './gatewayApiSites';
import type { Site } from './sites';
import { fileRef } from './fileRefs';

/**
 * Hover for Gateway API and ambient references: what a parentRef, sectionName, backendRef,
 * ReferenceGrant `to`, targetRef or `istio.io/use-waypoint` label resolves to, which listeners a
 * route attaches to (or why none does), and which ReferenceGrant admits a cross-namespace backend.
 * Undefined for sites that are none of these.
 */
export function gatewayApiHover(lookup: Lookup, s: Site): string | undefined {
  switch (s.field) {
    case 'listener':
    case 'sectionName':
      return listenerHover(lookup, s);
    case 'parentRef':
    case 'backendRef':
    case 'grantTo':
    case 'targetRef':
    case 'useWaypoint':
    case 'gateway':
    case 'matchGateway': {
      const gw = kubeGatewayOf(lookup, s);
      if (gw) return kubeGatewayHover(lookup, s, gw);
      const svc = serviceRefOf(s);
      return svc ? serviceHover(lookup, s, svc) : undefined;
    }
    default:
      return undefined;
  }
}

function kubeGatewayHover(lookup: Lookup, s: Site, gw: ObjectName): string {
  const found = lookup.kubeGateway(gw.namespace, gw.name);
  if (found.length === 0)
    return `No Gateway \`${gw.namespace}/${gw.name}\` (gateway.networking.k8s.io) in the workspace.`;
  const parts = found.map(g => describeKubeGateway(lookup, g));
  const ref = s.field === 'parentRef' ? s.resource.parentRefs?.[s.index] : undefined;
  if (ref && !found[0].incomplete) {
    const attachment = evaluateAttachment(s.resource, ref, found[0], ns => lookup.namespaceLabels(ns));
    parts.push(
      attachmentText(
        attachment.verdict,
        attachment.admitting.map(c => c.listener),
      ),
    );
  }
  return parts.join('\n\n');
}

function attachmentText(verdict: string, admitting: readonly ListenerSummary[]): string {
  switch (verdict) {
    case 'attached':
      return `This route attaches to listener${admitting.length === 1 ? '' : 's'} ${admitting.map(l => `\`${l.name?.value ?? '?'}\``).join(', ')}.`;
    case 'noListener':
      return 'No listener has this sectionName and port: the route is not attached.';
    case 'kind':
      return 'No listener admits this route kind: the route is not attached.';
    case 'namespace':
      return "No listener admits this route's namespace (allowedRoutes): the route is not attached.";
    default:
      return "No listener's hostname matches the route's hostnames: the route is not attached.";
  }
}

/** A Gateway API Gateway: class, waypoint traffic, listeners with what they admit. */
export function describeKubeGateway(lookup: Lookup, gw: Resource): string {
  const lines = [`**Gateway** \`${gw.namespace}/${gw.name ?? ''}\` · class \`${gw.gatewayClassName?.value ?? '?'}\``];
  if (gw.gatewayClassName?.value === 'istio-waypoint' || gw.labels['istio.io/waypoint-for'] !== undefined) {
    const traffic = waypointTrafficType(lookup, gw);
    lines.push(`Waypoint for ${traffic ? `\`${traffic.type}\` traffic` : 'traffic set by its GatewayClass'}.`);
  }
  const listeners = (gw.listeners ?? []).map(l => `- ${describeListener(l, gw.namespace)}`);
  lines.push(listeners.length > 0 ? `Listeners:\n${listeners.join('\n')}` : 'No listeners.');
  lines.push(`Defined in ${fileRef(gw)}`);
  return lines.join('\n\n');
}

export function describeListener(l: ListenerSummary, gatewayNamespace: string): string {
  const host = l.hostname ? ` · \`${l.hostname.value}\`` : '';
  const from =
    l.allowedFrom === 'All'
      ? 'routes from all namespaces'
      : l.allowedFrom === 'Selector'
        ? `routes from namespaces labelled ${l.allowedSelector ? selectorText(l.allowedSelector) : '(any)'}`
        : `routes from \`${gatewayNamespace}\` only`;
  const kinds = admittedKinds(l);
  return `\`${l.name?.value ?? '?'}\` ${l.protocol ?? '?'} ${l.port ?? '?'}${host} · ${kinds ? kinds.join(', ') : 'any kind'} · ${from}`;
}

function listenerHover(lookup: Lookup, s: Site): string | undefined {
  const l = listenerOf(s);
  if (!l) return undefined;
  const gateways = lookup.kubeGateway(l.namespace, l.name);
  const parts: string[] = [];
  for (const gw of gateways)
    for (const listener of gw.listeners ?? [])
      if (listener.name?.value === l.listener)
        parts.push(
          `**Listener** of Gateway \`${gw.namespace}/${gw.name ?? ''}\`\n\n${describeListener(listener, gw.namespace)}`,
        );
  if (parts.length === 0)
    return `Gateway \`${l.namespace}/${l.name}\` has no listener \`${l.listener}\` in the workspace.`;
  if (s.field === 'listener') {
    const routes = lookup.routesWithParent('Gateway', l.namespace, l.name);
    parts.push(
      `Named by the sectionName of ${routes.filter(r => r.parentRefs?.some(p => p.sectionName?.value === l.listener)).length} route(s) of the workspace.`,
    );
  }
  return parts.join('\n\n');
}

function serviceHover(lookup: Lookup, s: Site, svc: ObjectName): string {
  const found = lookup.kubernetesServices(svc.namespace, svc.name);
  const parts: string[] = [];
  if (found.length === 0) parts.push(`No Service \`${svc.namespace}/${svc.name}\` in the workspace.`);
  for (const service of found) {
    const ports = (service.ports ?? []).map(p => `${p.port ?? '?'}${p.name ? ` (${p.name.value})` : ''}`).join(', ');
    parts.push(
      `**Service** \`${svc.namespace}/${svc.name}\`${ports ? ` · ports ${ports}` : ''}\n\nDefined in ${fileRef(service)}`,
    );
    if (isAmbientNamespace(lookup, svc.namespace)) {
      const waypoint = effectiveWaypoint(lookup, service);
      parts.push(
        waypoint?.name
          ? `Ambient: uses waypoint \`${waypoint.namespace}/${waypoint.name}\` (istio.io/use-waypoint on its ${waypoint.from === service ? 'Service' : 'Namespace'}).`
          : 'Ambient: uses no waypoint (L7 routes and policies for it do not apply).',
      );
    }
  }
  const ref = s.field === 'backendRef' ? s.resource.backendRefs?.[s.index] : undefined;
  if (ref?.namespace && ref.namespace.value !== s.resource.namespace) parts.push(grantText(lookup, s.resource, svc));
  return parts.join('\n\n');
}

/** Which ReferenceGrant lets the route use a Service of another namespace. */
function grantText(lookup: Lookup, route: Resource, svc: ObjectName): string {
  const wanted = {
    fromKind: route.kind,
    fromNamespace: route.namespace,
    toGroup: '',
    toKind: 'Service',
    toName: svc.name,
  };
  const grant = lookup.ofKind(REFERENCE_GRANT_KIND_KEY, svc.namespace).find(g => grantAdmits(g, wanted));
  return grant
    ? `Admitted by ReferenceGrant \`${grant.namespace}/${grant.name ?? ''}\` (${fileRef(grant)}).`
    : `No ReferenceGrant in \`${svc.namespace}\` of the workspace admits ${route.kind}s from \`${route.namespace}\`.`;
}
