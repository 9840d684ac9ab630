import type { Span } from '../parse/types';
import { siteLocation } from './definition';
import { hostDefinitions, hostOf, site, type Site } from './sites';
import { inFileEnvironment } from './environments';
import type { FeatureContext, Location } from './types';

export interface LinkInfo {
  readonly span: Span;
  readonly target: Location;
  readonly tooltip: string;
}

/**
 * Links from hosts (route destinations, VirtualService hosts, DestinationRule hosts) to where the
 * Service or ServiceEntry defining them is written. A host defined several times links to the
 * Kubernetes Service first, then to the first ServiceEntry in path order.
 */
export function documentLinks(fc: FeatureContext, file: string): LinkInfo[] {
  const summary = fc.index.file(file);
  if (!summary) return [];
  const lookup = inFileEnvironment(fc, file).index.lookup();
  const out: LinkInfo[] = [];
  const definitions = new Map<string, Site[]>();
  for (const r of summary.resources) {
    if (r.stale) continue;
    const sites: (Site | undefined)[] = [];
    if (r.kind === 'VirtualService') {
      (r.destinations ?? []).forEach((_, i) => sites.push(site(r, 'destHost', i)));
      (r.hosts ?? []).forEach((_, i) => sites.push(site(r, 'host', i)));
    } else if (r.kind === 'DestinationRule') {
      sites.push(site(r, 'drHost'));
    }
    for (const s of sites) {
      const host = s && hostOf(s);
      if (!s || !host) continue;
      let defs = definitions.get(host);
      if (!defs) definitions.set(host, (defs = hostDefinitions(lookup, host).sort((a, b) => rank(a) - rank(b))));
      const def = defs[0];
      if (!def) continue;
      const what = def.resource.kind === 'Service' ? 'Service' : 'ServiceEntry';
      out.push({
        span: s.str.span,
        target: siteLocation(def),
        tooltip: `${what} ${def.resource.namespace}/${def.resource.name ?? '?'}`,
      });
    }
  }
  return out;
}

function rank(s: Site): number {
  return s.resource.kind === 'Service' ? 0 : 1;
}
