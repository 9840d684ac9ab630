import { asMap, get, keyText, str } from '../parse/access';
import { CLUSTER_DOMAIN, isShortName } from '../model/hosts';
import { ownPair, removePair } from './support/edits';
import type { LocalRule } from './types';

/**
 * With auto mTLS (on by default since Istio 1.5), a client proxy already uses Istio mTLS to every
 * destination that has a sidecar, and plain text to those that do not. Writing `tls.mode:
 * ISTIO_MUTUAL` for an in-mesh service adds nothing — and forces mTLS even to endpoints without
 * a sidecar, which then fail. As a single-resource rule, "in-mesh" means a Kubernetes service
 * name: a short name or `*.svc.cluster.local`.
 */
export const rule: LocalRule = {
  id: 'redundant-istio-mutual',
  meta: {
    description: 'A DestinationRule sets tls.mode ISTIO_MUTUAL for an in-mesh service, which auto mTLS already covers.',
    defaultSeverity: 'hint',
    crossFile: false,
    fixable: true,
    kinds: ['DestinationRule'],
    messages: {
      redundant:
        'ISTIO_MUTUAL is redundant for {host}: auto mTLS already uses Istio mTLS to workloads with a sidecar (and this setting breaks calls to workloads without one).',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    const host = str(get(spec, 'host'))?.value;
    if (!host || !isInMeshServiceHost(host)) return;
    const policy = ownPair(spec, 'trafficPolicy');
    const tls = ownPair(policy?.pair.value ?? undefined, 'tls');
    const tlsMap = asMap(tls?.pair.value);
    if (!policy || !tls || !tlsMap) return;
    const mode = ownPair(tlsMap, 'mode');
    const modeValue = str(mode?.pair.value);
    if (!mode || modeValue?.value !== 'ISTIO_MUTUAL') return;
    // sni or subjectAltNames customise the handshake: not what auto mTLS would do.
    if (tlsMap.items.some(p => keyText(p) !== 'mode')) return;
    const policyMap = asMap(policy.pair.value);
    const onlyTls = policyMap !== undefined && policyMap.items.length === 1;
    const edit = onlyTls ? removePair(ctx.text, policy.map, policy.pair) : removePair(ctx.text, tls.map, tls.pair);
    ctx.report({
      span: modeValue.span,
      messageId: 'redundant',
      data: { host },
      tags: ['unnecessary'],
      fixes: [
        {
          title: onlyTls ? 'Remove trafficPolicy (it only sets ISTIO_MUTUAL)' : 'Remove tls (auto mTLS applies)',
          isPreferred: true,
          edits: [{ file: ctx.resource.file, edits: [edit] }],
        },
      ],
    });
  },
};

export function isInMeshServiceHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return isShortName(h) || h.endsWith(SVC_SUFFIX);
}

const SVC_SUFFIX = `.svc.${CLUSTER_DOMAIN}`;
