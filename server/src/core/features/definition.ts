import {
  gatewayDefinitions,
  gatewayOf,
  hostDefinitions,
  hostOf,
  sameSite,
  selectedWorkloads,
  subsetDefinitions,
  type Site,
} from './sites';
import { acrossEnvironments, uniqueLocations } from './environments';
import { targetAt } from './target';
import {
  kubeGatewayDefinitions,
  kubeGatewayOf,
  listenerDefinitions,
  listenerOf,
  serviceHost,
  serviceRefOf,
} from './gatewayApiSites';
import type { FeatureContext, Location } from './types';

/**
 * Go to definition: a route's subset -> the subset entries of the DestinationRules that apply to
 * it; a `gateways` entry -> the Gateway; a host (route destination, VirtualService host,
 * DestinationRule host) -> the Services and ServiceEntries defining it; a selector label -> the
 * workloads it selects. Gateway API: a parentRef -> its Gateway (or Service), a sectionName -> the
 * listener, a backendRef, ReferenceGrant `to` or targetRef -> the Service or Gateway,
 * `istio.io/use-waypoint` -> the waypoint.
 */
export function definition(fc: FeatureContext, file: string, offset: number): Location[] {
  // A file shared by several environments: what the name resolves to in any of them.
  return uniqueLocations(acrossEnvironments(fc, file, c => definitionIn(c, file, offset)));
}

function definitionIn(fc: FeatureContext, file: string, offset: number): Location[] {
  const target = targetAt(fc, file, offset);
  if (!target) return [];
  const lookup = fc.index.lookup();
  if (target.kind === 'selector') {
    return selectedWorkloads(lookup, target.resource, target.labels).map(w => ({
      file: w.file,
      span: w.nameSpan ?? w.span,
    }));
  }
  const s = target.site;
  let found: Site[] = [];
  const listener = listenerOf(s);
  const kubeGateway = listener ? undefined : kubeGatewayOf(lookup, s);
  const service = serviceRefOf(s);
  if (listener) found = listenerDefinitions(lookup, listener);
  else if (kubeGateway) found = kubeGatewayDefinitions(lookup, kubeGateway);
  else if (service) found = hostDefinitions(lookup, serviceHost(service));
  else if (s.field === 'destSubset') found = subsetDefinitions(lookup, s);
  else if (s.field === 'gateway' || s.field === 'matchGateway') {
    const gateway = gatewayOf(s);
    found = gateway ? gatewayDefinitions(lookup, gateway) : [];
  } else if (
    s.field === 'destHost' ||
    s.field === 'drHost' ||
    (s.field === 'host' && s.resource.kind === 'VirtualService')
  ) {
    const host = hostOf(s);
    found = host ? hostDefinitions(lookup, host) : [];
  }
  return found.filter(d => !sameSite(d, s)).map(siteLocation);
}

export function siteLocation(s: Site): Location {
  return { file: s.resource.file, span: s.str.span };
}
