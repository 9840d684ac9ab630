import { MESH_GATEWAY, resolveGatewayRef } from '../../model/gatewayRef';
import { hostsOverlap, isShortName, resolveHost, splitNamespacedHost } from '../../model/hosts';
import type { GatewayServer, Resource, RouteRef } from '../../model/types';
import type { Lookup } from '../../index/lookup';

/**
 * Where a VirtualService route is attached: the sidecars (`mesh`) and the Gateway servers whose
 * hosts take the VirtualService, as pilot builds them (pilot/pkg/networking/core/gateway.go).
 */

/** The kinds of VirtualService route a Gateway server uses. */
export type ServerRoutes = 'http' | 'tcp' | 'tls' | 'none';

/**
 * What a server does with the routes of the VirtualServices bound to it, following pilot:
 * - HTTP, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY servers, and HTTPS servers that terminate TLS, build an
 *   HTTP connection manager: `http` routes;
 * - PASSTHROUGH servers (a `tls` block without `mode` is PASSTHROUGH, the enum's zero value) route by
 *   SNI: `tls` routes; AUTO_PASSTHROUGH servers forward by SNI to the service itself: no routes;
 * - any other server (TCP, MONGO…, or TLS terminated with SIMPLE/MUTUAL/ISTIO_MUTUAL) proxies the
 *   connection: `tcp` routes.
 * Undefined when it cannot be told (no protocol, or HTTPS without a tls block, which Istio rejects).
 */
export function serverRoutes(server: GatewayServer): ServerRoutes | undefined {
  const protocol = (server.protocol ?? '').trim().toUpperCase();
  if (!protocol) return undefined;
  if (HTTP_PROTOCOLS.has(protocol)) return 'http';
  const mode = server.tlsMode?.trim().toUpperCase();
  const passthrough =
    server.hasTls === true && (mode === undefined || mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH');
  if (passthrough) return mode === 'AUTO_PASSTHROUGH' ? 'none' : 'tls';
  if (protocol === 'HTTPS') return server.hasTls ? 'http' : undefined;
  return 'tcp';
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-WEB']);

/** `Gateway ns/name port 443 (HTTPS, tls.mode PASSTHROUGH)`. */
export function describeServer(gateway: Resource, server: GatewayServer): string {
  const mode = server.hasTls
    ? `, tls.mode ${server.tlsMode?.trim().toUpperCase() ?? 'unset, which means PASSTHROUGH'}`
    : '';
  return `Gateway ${gateway.namespace}/${gateway.name ?? '?'} port ${server.port ?? '?'} (${server.protocol ?? '?'}${mode})`;
}

export interface BoundServer {
  readonly gateway: Resource;
  readonly server: GatewayServer;
}

/**
 * Where a route of `vs` applies: `mesh` when the sidecars take it (then gateways do not matter for
 * the callers), else the servers of its Gateways that accept the VirtualService's hosts (and the
 * match's port, if any). Undefined when that cannot be known: a Gateway missing from the
 * workspace, templated, or with a server whose hosts cannot be compared.
 */
export function routeAttachment(index: Lookup, vs: Resource, route: RouteRef): 'mesh' | BoundServer[] | undefined {
  const vsGateways = (vs.gateways ?? []).map(g => g.value.trim());
  if (vsGateways.length === 0) return 'mesh';
  const matches = route.matches.length > 0 ? route.matches : [{ gateways: undefined, port: undefined }];
  const out: BoundServer[] = [];
  for (const match of matches) {
    // A match naming gateways narrows the route to those of the VirtualService's gateways.
    const names = match.gateways ? match.gateways.filter(g => vsGateways.includes(g)) : vsGateways;
    for (const name of names) {
      if (name === MESH_GATEWAY) return 'mesh';
      const ref = resolveGatewayRef(name, vs.namespace);
      if (!ref) return undefined;
      const found = index.gateway(ref.namespace, ref.name);
      if (found.length === 0 || found.some(g => g.incomplete || !g.servers)) return undefined;
      for (const gateway of found) {
        for (const server of gateway.servers ?? []) {
          if (match.port !== undefined && server.port !== match.port) continue;
          const accepted = acceptsHosts(gateway, server, vs);
          if (accepted === undefined) return undefined;
          if (accepted && !out.some(b => b.gateway === gateway && b.server === server)) out.push({ gateway, server });
        }
      }
    }
  }
  return out;
}

/** Whether the server takes some host of the VirtualService; undefined when it cannot be told. */
function acceptsHosts(gateway: Resource, server: GatewayServer, vs: Resource): boolean | undefined {
  for (const entry of server.hosts) {
    const { namespace, host: pattern } = splitNamespacedHost(entry.value.trim().toLowerCase());
    // Istio does not resolve short names in Gateway hosts; whether they match is not worth guessing.
    if (isShortName(pattern)) return undefined;
    const allowed = namespace === '.' ? gateway.namespace : namespace;
    if (allowed !== '*' && allowed !== vs.namespace) continue;
    if ((vs.hosts ?? []).some(h => hostsOverlap(resolveHost(h.value.trim().toLowerCase(), vs.namespace), pattern)))
      return true;
  }
  return false;
}
