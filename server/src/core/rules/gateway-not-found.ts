import { GATEWAY_KIND_KEY } from '../model/gatewayApi';
import { MESH_GATEWAY, resolveGatewayRef } from '../model/gatewayRef';
import type { Resource } from '../model/types';
import { byCloseness, didYouMean } from './support/distance';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule, Fix } from './types';

/**
 * A VirtualService bound to a Gateway that does not exist: Istio binds it to nothing, so its
 * routes are silently absent from every gateway (requests get 404s). A Gateway API Gateway of
 * that namespace and name counts as existing, as `istioctl analyze` accepts it (istio/istio
 * #60776, pkg/config/analysis/analyzers/virtualservice/gateways.go).
 */
export const rule: CrossFileRule = {
  id: 'gateway-not-found',
  meta: {
    description: 'A VirtualService `gateways` entry names a Gateway that does not exist in the workspace.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    istioctl: 'IST0101',
    kinds: ['VirtualService'],
    messages: {
      missing: 'Gateway {ref} does not exist{short}.{hint}',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    const { index } = ctx;
    for (const entry of vs.gateways ?? []) {
      const written = entry.value.trim();
      if (written === MESH_GATEWAY) continue;
      const ref = resolveGatewayRef(written, vs.namespace);
      if (!ref || index.gateway(ref.namespace, ref.name).length > 0) continue;
      if (index.kubeGateway(ref.namespace, ref.name).length > 0) continue;
      const sameName = [...index.gatewaysNamed(ref.name), ...index.kubeGatewaysNamed(ref.name)].filter(
        g => g.namespace !== ref.namespace,
      );
      // A reference into a namespace the workspace shows no Gateway of, with no Gateway of that
      // name anywhere, most likely points at a Gateway managed elsewhere (a shared ingress).
      if (
        sameName.length === 0 &&
        index.ofKind('Gateway', ref.namespace).length === 0 &&
        index.ofKind(GATEWAY_KIND_KEY, ref.namespace).length === 0
      )
        continue;
      if (index.hasIncomplete('Gateway', ref.namespace) || index.hasIncomplete(GATEWAY_KIND_KEY, ref.namespace))
        continue;
      const all = [...index.allGateways(), ...index.ofKindAnywhere(GATEWAY_KIND_KEY)].filter(g => g.name);
      const refText = (g: Resource) => (g.namespace === vs.namespace ? g.name! : `${g.namespace}/${g.name}`);
      const names = [...new Set(all.map(g => g.name!))];
      const suggestion = didYouMean(ref.name, names);
      const fixes: Fix[] = sameName
        .slice(0, 3)
        .map(g => replaceValueFix(vs.file, entry, refText(g), `Change to ${refText(g)}`, sameName.length === 1));
      const offered = new Set(sameName.map(g => g.id));
      // Closest names first; for one name, the Gateway in the referenced namespace first.
      const candidates = byCloseness(ref.name, names)
        .flatMap(name =>
          all
            .filter(g => g.name === name)
            .sort((a, b) => Number(b.namespace === ref.namespace) - Number(a.namespace === ref.namespace)),
        )
        .filter(g => !offered.has(g.id))
        .slice(0, 3);
      candidates.forEach((g, i) => {
        fixes.push(
          replaceValueFix(
            vs.file,
            entry,
            refText(g),
            `Change to ${refText(g)}`,
            sameName.length === 0 && i === 0 && g.name === suggestion,
          ),
        );
      });
      const suggested = candidates.find(g => g.name === suggestion);
      const hint =
        sameName.length > 0
          ? ` A Gateway named ${ref.name} exists in namespace ${[...new Set(sameName.map(g => g.namespace))].join(', ')}: qualify it as namespace/name.`
          : suggested
            ? ` Did you mean ${refText(suggested)}?`
            : '';
      ctx.report({
        span: entry.span,
        messageId: 'missing',
        data: {
          ref: `${ref.namespace}/${ref.name}`,
          short:
            written.includes('/') || written.includes('.')
              ? ''
              : ` (a gateway without a namespace/ prefix is looked up in the VirtualService's namespace, ${vs.namespace})`,
          hint,
        },
        related: [...sameName, ...(suggested ? [suggested] : [])].slice(0, 3).map(g => ({
          file: g.file,
          span: g.nameSpan ?? g.span,
          message: `Gateway ${g.namespace}/${g.name}`,
        })),
        fixes,
      });
    }
  },
};
