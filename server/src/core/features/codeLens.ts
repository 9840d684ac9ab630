import type { Span } from '../parse/types';
import { siteLocation } from './definition';
import { gatewayUses, site, subsetUses } from './sites';
import { inFileEnvironment } from './environments';
import type { FeatureContext, Location } from './types';
import { kubeGatewayUses } from './gatewayApiSites';
import { GATEWAY_API_GROUP } from '../model/gatewayApi';

export interface CodeLensInfo {
  /** The name the lens sits above. */
  readonly span: Span;
  readonly title: string;
  /** What clicking the lens shows. */
  readonly locations: readonly Location[];
}

/**
 * Usage counts above DestinationRule subsets ("used by 3 routes") and Gateways ("used by 2
 * VirtualServices"; for a Gateway API Gateway, the routes, VirtualServices, waypoint users and
 * policies naming it), each listing the uses it counts.
 */
export function codeLenses(fc: FeatureContext, file: string): CodeLensInfo[] {
  const summary = fc.index.file(file);
  if (!summary) return [];
  const lookup = inFileEnvironment(fc, file).index.lookup();
  const out: CodeLensInfo[] = [];
  for (const r of summary.resources) {
    if (r.stale) continue;
    if (r.kind === 'DestinationRule') {
      for (const subset of r.subsets ?? []) {
        const uses = subsetUses(lookup, r, subset.name.value);
        out.push({
          span: subset.name.span,
          title: usedBy(uses.length, 'route', 'routes'),
          locations: uses.map(siteLocation),
        });
      }
    } else if (r.kind === 'Gateway' && r.group === GATEWAY_API_GROUP) {
      const name = site(r, 'name');
      if (!name) continue;
      const uses = kubeGatewayUses(lookup, { namespace: r.namespace, name: name.str.value });
      const users = new Set(uses.map(u => u.resource.id)).size;
      out.push({
        span: name.str.span,
        title: usedBy(users, 'resource', 'resources'),
        locations: uses.map(siteLocation),
      });
    } else if (r.kind === 'Gateway') {
      const name = site(r, 'name');
      if (!name) continue;
      const uses = gatewayUses(lookup, { namespace: r.namespace, name: name.str.value });
      const services = new Set(uses.map(u => u.resource.id)).size;
      out.push({
        span: name.str.span,
        title: usedBy(services, 'VirtualService', 'VirtualServices'),
        locations: uses.map(siteLocation),
      });
    }
  }
  return out;
}

function usedBy(n: number, one: string, many: string): string {
  return n === 0 ? `not used by any ${one}` : `used by ${n} ${n === 1 ? one : many}`;
}
