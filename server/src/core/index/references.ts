import { gatewayKey, resolveGatewayRef } from '../model/gatewayRef';
import { resolveHost } from '../model/hosts';
import type { Resource } from '../model/types';

/**
 * What a VirtualService points at, as the keys of the reverse tables ("which VirtualServices
 * route to host H", "which are bound to Gateway G"). Each key once per resource, so a table
 * entry can be removed by identity.
 */

/** Resolved hosts of the VirtualService's route destinations. */
export function destinationHosts(vs: Resource): string[] {
  if (!vs.destinations || vs.destinations.length === 0) return [];
  const out = new Set<string>();
  for (const d of vs.destinations) out.add(resolveHost(d.host.value, vs.namespace));
  return [...out];
}

/** `ns/name` of every Gateway named in `gateways` or in a route match's `gateways`. */
export function boundGateways(vs: Resource): string[] {
  if (!vs.gateways && !vs.matchGateways) return [];
  const out = new Set<string>();
  for (const g of [...(vs.gateways ?? []), ...(vs.matchGateways ?? [])]) {
    const ref = resolveGatewayRef(g.value, vs.namespace);
    if (ref) out.add(gatewayKey(ref.namespace, ref.name));
  }
  return [...out];
}
