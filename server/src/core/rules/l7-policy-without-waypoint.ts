import { effectiveWaypoint, isAmbientNamespace, optsOutOfAmbient } from '../index/ambient';
import type { Lookup } from '../index/lookup';
import { parentKind } from '../index/references';
import { DATAPLANE_MODE_LABEL, USE_WAYPOINT_LABEL } from '../model/ambient';
import { gatewayApiKindKey } from '../model/gatewayApi';
import { MESH_GATEWAY } from '../model/gatewayRef';
import { parseServiceFqdn, resolveHost } from '../model/hosts';
import { labelsMatch } from '../model/labels';
import type { Resource } from '../model/types';
import type { Str } from '../parse/access';
import type { Span } from '../parse/types';
import type { CrossFileRule, CrossFileRuleContext, RelatedInfo } from './types';

/**
 * L7 configuration that nothing applies in ambient mode. In a namespace labelled
 * `istio.io/dataplane-mode: ambient`, pods have no sidecar: ztunnel handles their traffic at L4
 * and never reads HTTP. So an AuthorizationPolicy with HTTP fields that ztunnel enforces (one
 * without targetRefs) drops them (Istio's own status warning), Telemetry selected by `selector`
 * configures no proxy, and VirtualServices or HTTPRoutes for a Service that uses no waypoint are
 * applied only by clients that have a sidecar. Policies for a waypoint attach with `targetRefs`.
 */
export const rule: CrossFileRule = {
  id: 'l7-policy-without-waypoint',
  meta: {
    description:
      'In an ambient namespace, L7 policy or routing that no waypoint applies: HTTP fields in a ztunnel-enforced AuthorizationPolicy, Telemetry by selector, routes for a Service without waypoint.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: false,
    kinds: [
      'AuthorizationPolicy',
      'Telemetry',
      'VirtualService',
      gatewayApiKindKey('HTTPRoute'),
      gatewayApiKindKey('GRPCRoute'),
    ],
    messages: {
      authz:
        'Namespace {namespace} is in ambient mode and this policy has no targetRefs, so ztunnel enforces it, and ztunnel cannot see HTTP: it drops {fields}. {effect} {advice}',
      telemetry:
        'Namespace {namespace} is in ambient mode: its workloads run no proxy that reads Telemetry (ztunnel does not), so this Telemetry selected by `selector` has no effect. {advice}',
      route:
        'Service {service} is in ambient namespace {namespace} and uses no waypoint: ztunnel does not apply {what}, so {effect} only for clients with a sidecar. Give the Service a waypoint ({label} on the Service or its Namespace).',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind === 'AuthorizationPolicy') checkAuthorization(ctx);
    else if (r.kind === 'Telemetry') checkTelemetry(ctx);
    else if (r.kind === 'VirtualService') checkVirtualService(ctx);
    else checkRoute(ctx);
  },
};

function checkAuthorization(ctx: CrossFileRuleContext): void {
  const { index, resource: policy } = ctx;
  const fields = policy.l7Fields ?? [];
  if (fields.length === 0 || policy.targetRefs || (policy.action !== 'ALLOW' && policy.action !== 'DENY')) return;
  if (!enforcedByZtunnel(index, policy)) return;
  const names = [...new Set(fields.map(f => f.name))];
  ctx.report({
    span: fields[0].span,
    messageId: 'authz',
    data: {
      namespace: policy.namespace,
      fields: names.join(', '),
      effect:
        policy.action === 'ALLOW'
          ? 'An ALLOW rule with HTTP fields never matches: the requests it was meant to allow are denied.'
          : 'Its DENY rules are enforced without their HTTP fields: they deny more than intended, or nothing.',
      advice: waypointAdvice(index, policy.namespace),
    },
    related: namespaceRelated(index, policy.namespace),
  });
}

function checkTelemetry(ctx: CrossFileRuleContext): void {
  const { index, resource: telemetry } = ctx;
  if (!telemetry.selector || telemetry.targetRefs) return;
  if (!enforcedByZtunnel(index, telemetry)) return;
  ctx.report({
    span: telemetry.selector.keySpan,
    messageId: 'telemetry',
    data: { namespace: telemetry.namespace, advice: waypointAdvice(index, telemetry.namespace) },
    related: namespaceRelated(index, telemetry.namespace),
  });
}

/**
 * The policy's workloads are ambient: its namespace is enrolled (and is not the mesh root, whose
 * policies reach every namespace), and none of the workloads it selects in the workspace opted
 * out (a sidecar, or `istio.io/dataplane-mode: none`).
 */
function enforcedByZtunnel(index: Lookup, policy: Resource): boolean {
  if (policy.namespace === index.rootNamespace || !isAmbientNamespace(index, policy.namespace)) return false;
  if (policy.selector?.templated) return false;
  const labels = policy.selector?.labels ?? {};
  const selected = index.workloads(policy.namespace).filter(w => w.podLabels && labelsMatch(labels, w.podLabels));
  return !selected.some(optsOutOfAmbient) && !index.hasIncompleteWorkloads(policy.namespace);
}

function waypointAdvice(index: Lookup, namespace: string): string {
  const ns = index.namespaceObject(namespace)[0];
  const waypoint = ns ? effectiveWaypoint(index, ns) : undefined;
  if (waypoint?.name)
    return `Attach it to the waypoint ${waypoint.namespace}/${waypoint.name} with targetRefs (kind Gateway, or the Service it serves): waypoints ignore policies without targetRefs.`;
  return 'Deploy a waypoint, enrol the Services with istio.io/use-waypoint and attach this with targetRefs.';
}

function checkVirtualService(ctx: CrossFileRuleContext): void {
  const vs = ctx.resource;
  // Routes bound only to gateways are applied by those gateways, not by the mesh.
  if (vs.gateways && !vs.gateways.some(g => g.value.trim() === MESH_GATEWAY)) return;
  for (const host of vs.hosts ?? []) {
    const parsed = parseServiceFqdn(resolveHost(host.value, vs.namespace));
    if (parsed) checkService(ctx, host, parsed.namespace, parsed.name, 'VirtualServices', 'these routes apply');
  }
}

function checkRoute(ctx: CrossFileRuleContext): void {
  const route = ctx.resource;
  for (const ref of route.parentRefs ?? []) {
    if (parentKind(ref.group, ref.kind) !== 'Service') continue;
    const namespace = ref.namespace?.value ?? route.namespace;
    checkService(ctx, ref.name, namespace, ref.name.value, `${route.kind}s`, 'this route applies');
  }
}

function checkService(
  ctx: CrossFileRuleContext,
  at: Str,
  namespace: string,
  name: string,
  what: string,
  effect: string,
): void {
  const { index } = ctx;
  if (!isAmbientNamespace(index, namespace)) return;
  const services = index.kubernetesServices(namespace, name);
  if (services.length === 0 || services.some(s => s.incomplete)) return;
  const service = services[0];
  if (effectiveWaypoint(index, service)?.name) return;
  ctx.report({
    span: at.span,
    messageId: 'route',
    data: { service: `${namespace}/${name}`, namespace, what, effect, label: USE_WAYPOINT_LABEL },
    related: [related(service, `Service ${namespace}/${name}`), ...namespaceRelated(index, namespace)],
  });
}

function namespaceRelated(index: Lookup, namespace: string): RelatedInfo[] {
  return index
    .namespaceObject(namespace)
    .slice(0, 1)
    .map(n => related(n, `Namespace ${namespace} (${DATAPLANE_MODE_LABEL}: ambient)`));
}

function related(r: Resource, message: string): RelatedInfo {
  const span: Span = r.nameSpan ?? r.span;
  return { file: r.file, span, message };
}
