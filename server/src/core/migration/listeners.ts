import { listOf, mapOf, mapsOf, numberOf, otherKeys, textOf } from './plain';
import type { MigrationNote, MigrationSource, PlainMap } from './types';

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP';

/** A Gateway API listener made from one host of one Istio Gateway server. */
export interface Listener {
  readonly name: string;
  readonly protocol: ListenerProtocol;
  readonly port: number;
  /** Undefined for `*` (any host). */
  readonly hostname?: string;
  /** `tls.mode` of the listener, when it has TLS. */
  readonly tlsMode?: 'Terminate' | 'Passthrough';
  readonly certificateRefs?: readonly string[];
  /** An HTTP server with `tls.httpsRedirect`: only a redirect route attaches to it. */
  readonly httpsRedirect: boolean;
  /** Namespaces the server's `hosts` admit routes from (`*` for any). */
  readonly routeNamespaces: string[];
}

const HTTP_PROTOCOLS = ['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB'];
const TCP_PROTOCOLS = ['TCP', 'MONGO', 'REDIS', 'MYSQL'];
const SERVER_KEYS = ['port', 'hosts', 'tls', 'name', 'bind', 'defaultEndpoint'];
const TLS_KEYS = ['mode', 'credentialName', 'credentialNames', 'httpsRedirect'];

/**
 * The listeners for an Istio Gateway's servers: one per server host, since a Gateway API
 * listener has one hostname. Servers whose TLS settings have no Gateway API equivalent (client
 * certificate validation, certificates from files, ISTIO_MUTUAL, AUTO_PASSTHROUGH) get no
 * listener and a note: a listener that silently dropped client validation would weaken security.
 */
export function translateListeners(gateway: MigrationSource, notes: MigrationNote[]): Listener[] {
  const note = (severity: MigrationNote['severity'], field: string, message: string) =>
    notes.push({ severity, source: gateway, field, message });
  const out: Listener[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  mapsOf(gateway.spec.servers).forEach((server, i) => {
    const field = `servers[${i}]`;
    const port = mapOf(server.port);
    const number = numberOf(port.number);
    const istioProtocol = (textOf(port.protocol) ?? '').toUpperCase();
    const tls = mapOf(server.tls);
    for (const key of otherKeys(server, SERVER_KEYS))
      note('warning', `${field}.${key}`, `"${key}" is not translated: the Gateway API has no equivalent.`);
    if (server.bind !== undefined)
      note('warning', `${field}.bind`, 'bind (the address the gateway listens on) has no Gateway API equivalent.');
    if (server.defaultEndpoint !== undefined)
      note('warning', `${field}.defaultEndpoint`, 'defaultEndpoint has no Gateway API equivalent.');
    if (number === undefined) {
      note('warning', `${field}.port`, 'the server has no port number: no listener was generated for it.');
      return;
    }
    const shape = listenerShape(istioProtocol, tls);
    if (typeof shape === 'string') {
      note('warning', field, `no listener was generated for port ${number}: ${shape}`);
      return;
    }
    if (HTTP_PROTOCOLS.includes(istioProtocol) && istioProtocol !== 'HTTP')
      note(
        'info',
        `${field}.port.protocol`,
        `${istioProtocol} becomes an HTTP listener (Istio serves HTTP/2 and gRPC on it).`,
      );
    if (TCP_PROTOCOLS.includes(istioProtocol) && istioProtocol !== 'TCP')
      note(
        'info',
        `${field}.port.protocol`,
        `${istioProtocol} becomes a TCP listener (no protocol-specific handling).`,
      );
    for (const key of otherKeys(tls, TLS_KEYS))
      note(
        'warning',
        `${field}.tls.${key}`,
        `tls.${key} is not translated (Gateway API listeners have no standard field for it).`,
      );
    if (number === 8080 || number === 8443)
      note(
        'info',
        `${field}.port.number`,
        `port ${number} is kept: Istio's classic ingress gateway often maps Service port ${number === 8080 ? 80 : 443} to container port ${number}, but a Gateway API listener port is the port clients connect to.`,
      );
    const hosts = listOf(server.hosts)
      .map(textOf)
      .filter((h): h is string => !!h);
    const base = listenerBaseName(textOf(port.name), shape.protocol, number);
    hosts.forEach((written, h) => {
      const slash = written.indexOf('/');
      const ns = slash === -1 ? '*' : written.slice(0, slash);
      const host = slash === -1 ? written : written.slice(slash + 1);
      const hostname = host === '*' ? undefined : host.toLowerCase();
      const key = `${number}/${shape.protocol}/${hostname ?? '*'}`;
      if (seen.has(key)) {
        const other = out.find(l => `${l.port}/${l.protocol}/${l.hostname ?? '*'}` === key);
        if (other) other.routeNamespaces.push(ns === '.' ? gateway.namespace : ns);
        return;
      }
      seen.add(key);
      let name = hosts.length > 1 ? `${base}-${h + 1}` : base;
      for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
      names.add(name);
      out.push({
        name,
        protocol: shape.protocol,
        port: number,
        hostname,
        tlsMode: shape.tlsMode,
        certificateRefs: shape.certificateRefs,
        httpsRedirect: shape.protocol === 'HTTP' && tls.httpsRedirect === true,
        routeNamespaces: [ns === '.' ? gateway.namespace : ns],
      });
    });
  });
  return out;
}

type Shape = Pick<Listener, 'protocol' | 'tlsMode' | 'certificateRefs'>;

/** The listener protocol and TLS for a server, or why there is none. */
function listenerShape(protocol: string, tls: PlainMap): Shape | string {
  if (HTTP_PROTOCOLS.includes(protocol)) return { protocol: 'HTTP' };
  if (TCP_PROTOCOLS.includes(protocol)) return { protocol: 'TCP' };
  if (protocol !== 'HTTPS' && protocol !== 'TLS')
    return `protocol ${protocol || '(none)'} has no Gateway API listener.`;
  // Istio's ServerTLSSettings.mode defaults to PASSTHROUGH.
  const mode = (textOf(tls.mode) ?? 'PASSTHROUGH').toUpperCase();
  if (mode === 'PASSTHROUGH') return { protocol: 'TLS', tlsMode: 'Passthrough' };
  if (mode === 'SIMPLE') {
    const refs = [textOf(tls.credentialName), ...listOf(tls.credentialNames).map(textOf)].filter(
      (r): r is string => !!r,
    );
    if (refs.length === 0)
      return 'tls mode SIMPLE without credentialName (certificates from files) has no Gateway API equivalent: put the certificate in a Secret and reference it.';
    return { protocol: protocol === 'HTTPS' ? 'HTTPS' : 'TLS', tlsMode: 'Terminate', certificateRefs: refs };
  }
  if (mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL')
    return `tls mode ${mode} validates client certificates, which standard Gateway API listeners cannot express; a listener without it would accept any client.`;
  return `tls mode ${mode} has no Gateway API equivalent.`;
}

/** A valid listener name (a DNS label): the server's port name when it is one, else `<protocol>-<port>`. */
function listenerBaseName(portName: string | undefined, protocol: ListenerProtocol, port: number): string {
  const cleaned = (portName ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return cleaned || `${protocol.toLowerCase()}-${port}`;
}

/** The listener object of a Gateway API Gateway. */
export function listenerObject(l: Listener, allowedRoutes: PlainMap | undefined): PlainMap {
  const out: PlainMap = { name: l.name };
  if (l.hostname) out.hostname = l.hostname;
  out.port = l.port;
  out.protocol = l.protocol;
  if (l.tlsMode) {
    const tls: PlainMap = { mode: l.tlsMode };
    if (l.certificateRefs) tls.certificateRefs = l.certificateRefs.map(name => ({ name }));
    out.tls = tls;
  }
  if (allowedRoutes) out.allowedRoutes = allowedRoutes;
  return out;
}
