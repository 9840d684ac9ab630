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
    };

/**
 * The symbol a site declares or uses: a DestinationRule subset (through Istio's lookup), a
 * Gateway, or a service host. Undefined for sites that are none of these.
 */
export function symbolRefs(lookup: Lookup, s: Site): SymbolRefs | undefined {
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
  return { kind: 'host', name: host, declarations, uses: hostUses(lookup, host) };
}
