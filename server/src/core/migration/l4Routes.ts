import { backendRef, noteFor, type RouteScope } from './backends';
import { isMap, listOf, mapOf, mapsOf, numberOf, otherKeys, textOf } from './plain';
import type { PlainMap } from './types';

/** One TLSRoute or TCPRoute to generate: its hostnames (TLS), the listener port it is limited to, its backends. */
export interface L4Route {
  readonly hostnames: readonly string[];
  readonly port?: number;
  readonly backendRefs: readonly PlainMap[];
}

/**
 * The TLSRoutes or TCPRoutes for a VirtualService's `tls` or `tcp` routes: one per route, since
 * their rules have no matches (SNI hosts are the TLSRoute's hostnames, a match port becomes the
 * parent listener). Istio takes the first matching route; TLSRoutes with different hostnames
 * keep that meaning, TCPRoutes on one listener do not, which is noted.
 */
export function translateL4Routes(scope: RouteScope, via: 'tls' | 'tcp'): L4Route[] {
  const out: L4Route[] = [];
  listOf(scope.source.spec[via]).forEach((route, i) => {
    if (!isMap(route)) return;
    const field = `${via}[${i}]`;
    for (const key of otherKeys(route, ['match', 'route']))
      noteFor(scope, 'warning', `${field}.${key}`, `${key} is not translated.`);
    const hostnames = new Set<string>();
    const ports = new Set<number>();
    listOf(route.match).forEach((m, j) => {
      if (!isMap(m)) return;
      for (const h of listOf(m.sniHosts).map(textOf)) if (h) hostnames.add(h.toLowerCase());
      const port = numberOf(m.port);
      if (port !== undefined) ports.add(port);
      for (const key of otherKeys(m, ['sniHosts', 'port']))
        noteFor(
          scope,
          'warning',
          `${field}.match[${j}].${key}`,
          `match field "${key}" is not translated: the generated route is broader.`,
        );
    });
    if (ports.size > 1)
      noteFor(
        scope,
        'warning',
        `${field}.match`,
        'matches on several ports: the route attaches to the first one only.',
      );
    const backendRefs: PlainMap[] = [];
    const destinations = mapsOf(route.route);
    destinations.forEach((d, k) => {
      const ref = backendRef(mapOf(d.destination), scope, `${field}.route[${k}].destination`);
      if (!ref) return;
      const weight = numberOf(d.weight);
      if (weight !== undefined && !(destinations.length === 1 && weight === 100)) ref.weight = weight;
      backendRefs.push(ref);
    });
    out.push({ hostnames: [...hostnames], port: [...ports][0], backendRefs });
  });
  if (via === 'tcp' && out.length > 1)
    noteFor(
      scope,
      'warning',
      'tcp',
      'several tcp routes become several TCPRoutes: on one listener the Gateway API does not apply them in order as Istio does.',
    );
  return out;
}
