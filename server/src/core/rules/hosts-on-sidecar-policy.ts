import { isGatewayWorkload } from '../model/extract/pods';
import type { Resource } from '../model/types';
import type { CrossFileRule } from './types';

/**
 * `to.operation.hosts`/`notHosts` match the request's Host header. A gateway routes by that
 * header, so there it names what the request reaches; a sidecar receives requests for its own
 * pod whatever the header says, so a client calling the pod (its IP, or any Service in front of
 * it) with another Host passes an ALLOW on hosts and slips past a DENY on hosts. Reported only
 * when the policy's selector picks workloads of the workspace and none of them looks like a
 * gateway; policies attached with targetRefs (waypoints, gateways), without a selector, or whose
 * workloads could be hidden by Helm templating are not judged.
 */
export const rule: CrossFileRule = {
  id: 'hosts-on-sidecar-policy',
  meta: {
    description:
      'An AuthorizationPolicy matches on hosts/notHosts for workloads that are not gateways: a sidecar does not route by Host, so any Host header reaches the pod.',
    defaultSeverity: 'warning',
    crossFile: true,
    fixable: false,
    kinds: ['AuthorizationPolicy'],
    messages: {
      sidecar:
        '{field} matches the Host header, but this policy applies to sidecars ({workloads}), which accept requests for their pod whatever the Host: a client calling the pod with another Host header {effect}. Match hosts on the ingress gateway, or match paths, ports or source identities here.',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const authz = r.authz;
    const selector = r.selector;
    if (!authz || authz.hostKeys.length === 0 || authz.targetsRefs || r.incomplete) return;
    if (!selector || selector.templated || Object.keys(selector.labels).length === 0) return;
    const { index } = ctx;
    const wanted = Object.entries(selector.labels);
    const matches = (w: Resource) => !!w.podLabels && wanted.every(([k, v]) => w.podLabels![k] === v);
    const [firstKey, firstValue] = wanted[0];
    const candidates =
      r.namespace === index.rootNamespace
        ? index.workloadsWithLabel(firstKey, firstValue)
        : index.workloads(r.namespace);
    const selected = candidates.filter(matches).filter(w => w.kind !== 'WorkloadEntry' && w.kind !== 'WorkloadGroup');
    if (selected.length === 0 || selected.some(isGatewayWorkload)) return;
    if (index.hasIncompleteWorkloads(r.namespace === index.rootNamespace ? undefined : r.namespace)) return;
    const workloads = selected
      .slice(0, 3)
      .map(w => `${w.kind} ${w.namespace}/${w.name ?? '?'}`)
      .join(', ');
    for (const key of authz.hostKeys) {
      ctx.report({
        span: key.span,
        messageId: 'sidecar',
        data: {
          field: key.field,
          workloads: selected.length > 3 ? `${workloads}, …` : workloads,
          effect:
            authz.action === 'DENY'
              ? 'is not denied by this rule'
              : authz.action === 'ALLOW'
                ? 'is allowed by it'
                : 'is matched by it',
        },
      });
    }
  },
};
