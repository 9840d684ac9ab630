import { isWildcard } from '../model/hosts';
import { ROUTE_KIND_KEYS } from '../model/gatewayApi';
import { replaceValueFix } from './support/resourceEdit';
import { gatewayParents, parentText } from './support/routeParents';
import type { CrossFileRule, Fix } from './types';

/**
 * A route none of whose hostnames intersects the hostname of a listener that would admit it.
 * Istio, as the Gateway API requires, attaches a route to a listener only when their hostnames
 * intersect (`*.example.com` covers `a.example.com` and `*.a.example.com`, never `example.com`);
 * otherwise the route is not attached (`Accepted: False`, NoMatchingListenerHostname).
 */
export const rule: CrossFileRule = {
  id: 'route-hostname-mismatch',
  meta: {
    description: "No hostname of the route intersects the hostname of the parent Gateway's listeners.",
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: ROUTE_KIND_KEYS,
    messages: {
      mismatch:
        'No hostname of this route ({hostnames}) matches the listeners of Gateway {gateway} that would admit it ({listeners}): the route is not attached to it.',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    const hostnames = route.hostnames ?? [];
    for (const parent of gatewayParents(ctx.index, route)) {
      if (parent.attachment.verdict !== 'hostname') continue;
      const listeners = parent.attachment.candidates.filter(c => c.kind && c.namespace !== 'no');
      const listenerHosts = [...new Set(listeners.map(c => c.listener.hostname?.value ?? '*'))];
      const fixes: Fix[] = [];
      const concrete = listenerHosts.filter(h => !isWildcard(h));
      if (hostnames.length === 1 && concrete.length === 1 && listenerHosts.length === 1)
        fixes.push(replaceValueFix(route.file, hostnames[0], concrete[0], `Change hostname to ${concrete[0]}`, true));
      ctx.report({
        span: parent.ref.name.span,
        messageId: 'mismatch',
        data: {
          hostnames: hostnames.map(h => h.value).join(', '),
          gateway: parentText(parent),
          listeners: listeners
            .map(c => `${c.listener.name?.value ?? '?'}: ${c.listener.hostname?.value ?? '*'}`)
            .join(', '),
        },
        related: listeners.slice(0, 3).map(c => ({
          file: parent.gateway.file,
          span: c.listener.hostname?.span ?? c.listener.span,
          message: `Listener ${c.listener.name?.value ?? '?'} of Gateway ${parent.gateway.namespace}/${parent.gateway.name ?? '?'}`,
        })),
        fixes,
      });
    }
  },
};
