import type { RouteRef } from '../model/types';
import { describeServer, routeAttachment, serverRoutes, type BoundServer } from './support/gatewayBinding';
import type { CrossFileRule, RelatedInfo } from './types';

/**
 * A Gateway server only uses one kind of VirtualService route: HTTP servers (and HTTPS servers
 * that terminate TLS) build HTTP routes from `http`, PASSTHROUGH servers match `tls` routes by
 * SNI, other TCP-level servers forward with the first matching `tcp` route, AUTO_PASSTHROUGH
 * servers use none. A route bound only to servers of another kind is never matched: requests get
 * 404s or connections are reset, with nothing in the configuration saying why.
 */
export const rule: CrossFileRule = {
  id: 'route-protocol-mismatch',
  meta: {
    description:
      'VirtualService http routes bound only to Gateway servers that do not carry HTTP (TLS passthrough, TCP…), or tcp/tls routes bound only to servers that do not use them.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: false,
    kinds: ['VirtualService'],
    messages: {
      mismatch: '{routes}: {servers}. {advice}',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (!vs.routes || !vs.gateways || vs.incomplete) return;
    const mismatched = new Map<RouteRef['via'], { route: RouteRef; servers: BoundServer[] }[]>();
    for (const route of vs.routes) {
      const attached = routeAttachment(ctx.index, vs, route);
      // The sidecars take any kind of route; unknown or host-less bindings are other rules' business.
      if (attached === undefined || attached === 'mesh' || attached.length === 0) continue;
      const kinds = attached.map(b => serverRoutes(b.server));
      if (kinds.some(k => k === undefined || k === route.via)) continue;
      mismatched.set(route.via, [...(mismatched.get(route.via) ?? []), { route, servers: attached }]);
    }
    for (const [via, list] of mismatched) {
      const total = vs.routes.filter(r => r.via === via).length;
      const whole = list.length === total;
      const reports = whole
        ? [{ span: list[0].route.listSpan, items: list }]
        : list.map(l => ({ span: l.route.span, items: [l] }));
      for (const report of reports) {
        const servers = unique(report.items.flatMap(i => i.servers));
        ctx.report({
          span: report.span,
          messageId: 'mismatch',
          data: {
            routes: whole
              ? `The ${via} routes never match`
              : `${via} route #${report.items[0].route.index} never matches`,
            servers: servers
              .map(s => `${describeServer(s.gateway, s.server)} ${TAKES[serverRoutes(s.server)!]}`)
              .join('; '),
            advice: ADVICE[via],
          },
          related: servers.map((s): RelatedInfo => ({
            file: s.gateway.file,
            span: s.server.portSpan ?? s.gateway.nameSpan ?? s.gateway.span,
            message: describeServer(s.gateway, s.server),
          })),
        });
      }
    }
  },
};

const TAKES: Readonly<Record<string, string>> = {
  http: 'only uses http routes',
  tcp: 'only uses tcp routes',
  tls: 'only uses tls routes (matched by SNI)',
  none: 'uses no VirtualService routes (AUTO_PASSTHROUGH forwards by SNI to the service itself)',
};

const ADVICE: Readonly<Record<RouteRef['via'], string>> = {
  http: 'http routes apply on HTTP, HTTP2 and GRPC servers, and on HTTPS servers that terminate TLS (tls.mode SIMPLE, MUTUAL or ISTIO_MUTUAL).',
  tcp: 'tcp routes apply on TCP-level servers: TCP, MONGO, REDIS… and TLS servers that terminate TLS (tls.mode SIMPLE, MUTUAL or ISTIO_MUTUAL).',
  tls: 'tls routes apply on servers with tls.mode PASSTHROUGH.',
};

function unique(list: BoundServer[]): BoundServer[] {
  return list.filter((b, i) => list.findIndex(o => o.gateway === b.gateway && o.server === b.server) === i);
}
