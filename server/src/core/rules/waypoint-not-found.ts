import { effectiveWaypoint, waypointTrafficType } from '../index/ambient';
import { ownNamespace } from '../index/references';
import { NO_WAYPOINT, trafficTypeCovers, USE_WAYPOINT_NAMESPACE_LABEL, WAYPOINT_FOR_LABEL } from '../model/ambient';
import { GATEWAY_KIND_KEY } from '../model/gatewayApi';
import { WORKLOAD_KINDS } from '../model/kinds';
import { admitsNamespace } from '../model/routeAttachment';
import type { Resource } from '../model/types';
import { didYouMean } from './support/distance';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule, CrossFileRuleContext, RelatedInfo } from './types';

/**
 * An `istio.io/use-waypoint` label that gets no waypoint: it names no Gateway (in the namespace
 * `istio.io/use-waypoint-namespace` gives, else the object's own), the waypoint's
 * `istio.io/waypoint-for` does not take the traffic that uses it (Services need `service` or
 * `all`, workloads `workload` or `all`), or the waypoint in another namespace does not admit it.
 * Istio then sends the traffic around the waypoint (pilot/pkg/serviceregistry/ambient/waypoints.go):
 * the L7 policies and routes meant for it are not applied.
 */
export const rule: CrossFileRule = {
  id: 'waypoint-not-found',
  meta: {
    description:
      'istio.io/use-waypoint names no waypoint Gateway, or a waypoint whose istio.io/waypoint-for does not take that traffic.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: ['Namespace', 'Service', 'ServiceEntry', 'WorkloadEntry', ...WORKLOAD_KINDS],
    messages: {
      missing:
        'istio.io/use-waypoint names waypoint {ref}, but no Gateway {ref} exists{why}: {what} gets no waypoint, so the L7 policies and routes meant for it do not apply.{hint}',
      traffic:
        'Waypoint {ref} takes {type} ({source}), not {traffic} traffic: Istio does not send {what} through it, so the L7 policies and routes meant for it do not apply.',
      denied:
        'Waypoint {ref} does not admit namespace {namespace}: its HBONE listener admits {allowed}, so Istio does not attach {what} to it.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const use = r.useWaypoint;
    if (!use || use.name.value === NO_WAYPOINT) return;
    const waypoint = effectiveWaypoint(ctx.index, r);
    if (!waypoint?.namespace || !waypoint.name) return;
    const found = ctx.index.kubeGateway(waypoint.namespace, waypoint.name);
    if (found.length === 0) {
      reportMissing(ctx, waypoint.namespace, waypoint.name);
      return;
    }
    if (found.some(g => g.incomplete)) return;
    const gateway = found[0];
    if (!checkTraffic(ctx, gateway)) return;
    checkAttachment(ctx, gateway);
  },
};

function reportMissing(ctx: CrossFileRuleContext, namespace: string, name: string): void {
  const { index, resource: r } = ctx;
  const use = r.useWaypoint!;
  const here = index.ofKind(GATEWAY_KIND_KEY, namespace).filter(g => g.name);
  const elsewhere = index.kubeGatewaysNamed(name).filter(g => g.namespace !== namespace);
  // Waypoints are often created with `istioctl waypoint apply` rather than kept in Git: judge only
  // a namespace whose Gateways the workspace shows, or a name that exists elsewhere.
  if (here.length === 0 && elsewhere.length === 0) return;
  if (index.hasIncomplete(GATEWAY_KIND_KEY, namespace)) return;
  const typo = didYouMean(
    name,
    here.map(g => g.name!),
  );
  const hints: string[] = [];
  if (typo) hints.push(` Did you mean ${typo}?`);
  const namespaces = [...new Set(elsewhere.map(g => g.namespace))];
  if (namespaces.length > 0)
    hints.push(
      ` A Gateway named ${name} exists in namespace ${namespaces.join(', ')}: name its namespace with the ${USE_WAYPOINT_NAMESPACE_LABEL} label.`,
    );
  ctx.report({
    span: use.name.span,
    messageId: 'missing',
    data: {
      ref: `${namespace}/${name}`,
      why: use.namespace
        ? ''
        : ` (without ${USE_WAYPOINT_NAMESPACE_LABEL} the waypoint is looked up in namespace ${namespace})`,
      what: describe(r),
      hint: hints.join(''),
    },
    related: [...here.filter(g => g.name === typo), ...elsewhere].slice(0, 3).map(relatedTo),
    fixes: typo ? [replaceValueFix(r.file, use.name, typo, `Change to ${typo}`, true)] : [],
  });
}

/** False when a finding was reported (or the traffic type cannot be known). */
function checkTraffic(ctx: CrossFileRuleContext, gateway: Resource): boolean {
  const r = ctx.resource;
  const traffic = waypointTrafficType(ctx.index, gateway);
  if (!traffic) return false;
  // A Namespace's label enrols its Services (and its workloads, where the waypoint takes
  // workload traffic); a workload's own label asks for workload traffic.
  const target = WORKLOAD_KINDS.has(r.kind) || r.kind === 'WorkloadEntry' ? 'workload' : 'service';
  if (trafficTypeCovers(traffic.type, target)) return true;
  const source =
    traffic.source === 'gateway'
      ? `${WAYPOINT_FOR_LABEL}: ${traffic.type} on the Gateway`
      : traffic.source === 'class'
        ? `${WAYPOINT_FOR_LABEL}: ${traffic.type} on its GatewayClass ${traffic.from.name ?? '?'}`
        : `the default when neither the Gateway nor its GatewayClass sets ${WAYPOINT_FOR_LABEL}`;
  ctx.report({
    span: r.useWaypoint!.name.span,
    messageId: 'traffic',
    data: {
      ref: `${gateway.namespace}/${gateway.name ?? '?'}`,
      type: traffic.type === 'none' ? 'no traffic' : `${traffic.type} traffic`,
      source,
      traffic: target,
      what: r.kind === 'Namespace' ? `the Services of namespace ${r.name ?? '?'}` : describe(r),
    },
    related: [relatedTo(traffic.from)],
  });
  return false;
}

/** A waypoint in another namespace takes only what its HBONE listener's allowedRoutes admit (Same by default). */
function checkAttachment(ctx: CrossFileRuleContext, gateway: Resource): void {
  const r = ctx.resource;
  const namespace = ownNamespace(r);
  if (namespace === gateway.namespace) return;
  const hbone = (gateway.listeners ?? []).find(l => l.protocol === 'HBONE' && l.port === 15008);
  const verdict = hbone
    ? admitsNamespace(hbone, gateway.namespace, namespace, ns => ctx.index.namespaceLabels(ns))
    : 'no';
  if (verdict !== 'no') return;
  ctx.report({
    span: r.useWaypoint!.name.span,
    messageId: 'denied',
    data: {
      ref: `${gateway.namespace}/${gateway.name ?? '?'}`,
      what: describe(r),
      namespace,
      allowed:
        hbone?.allowedFrom === 'Selector'
          ? 'namespaces matching its selector'
          : `its own namespace ${gateway.namespace} only (allowedRoutes.namespaces.from: ${hbone ? 'Same' : 'Same, as it has no HBONE listener on 15008'})`,
    },
    related: [
      {
        file: gateway.file,
        span: hbone?.span ?? gateway.nameSpan ?? gateway.span,
        message: `Waypoint ${gateway.namespace}/${gateway.name ?? '?'}`,
      },
    ],
  });
}

function describe(r: Resource): string {
  if (r.kind === 'Namespace') return `namespace ${r.name ?? '?'}`;
  return `${r.kind} ${r.namespace}/${r.name ?? '?'}`;
}

function relatedTo(r: Resource): RelatedInfo {
  return {
    file: r.file,
    span: r.nameSpan ?? r.span,
    message: `${r.kind} ${r.kind === 'GatewayClass' ? '' : `${r.namespace}/`}${r.name ?? '?'}`,
  };
}
