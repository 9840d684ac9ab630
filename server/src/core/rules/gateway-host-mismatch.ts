import { MESH_GATEWAY, resolveGatewayRef } from '../model/gatewayRef';
import { hostsOverlap, isShortName, resolveHost, splitNamespacedHost } from '../model/hosts';
import type { Resource } from '../model/types';
import type { CrossFileRule, RelatedInfo } from './types';

/**
 * A VirtualService host that none of its Gateways serves. A gateway only takes the hosts of a
 * bound VirtualService that match one of its servers' hosts, and only from the namespaces each
 * server host allows (`ns/host`, `./host`, `*\/host`); the rest of the VirtualService is dropped
 * for that gateway, so requests for the host get 404s there.
 */
export const rule: CrossFileRule = {
  id: 'gateway-host-mismatch',
  meta: {
    description: 'A VirtualService bound to Gateways has a host that none of their servers accepts.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: false,
    istioctl: 'IST0132',
    kinds: ['VirtualService'],
    messages: {
      noServer:
        'Host {host} is not served by {gateways}, whose servers accept {accepted}: the gateway ignores this host of the VirtualService.',
      namespace:
        'Gateway {gateway} serves {host} only to VirtualServices in {allowed}; this one is in namespace {namespace}, so the gateway ignores it.',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    if (!vs.gateways || vs.gateways.length === 0 || !vs.hosts) return;
    const gateways: Resource[] = [];
    for (const entry of vs.gateways) {
      // Hosts meant for the sidecars may legitimately be unknown to the gateways.
      if (entry.value.trim() === MESH_GATEWAY) return;
      const ref = resolveGatewayRef(entry.value.trim(), vs.namespace);
      if (!ref) return;
      const istio = ctx.index.gateway(ref.namespace, ref.name);
      // A Gateway API Gateway of that name is what Istio's analyzer checks the hosts against otherwise.
      const found = istio.length > 0 ? istio : ctx.index.kubeGateway(ref.namespace, ref.name);
      // A missing Gateway is gateway-not-found's finding; a templated one cannot be judged.
      if (found.length === 0 || found.some(g => g.incomplete || serverHosts(g) === undefined)) return;
      gateways.push(...found);
    }
    for (const h of vs.hosts) {
      const host = resolveHost(h.value, vs.namespace);
      const verdicts = gateways.map(g => ({ gateway: g, verdict: accepts(g, host, vs.namespace) }));
      if (verdicts.some(v => v.verdict.kind === 'yes' || v.verdict.kind === 'unknown')) continue;
      const byNamespace = verdicts.find(v => v.verdict.kind === 'namespace');
      const related: RelatedInfo[] = gateways.map(g => ({
        file: g.file,
        span:
          (g.servers?.flatMap(s => s.hosts)[0] ?? g.listeners?.find(l => l.hostname)?.hostname)?.span ??
          g.nameSpan ??
          g.span,
        message: `Gateway ${g.namespace}/${g.name ?? '?'}`,
      }));
      if (byNamespace && byNamespace.verdict.kind === 'namespace') {
        const g = byNamespace.gateway;
        ctx.report({
          span: h.span,
          messageId: 'namespace',
          data: {
            gateway: `${g.namespace}/${g.name ?? '?'}`,
            host: h.value,
            allowed: byNamespace.verdict.allowed.join(', '),
            namespace: vs.namespace,
          },
          related,
        });
        continue;
      }
      const accepted = [...new Set(gateways.flatMap(g => serverHosts(g) ?? []))];
      ctx.report({
        span: h.span,
        messageId: 'noServer',
        data: {
          host: h.value,
          gateways: gateways.map(g => `Gateway ${g.namespace}/${g.name ?? '?'}`).join(' or '),
          accepted: accepted.length > 6 ? `${accepted.slice(0, 6).join(', ')}, …` : accepted.join(', ') || 'no host',
        },
        related,
      });
    }
  },
};

type Verdict =
  | { readonly kind: 'yes' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'namespace'; readonly allowed: string[] }
  | { readonly kind: 'no' };

/**
 * Host patterns a Gateway serves: its servers' hosts, or a Gateway API Gateway's listener
 * hostnames (`*` for a listener without one). Undefined when it has none to judge by.
 */
function serverHosts(gw: Resource): string[] | undefined {
  if (gw.listeners) {
    const hosts = gw.listeners.map(l => l.hostname?.value ?? '*');
    return hosts.length > 0 ? hosts : undefined;
  }
  const hosts = (gw.servers ?? []).flatMap(s => s.hosts.map(x => x.value));
  return gw.servers && gw.servers.length > 0 ? hosts : undefined;
}

/** Whether a server of the Gateway takes `host` (resolved) from a VirtualService in `namespace`. */
function accepts(gw: Resource, host: string, namespace: string): Verdict {
  // Istio's analyzer matches Gateway API listener hostnames without namespaces (vsHostInKubernetesGateway).
  if (gw.listeners)
    return (serverHosts(gw) ?? []).some(h => h === '*' || hostsOverlap(host, h.toLowerCase()))
      ? { kind: 'yes' }
      : { kind: 'no' };
  const allowed: string[] = [];
  for (const server of gw.servers ?? []) {
    for (const entry of server.hosts) {
      const { namespace: ns, host: pattern } = splitNamespacedHost(entry.value.trim().toLowerCase());
      // Istio does not resolve short names in Gateway hosts; whether they match is not worth guessing.
      if (isShortName(pattern)) return { kind: 'unknown' };
      if (!hostsOverlap(host, pattern)) continue;
      const allowedNs = ns === '.' ? gw.namespace : ns;
      if (allowedNs === '*' || allowedNs === namespace) return { kind: 'yes' };
      allowed.push(allowedNs === gw.namespace ? `its own namespace ${allowedNs}` : `namespace ${allowedNs}`);
    }
  }
  return allowed.length > 0 ? { kind: 'namespace', allowed: [...new Set(allowed)] } : { kind: 'no' };
}
