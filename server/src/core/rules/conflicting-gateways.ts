import type { Str } from '../parse/access';
import type { GatewayServer, Labels, Resource } from '../model/types';
import type { Lookup } from '../index/lookup';
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
    istioctl: 'IST0145',
    kinds: ['Gateway'],
    messages: {
      host: 'Gateway {other} also serves {host} with TLS on port {port} of the same gateway workload ({pods}). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
      protocol:
        'Gateway {other} also uses port {port} of the same gateway workload ({pods}) as {theirs}, while this server is {ours}. One port carries one kind of listener, so Istio drops one of the servers: use another port or the same protocol.',
    },
  },
  check(ctx) {
    const gw = ctx.resource;
    const selector = gw.selector;
    if (!selector || selector.templated || gw.incomplete || !gw.servers || Object.keys(selector.labels).length === 0)
      return;
    // Gateways whose selectors pick some of the same pods, with a description of those pods.
    const shared = new Map<Resource, string>();
    for (const o of ctx.index.allGateways()) {
      if (o.id === gw.id || o.incomplete || !o.selector || o.selector.templated) continue;
      const pods = sharedPods(ctx.index, selector.labels, o.selector.labels);
      if (pods) shared.set(o, pods);
    }
    const others = [...shared.keys()];
    if (others.length === 0) return;
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
          data: { other: name(list[0].other), host: mine.value, port: server.port, pods: shared.get(list[0].other)! },
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
            pods: shared.get(other)!,
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

/**
 * The pods two Gateway selectors both pick, described for messages; undefined when they surely
 * pick different pods or the workspace does not show a pod they share. Equal selectors pick the
 * same pods; when one selector's labels are a subset of the other's, the broader one also picks
 * every pod of the narrower one (whose pods exist, or that Gateway would be pointless); otherwise
 * only a workload of the workspace carrying both selectors' labels shows that they overlap.
 * Empty selectors are left alone.
 */
function sharedPods(index: Lookup, mine: Labels, theirs: Labels): string | undefined {
  if (Object.keys(theirs).length === 0) return undefined;
  if (sameLabels(mine, theirs)) return formatLabels(mine);
  if (isSubset(mine, theirs)) return `pods labelled ${formatLabels(theirs)}, which both selectors pick`;
  if (isSubset(theirs, mine)) return `pods labelled ${formatLabels(mine)}, which both selectors pick`;
  const both: Record<string, string> = { ...mine };
  for (const [k, v] of Object.entries(theirs)) {
    if (k in both && both[k] !== v) return undefined;
    both[k] = v;
  }
  const [firstKey, firstValue] = Object.entries(mine)[0];
  const workload = index
    .workloadsWithLabel(firstKey, firstValue)
    .find(w => Object.entries(both).every(([k, v]) => w.podLabels?.[k] === v));
  return workload
    ? `${workload.kind} ${workload.namespace}/${workload.name ?? '?'}, which both selectors pick`
    : undefined;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every(k => b[k] === a[k]);
}

/** Every label of `a` is in `b` with the same value. */
function isSubset(a: Labels, b: Labels): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === v);
}

function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function name(r: Resource): string {
  return `${r.namespace}/${r.name ?? '?'}`;
}
