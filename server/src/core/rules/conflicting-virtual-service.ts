import { exportsOverlap } from '../model/exportTo';
import { gatewayKey, MESH_GATEWAY, resolveGatewayRef } from '../model/gatewayRef';
import { resolveHost } from '../model/hosts';
import type { Lookup } from '../index/lookup';
import type { Resource } from '../model/types';
import type { CrossFileRule, RelatedInfo } from './types';

/**
 * Two VirtualServices claiming one host for the same proxies. Sidecars (`mesh`) use one
 * VirtualService per host, the oldest, and ignore the other. Gateways merge the HTTP routes of
 * both in creation order, which Istio supports; it goes wrong when one of them has a route
 * without match, because that route then swallows every request that reaches it and whether the
 * other's routes are ever used depends on which was applied first.
 */
export const rule: CrossFileRule = {
  id: 'conflicting-virtual-service',
  meta: {
    description:
      'Two VirtualServices bound to the same gateway (or the mesh) claim the same host, with overlapping exportTo.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: false,
    istioctl: 'IST0109',
    kinds: ['VirtualService'],
    messages: {
      mesh: 'VirtualService {other} also defines {host} for the mesh (sidecars), visible in the same namespaces. Sidecars use one VirtualService per host, the oldest, and ignore the other: merge them into one.',
      gateway:
        "VirtualService {other} also defines {host} on Gateway {gateway}, and {catchAll} a route without match. Istio merges the routes of both in creation order, so that route may shadow the other VirtualService's routes depending on apply order: merge them, or give every route a match.",
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (!vs.hosts || vs.hosts.length === 0) return;
    const mine = bindings(vs);
    for (const h of vs.hosts) {
      const host = resolveHost(h.value, vs.namespace);
      const conflicts: { other: Resource; binding: string }[] = [];
      for (const other of ctx.index.virtualServicesForHost(host)) {
        if (other.id === vs.id) continue;
        const theirs = bindings(other);
        for (const binding of mine) {
          if (theirs.has(binding) && conflictsOn(ctx.index, binding, vs, other)) {
            conflicts.push({ other, binding });
            break;
          }
        }
      }
      if (conflicts.length === 0) continue;
      const first = conflicts[0];
      const related: RelatedInfo[] = conflicts.map(({ other }) => ({
        file: other.file,
        span:
          other.hosts?.find(x => resolveHost(x.value, other.namespace) === host)?.span ?? other.nameSpan ?? other.span,
        message: `VirtualService ${other.namespace}/${other.name ?? '?'} defines the same host`,
      }));
      const other = `${first.other.namespace}/${first.other.name ?? '?'}`;
      if (first.binding === MESH_GATEWAY) {
        ctx.report({ span: h.span, messageId: 'mesh', data: { other, host }, related });
      } else {
        const both = vs.httpRoutes?.catchAll && first.other.httpRoutes?.catchAll;
        const catchAll = both ? 'both have' : vs.httpRoutes?.catchAll ? 'this one has' : 'that one has';
        ctx.report({
          span: h.span,
          messageId: 'gateway',
          data: { other, host, gateway: first.binding, catchAll },
          related,
        });
      }
    }
  },
};

/** `mesh` and the `ns/name` of every Gateway the VirtualService is bound to. */
function bindings(vs: Resource): Set<string> {
  const out = new Set<string>();
  if (!vs.gateways || vs.gateways.length === 0) out.add(MESH_GATEWAY);
  for (const g of vs.gateways ?? []) {
    const value = g.value.trim();
    if (value === MESH_GATEWAY) out.add(MESH_GATEWAY);
    const ref = resolveGatewayRef(value, vs.namespace);
    if (ref) out.add(gatewayKey(ref.namespace, ref.name));
  }
  return out;
}

function conflictsOn(index: Lookup, binding: string, a: Resource, b: Resource): boolean {
  // exportTo as Istio applies it: the VirtualService's own, else MeshConfig defaultVirtualServiceExportTo.
  if (binding === MESH_GATEWAY) return exportsOverlap(index.exportTo(a), a.namespace, index.exportTo(b), b.namespace);
  // A gateway only sees VirtualServices exported to its namespace.
  const gatewayNamespace = binding.slice(0, binding.indexOf('/'));
  if (!index.isVisible(a, gatewayNamespace) || !index.isVisible(b, gatewayNamespace)) return false;
  return !!a.httpRoutes && !!b.httpRoutes && (a.httpRoutes.catchAll || b.httpRoutes.catchAll);
}
