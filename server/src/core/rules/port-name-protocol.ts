import { asMap, get, items, num, str } from '../parse/access';
import { ownPair } from './support/edits';
import { addMapEntry } from './support/yamlEdit';
import type { Resource } from '../model/types';
import type { Fix, LocalRule } from './types';

/** Protocols Istio recognises from a port name's prefix (`<protocol>[-<suffix>]`), lower-cased. */
const NAME_PROTOCOLS = new Set([
  'http',
  'http2',
  'https',
  'grpc',
  'grpc-web',
  'tcp',
  'tls',
  'mongo',
  'mysql',
  'redis',
  'udp',
]);

/**
 * Istio picks a Service port's protocol from `appProtocol`, else from the port name's prefix
 * (`http-api`, `grpc`, `tcp-db`). A port with neither is left to protocol sniffing: HTTP/1.1 and
 * HTTP/2 are usually detected, anything else is treated as opaque TCP, server-first protocols
 * (MySQL, SMTP…) wait out the detection timeout, and an HTTP port that is not detected silently
 * loses routing, retries, metrics and authorization on paths.
 */
export const rule: LocalRule = {
  id: 'port-name-protocol',
  meta: {
    description: 'A Kubernetes Service port declares its protocol neither by name prefix nor by appProtocol.',
    defaultSeverity: 'info',
    crossFile: false,
    fixable: true,
    istioctl: 'IST0118',
    kinds: ['Service'],
    messages: {
      unnamed:
        'Port {port} has no name and no appProtocol: Istio has to sniff its protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
      named:
        'Port name "{name}" does not start with a protocol Istio knows (http-, grpc-, tcp-…) and there is no appProtocol: Istio has to sniff the protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
    },
  },
  check(ctx) {
    if (notAnalysedByIstio(ctx.resource)) return;
    for (const p of items(get(ctx.node, 'spec', 'ports'))) {
      const map = asMap(p);
      if (!map || get(map, 'appProtocol') !== undefined) continue;
      // A templated name, port or protocol (or keys a template adds) is only known once rendered.
      if (ctx.isTemplated(map)) continue;
      const protocol = (str(get(map, 'protocol'))?.value ?? 'TCP').toUpperCase();
      if (protocol !== 'TCP') continue; // Istio does not proxy UDP or SCTP.
      const nameValue = str(get(map, 'name'));
      const name = nameValue?.value;
      if (name !== undefined && NAME_PROTOCOLS.has(prefixOf(name))) continue;
      const port = num(get(map, 'port'));
      // Istio's own ports (15000-15099: status, xDS, telemetry) are not meant for mesh clients.
      if (port !== undefined && port >= 15000 && port < 15100) continue;
      const at = nameValue?.span ?? ownPair(map, 'port')?.key.span;
      if (!at) continue;
      const guess = guessProtocol(port, name);
      const fixes: Fix[] = ['http', 'tcp', 'grpc', 'https']
        .filter((v, i) => i < 2 || v === guess)
        .sort((a, b) => (a === guess ? -1 : b === guess ? 1 : 0))
        .map(v => ({
          title: `Add appProtocol: ${v}`,
          isPreferred: v === guess,
          edits: [{ file: ctx.resource.file, edits: [addMapEntry(ctx.text, map, 'appProtocol', { inline: v })] }],
        }));
      ctx.report({
        span: at,
        messageId: name === undefined ? 'unnamed' : 'named',
        data: { port: port ?? '?', name: name ?? '' },
        fixes,
      });
    }
  },
};

/**
 * Namespaces `istioctl analyze` drops before analysing (Istio's inject.IgnoredNamespaces): the
 * cluster's own, which no sidecar joins.
 */
const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Values of `gateway.istio.io/managed` on the Services Istio's gateway controllers create. */
const MANAGED_GATEWAY_CONTROLLERS = new Set([
  'istio.io-gateway-controller',
  'istio.io-mesh-controller',
  'istio.io-eastwest-controller',
]);

/**
 * Services Istio's own PortNameAnalyzer leaves alone: those of system namespaces, of Istio's
 * control plane (an `istio` label, or `release: istio`) and those its gateway controllers manage.
 */
function notAnalysedByIstio(r: Resource): boolean {
  const labels = r.labels;
  return (
    IGNORED_NAMESPACES.has(r.explicitNamespace ?? r.namespace) ||
    labels.istio !== undefined ||
    labels.release === 'istio' ||
    MANAGED_GATEWAY_CONTROLLERS.has(labels['gateway.istio.io/managed'] ?? '')
  );
}

function prefixOf(name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const dash = lower.indexOf('-');
  return dash === -1 ? lower : lower.slice(0, dash);
}

/** A protocol to prefer in the quick-fix, when the port number or name makes it obvious. */
function guessProtocol(port: number | undefined, name: string | undefined): string | undefined {
  const n = (name ?? '').toLowerCase();
  if (/^(web|api|metrics|rest|admin|ui|health)/.test(n)) return 'http';
  if (n.startsWith('grpc')) return 'grpc';
  switch (port) {
    case 80:
    case 8080:
    case 8000:
    case 8081:
    case 9080:
    case 3000:
    case 5000:
      return 'http';
    case 443:
    case 8443:
      return 'https';
    case 50051:
      return 'grpc';
    case 3306:
    case 5432:
    case 6379:
    case 27017:
    case 9092:
    case 2181:
      return 'tcp';
    default:
      return undefined;
  }
}
