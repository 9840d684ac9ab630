import { asMap, asScalar, get, items } from '../parse/access';
import type { YMap, YNode } from '../parse/types';
import { resolveHost } from '../model/hosts';
import type { DestinationRef, Resource, RouteRef, ServicePortRef } from '../model/types';
import type { Lookup } from '../index/lookup';
import { resourceNode } from './support/resourceEdit';
import { addMapEntry } from './support/yamlEdit';
import { routeAttachment, serverRoutes } from './support/gatewayBinding';
import type { CrossFileRule, Fix } from './types';

/**
 * A destination without `port` goes to the port the request arrived on when its Service has
 * several ports (pilot's GetDestinationCluster: one port is taken as is, otherwise the listener
 * port). On a gateway that is the server's port (80, 443), on a sidecar the port of the
 * VirtualService's host: when the destination Service has no such port, there is no cluster and
 * the route answers 503. istioctl's IST0112 (VirtualServiceDestinationPortSelectorRequired) reports
 * every multi-port destination without a port; this rule only those that break.
 */
export const rule: CrossFileRule = {
  id: 'destination-port-required',
  meta: {
    description:
      'A route destination names no port while its Service has several, and the port the traffic arrives on is not one of them.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    istioctl: 'IST0112',
    kinds: ['VirtualService'],
    messages: {
      required:
        'Service {service} has several ports ({ports}) and this destination names none, so Envoy uses the port the traffic arrives on: {listeners}, which {service} does not have. There the route has no upstream and answers 503. Set port.number.',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    // Templating may hide a destination's port (or the routes' gateways).
    if (!vs.destinations || !vs.routes || vs.incomplete) return;
    const vsHosts = (vs.hosts ?? []).map(h => resolveHost(h.value, vs.namespace));
    const meshOnly = (vs.gateways ?? []).every(g => g.value.trim() === 'mesh');
    for (const d of vs.destinations) {
      if (d.port !== undefined) continue;
      const host = resolveHost(d.host.value, vs.namespace);
      // On the sidecars, a VirtualService for the destination's own host arrives on its own ports.
      if (meshOnly && vsHosts.length > 0 && vsHosts.every(h => h === host)) continue;
      const service = multiPortService(ctx.index, host);
      if (!service) continue;
      const route = vs.routes.find(
        r => r.via === (d.via === 'tcp' || d.via === 'tls' ? d.via : 'http') && r.index === d.routeIndex,
      );
      if (!route) continue;
      const listeners = listenerPorts(ctx.index, vs, route);
      if (!listeners) continue;
      const numbers = new Set(service.ports.map(p => p.port));
      const missing = listeners.filter(l => !numbers.has(l.port));
      if (missing.length === 0) continue;
      ctx.report({
        span: d.host.span,
        messageId: 'required',
        data: {
          service: name(service.resources[0]),
          ports: service.ports.map(describePort).join(', '),
          listeners: missing.map(l => `${l.port} (${l.where})`).join(', '),
        },
        related: service.resources.map(r => ({
          file: r.file,
          span: r.nameSpan ?? r.span,
          message: `Service ${name(r)}`,
        })),
        fixes: portFixes(vs, d, service.ports, route.via),
      });
    }
  },
};

interface MultiPortService {
  readonly resources: readonly Resource[];
  /** Distinct ports, in the order written. */
  readonly ports: readonly (ServicePortRef & { readonly port: number })[];
}

/** The Kubernetes Service behind `host` when it has several ports, all known; undefined otherwise. */
function multiPortService(index: Lookup, host: string): MultiPortService | undefined {
  const providers = index.servicesForHost(host);
  // ServiceEntry ports and ExternalName Services follow other rules; templating may hide ports.
  if (
    providers.length === 0 ||
    providers.some(p => p.kind !== 'Service' || p.incomplete || p.serviceType === 'ExternalName')
  )
    return undefined;
  const ports: (ServicePortRef & { port: number })[] = [];
  for (const p of providers.flatMap(r => r.ports ?? [])) {
    if (p.port === undefined) return undefined;
    if (!ports.some(q => q.port === p.port)) ports.push({ ...p, port: p.port });
  }
  return ports.length > 1 ? { resources: providers, ports } : undefined;
}

interface Listener {
  readonly port: number;
  readonly where: string;
}

/**
 * The ports the route's traffic arrives on: the ports of the VirtualService's hosts for the
 * sidecars, the servers' ports for Gateways. Undefined when any of them is unknown.
 */
function listenerPorts(index: Lookup, vs: Resource, route: RouteRef): Listener[] | undefined {
  const attached = routeAttachment(index, vs, route);
  if (attached === undefined) return undefined;
  const out: Listener[] = [];
  const add = (l: Listener) => {
    if (!out.some(o => o.port === l.port)) out.push(l);
  };
  if (attached === 'mesh') {
    for (const h of vs.hosts ?? []) {
      const host = resolveHost(h.value, vs.namespace);
      const providers = index.servicesForHost(host);
      if (providers.length === 0 || providers.some(p => p.kind !== 'Service' || p.incomplete)) return undefined;
      for (const p of providers.flatMap(r => r.ports ?? [])) {
        if (p.port === undefined) return undefined;
        // Sidecars use a route kind only on ports of a matching (or sniffed) protocol.
        const kind = portRoutes(p);
        if (kind === route.via || kind === 'auto') add({ port: p.port, where: `a port of ${h.value} on the sidecars` });
      }
    }
    // Vs bound to mesh and Gateways: the Gateways' ports count too.
    const gateways = (vs.gateways ?? []).filter(g => g.value.trim() !== 'mesh');
    if (gateways.length > 0) {
      const viaGateways = routeAttachment(index, { ...vs, gateways }, route);
      if (viaGateways === undefined || viaGateways === 'mesh') return undefined;
      for (const b of viaGateways)
        if (b.server.port !== undefined && serverRoutes(b.server) === route.via)
          add({ port: b.server.port, where: `Gateway ${name(b.gateway)}` });
    }
    return out;
  }
  for (const b of attached) {
    if (serverRoutes(b.server) !== route.via) continue;
    if (b.server.port === undefined) return undefined;
    add({ port: b.server.port, where: `Gateway ${name(b.gateway)}` });
  }
  return out;
}

/** One fix per port (at most five): the only plain HTTP port is preferred for an http route. */
function portFixes(vs: Resource, d: DestinationRef, ports: MultiPortService['ports'], via: RouteRef['via']): Fix[] {
  const httpPorts = ports.filter(looksHttp);
  return ports.slice(0, 5).map(p => ({
    title: `Set port.number: ${describePort(p)}`,
    isPreferred: via === 'http' && httpPorts.length === 1 && httpPorts[0] === p,
    compute: ({ readText }) => {
      const text = readText(vs.file);
      if (text === undefined) return undefined;
      const destination = findDestination(resourceNode(text, vs), d.host.span.start);
      if (!destination) return undefined;
      const edit = addMapEntry(text, destination, 'port', {
        lines: [`  number: ${p.port}`],
        flow: `{number: ${p.port}}`,
      });
      return [{ file: vs.file, edits: [edit] }];
    },
  }));
}

/** The destination map whose `host` value starts at `offset`. */
function findDestination(node: YNode | undefined, offset: number): YMap | undefined {
  const spec = get(node, 'spec');
  for (const via of ['http', 'tcp', 'tls']) {
    for (const route of items(get(spec, via))) {
      const candidates = [
        ...items(get(route, 'route')).map(r => get(r, 'destination')),
        get(route, 'mirror'),
        ...items(get(route, 'mirrors')).map(m => get(m, 'destination')),
      ];
      for (const c of candidates) {
        const map = asMap(c);
        if (map && asScalar(get(map, 'host'))?.span.start === offset) return map;
      }
    }
  }
  return undefined;
}

/**
 * The route kind a sidecar uses on a Service port, from `appProtocol` or the name's prefix (as
 * Istio reads them); `auto` when the protocol is sniffed; undefined for ports Istio does not proxy.
 */
function portRoutes(p: ServicePortRef): RouteRef['via'] | 'auto' | undefined {
  if ((p.protocol ?? 'TCP').toUpperCase() !== 'TCP') return undefined;
  const declared = (p.appProtocol ?? p.name?.value ?? '').toLowerCase();
  const prefix = declared.startsWith('grpc-web') ? 'grpc-web' : declared.split('-')[0];
  if (
    ['http', 'http2', 'grpc', 'grpc-web', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss'].includes(
      prefix,
    )
  )
    return 'http';
  if (prefix === 'https' || prefix === 'tls') return 'tls';
  if (['tcp', 'mongo', 'mysql', 'redis'].includes(prefix)) return 'tcp';
  return 'auto';
}

/** Plain HTTP (not gRPC), the likely target of a web route. */
function looksHttp(p: ServicePortRef): boolean {
  const protocol = (p.appProtocol ?? p.name?.value ?? '').toLowerCase();
  return /^(http|http2|h2c)(-|$)/.test(protocol) || protocol === 'kubernetes.io/h2c';
}

function describePort(p: ServicePortRef & { readonly port: number }): string {
  return p.name ? `${p.port} (${p.name.value})` : String(p.port);
}

function name(r: Resource): string {
  return `${r.namespace}/${r.name ?? '?'}`;
}
