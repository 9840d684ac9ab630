import { resolveHost } from '../model/hosts';
import type { ServicePortRef } from '../model/types';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule, Fix } from './types';

/**
 * A route to `port.number` that the destination Service does not expose. Istio builds clusters
 * per Service port, so there is no cluster for the route and it answers 503. A classic cause is
 * writing the container port (`targetPort`) instead of the Service port.
 */
export const rule: CrossFileRule = {
  id: 'destination-port-not-found',
  meta: {
    description: 'A VirtualService destination `port.number` is not a port of the destination Service.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    istioctl: 'IST0101',
    kinds: ['VirtualService'],
    messages: {
      missing:
        'Service {service} has no port {port} (its ports: {ports}), so this route has no upstream and answers 503.{hint}',
    },
  },
  check(ctx) {
    const vs = ctx.resource;
    for (const d of vs.destinations ?? []) {
      if (d.port === undefined || !d.portSpan) continue;
      const host = resolveHost(d.host.value, vs.namespace);
      // The providers a proxy in the VirtualService's namespace sees (exportTo).
      const providers = ctx.index.servicesForHost(host, vs.namespace);
      // Only Kubernetes Services with every port known are judged: ServiceEntry ports and
      // ExternalName Services follow other rules, and templating may hide ports.
      if (
        providers.length === 0 ||
        providers.some(p => p.kind !== 'Service' || p.incomplete || p.serviceType === 'ExternalName')
      )
        continue;
      const ports: ServicePortRef[] = providers.flatMap(p => p.ports ?? []);
      if (ports.length === 0 || ports.some(p => p.port === undefined)) continue;
      if (ports.some(p => p.port === d.port)) continue;
      const byTarget = ports.filter(p => p.targetPort === d.port);
      const candidates = [...byTarget, ...ports.filter(p => !byTarget.includes(p))];
      const numbers = [...new Set(candidates.map(p => p.port!))];
      const portValue = { value: String(d.port), span: d.portSpan };
      const fixes: Fix[] = numbers
        .slice(0, 3)
        .map((n, i) =>
          replaceValueFix(
            vs.file,
            portValue,
            String(n),
            `Change port to ${n}`,
            i === 0 && (byTarget.length > 0 || numbers.length === 1),
          ),
        );
      const service = providers[0];
      ctx.report({
        span: d.portSpan,
        messageId: 'missing',
        data: {
          service: `${service.namespace}/${service.name ?? '?'}`,
          port: d.port,
          ports: [...new Set(ports.map(p => (p.name ? `${p.port} (${p.name.value})` : String(p.port))))].join(', '),
          hint:
            byTarget.length > 0
              ? ` ${d.port} is the targetPort (container port) of Service port ${byTarget[0].port}: routes address the Service port.`
              : '',
        },
        related: providers.map(p => ({
          file: p.file,
          span: p.nameSpan ?? p.span,
          message: `Service ${p.namespace}/${p.name ?? '?'}`,
        })),
        fixes,
      });
    }
  },
};
