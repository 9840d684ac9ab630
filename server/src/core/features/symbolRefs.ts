import type { Lookup } from '../index/lookup';
import {
  destinationHost,
  gatewayDefinitions,
  gatewayOf,
  gatewayUses,
  hostDefinitions,
  hostOf,
  hostUses,
  routesNamingSubset,
  subsetDefinitions,
  subsetUses,
  uniqueSites,
  type GatewayName,
  type Site,
} from './sites';
import {
  kubeGatewayDefinitions,
  kubeGatewayOf,
  kubeGatewayUses,
  listenerDefinitions,
  listenerOf,
  listenerUses,
  serviceHost,
  serviceRefOf,
  serviceRefUses,
  type ListenerName,
  type ObjectName,
} from './gatewayApiSites';
import { parseServiceFqdn } from '../model/hosts';

/** A cross-file name with where it is declared and where it is used. */
export type SymbolRefs =
  | {
      readonly kind: 'subset';
      readonly name: string;
      readonly declarations: readonly Site[];
      readonly uses: readonly Site[];
    }
  | {
      readonly kind: 'gateway';
      readonly name: string;
      readonly gateway: GatewayName;
      readonly declarations: readonly Site[];
      readonly uses: readonly Site[];
    }
  | {
      readonly kind: 'host';
      readonly name: string;
      readonly declarations: readonly Site[];
      readonly uses: readonly Site[];
      /** The Kubernetes Service the host is, when it is a cluster host. */
      readonly service?: ObjectName;
    }
  | {
      /** A Gateway API Gateway (also a waypoint). */
      readonly kind: 'kubeGateway';
      readonly name: string;
      readonly gateway: ObjectName;
      readonly declarations: readonly Site[];
      readonly uses: readonly Site[];
    }
  | {
      readonly kind: 'listener';
      readonly name: string;
      readonly listener: ListenerName;
      readonly declarations: readonly Site[];
      readonly uses: readonly Site[];
    };

/**
 * The symbol a site declares or uses: a DestinationRule subset (through Istio's lookup), a
 * Gateway, or a service host. Undefined for sites that are none of these.
 */
export function symbolRefs(lookup: Lookup, s: Site): SymbolRefs | undefined {
  const listener = listenerOf(s);
  if (listener)
    return {
      kind: 'listener',
      name: listener.listener,
      listener,
      declarations: listenerDefinitions(lookup, listener),
      uses: listenerUses(lookup, listener),
    };
  const kubeGateway = kubeGatewayOf(lookup, s);
  if (kubeGateway)
    return {
      kind: 'kubeGateway',
      name: kubeGateway.name,
      gateway: kubeGateway,
      declarations: kubeGatewayDefinitions(lookup, kubeGateway),
      uses: kubeGatewayUses(lookup, kubeGateway),
    };
  const service = serviceRefOf(s);
  if (service) return hostSymbolFor(lookup, serviceHost(service), hostDefinitions(lookup, serviceHost(service)));
  switch (s.field) {
    case 'subset':
      return {
        kind: 'subset',
        name: s.str.value,
        declarations: [s],
        uses: subsetUses(lookup, s.resource, s.str.value),
      };
    case 'destSubset': {
      const declarations = subsetDefinitions(lookup, s);
      const host = destinationHost(s);
      // A subset no rule defines still has uses: the routes naming it for the same host.
      const uses =
        declarations.length > 0
          ? uniqueSites(declarations.flatMap(d => subsetUses(lookup, d.resource, d.str.value)))
          : host
            ? routesNamingSubset(lookup, host, s.str.value)
            : [s];
      return { kind: 'subset', name: s.str.value, declarations, uses };
    }
    case 'gateway':
    case 'matchGateway':
    case 'name': {
      const gateway = gatewayOf(s);
      if (gateway)
        return {
          kind: 'gateway',
          name: gateway.name,
          gateway,
          declarations: gatewayDefinitions(lookup, gateway),
          uses: gatewayUses(lookup, gateway),
        };
      return hostSymbol(lookup, s);
    }
    default:
      return hostSymbol(lookup, s);
  }
}

function hostSymbol(lookup: Lookup, s: Site): SymbolRefs | undefined {
  const host = hostOf(s);
  if (!host) return undefined;
  const declarations =
    s.resource.kind === 'Service' || s.resource.kind === 'ServiceEntry'
      ? uniqueSites([s, ...hostDefinitions(lookup, host)])
      : hostDefinitions(lookup, host);
  return hostSymbolFor(lookup, host, declarations);
}

/** A host's symbol; a cluster Service's host is also named by backendRefs, parentRefs, grants and targetRefs. */
function hostSymbolFor(lookup: Lookup, host: string, declarations: Site[]): SymbolRefs {
  const service = parseServiceFqdn(host);
  return {
    kind: 'host',
    name: host,
    declarations,
    uses: [...hostUses(lookup, host), ...serviceRefUses(lookup, host)],
    service,
  };
}
