import type { Str } from '../parse/access';
import type { GatewayServer, Labels, Resource } from '../model/types';
import type { CrossFileRule, RelatedInfo } from './types';

/**
 * Gateways that select the same gateway workload are merged into one set of listeners. Two TLS
 * servers on one port that name the same host would give Envoy two identical SNI filter chains,
 * so Istio drops the server of the Gateway merged later; a plaintext port carries one protocol,
 * so servers on it that disagree (or a TLS and a plaintext server) lose the same way. Either way
 * the dropped server's hosts stop working, depending on which Gateway is older.
 */
export const rule: CrossFileRule = {
  id: 'conflicting-gateways',
  meta: {
    description:
      'Two Gateways for the same gateway workload claim the same TLS host on one port, or the same port with conflicting protocols.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: false,
    kinds: ['Gateway'],
    messages: {
      host: 'Gateway {other} also serves {host} with TLS on port {port} of the same gateway workload ({selector}). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
      protocol:
        'Gateway {other} also uses port {port} of the same gateway workload ({selector}) as {theirs}, while this server is {ours}. One port carries one kind of listener, so Istio drops one of the servers: use another port or the same protocol.',
    },
  },
  check(ctx) {
    const gw = ctx.resource;
    const selector = gw.selector;
    if (!selector || selector.templated || gw.incomplete || !gw.servers || Object.keys(selector.labels).length === 0)
      return;
    const others = ctx.index
      .allGateways()
      .filter(
        o =>
          o.id !== gw.id &&
          !o.incomplete &&
          o.selector &&
          !o.selector.templated &&
          sameLabels(o.selector.labels, selector.labels),
      );
    if (others.length === 0) return;
    const selectorText = Object.entries(selector.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    for (const server of gw.servers) {
      if (server.port === undefined) continue;
      const hostConflicts = new Map<Str, { other: Resource; host: Str }[]>();
      let protocolConflict: { other: Resource; server: GatewayServer } | undefined;
      for (const other of others) {
        for (const theirs of other.servers ?? []) {
          if (theirs.port !== server.port) continue;
          if (server.hasTls && theirs.hasTls) {
            for (const mine of server.hosts) {
              const match = theirs.hosts.find(
                h => normalizeHost(h.value, other.namespace) === normalizeHost(mine.value, gw.namespace),
              );
              if (match) hostConflicts.set(mine, [...(hostConflicts.get(mine) ?? []), { other, host: match }]);
            }
          } else if (!protocolConflict && plaintextConflict(server, theirs)) {
            protocolConflict = { other, server: theirs };
          }
        }
      }
      for (const [mine, list] of hostConflicts) {
        ctx.report({
          span: mine.span,
          messageId: 'host',
          data: { other: name(list[0].other), host: mine.value, port: server.port, selector: selectorText },
          related: list.map(({ other, host }): RelatedInfo => ({
            file: other.file,
            span: host.span,
            message: `Gateway ${name(other)} serves the same host`,
          })),
        });
      }
      if (protocolConflict && server.portSpan) {
        const { other, server: theirs } = protocolConflict;
        ctx.report({
          span: server.portSpan,
          messageId: 'protocol',
          data: {
            other: name(other),
            port: server.port,
            selector: selectorText,
            theirs: describe(theirs),
            ours: describe(server),
          },
          related: [
            {
              file: other.file,
              span: theirs.portSpan ?? other.nameSpan ?? other.span,
              message: `Gateway ${name(other)} uses the same port`,
            },
          ],
        });
      }
    }
  },
};

/** Istio's sanitizeServerHostNamespace: `./h` -> `ns/h`, `*\/h` -> `h`. */
function normalizeHost(value: string, namespace: string): string {
  const v = value.trim().toLowerCase();
  const slash = v.indexOf('/');
  if (slash === -1) return v;
  const ns = v.slice(0, slash);
  const host = v.slice(slash + 1);
  if (ns === '.') return `${namespace}/${host}`;
  if (ns === '*') return host;
  return v;
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB', 'HTTP_PROXY']);

/** Two servers on one port that Istio cannot merge, unless both terminate TLS (then SNI separates them). */
function plaintextConflict(a: GatewayServer, b: GatewayServer): boolean {
  if (a.hasTls !== b.hasTls) return true;
  if (a.hasTls) return false;
  const pa = (a.protocol ?? '').toUpperCase();
  const pb = (b.protocol ?? '').toUpperCase();
  if (!pa || !pb) return false;
  return pa !== pb || !HTTP_PROTOCOLS.has(pa);
}

function describe(s: GatewayServer): string {
  return `${s.hasTls ? 'TLS ' : 'plaintext '}${s.protocol ?? '(no protocol)'}`;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => b[k] === a[k]);
}

function name(r: Resource): string {
  return `${r.namespace}/${r.name ?? '?'}`;
}
