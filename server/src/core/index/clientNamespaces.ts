import { resolveGatewayRef } from '../model/gatewayRef';
import type { Resource } from '../model/types';
import type { Lookup } from './lookup';

/**
 * The namespaces whose proxies use this VirtualService: its own (for `mesh`), the namespaces of
 * the Gateways it is bound to, and any namespace it is exported to that runs workloads and keeps
 * its own DestinationRule for the host (which shadows the service's rules for clients there).
 */
export function clientNamespaces(vs: Resource, host: string, index: Lookup): string[] {
  const out = new Set<string>();
  const gateways = vs.gateways && vs.gateways.length > 0 ? vs.gateways.map(g => g.value) : ['mesh'];
  for (const g of gateways) {
    if (g === 'mesh') {
      if (index.isVisible(vs, vs.namespace)) out.add(vs.namespace);
      for (const ns of index.namespacesWithRulesFor(host)) {
        // Only namespaces known to run workloads have clients; a DR elsewhere is never used
        // (destination-rule-ignored reports that).
        if (ns === index.rootNamespace || !index.isVisible(vs, ns)) continue;
        if (index.workloads(ns).length > 0) out.add(ns);
      }
    } else {
      const ref = resolveGatewayRef(g.trim(), vs.namespace);
      if (ref) out.add(ref.namespace);
    }
  }
  return [...out];
}
