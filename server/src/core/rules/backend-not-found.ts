import { isServiceRef } from '../index/references';
import { ROUTE_KIND_KEYS } from '../model/gatewayApi';
import type { BackendRef } from '../model/gatewayApiTypes';
import type { Resource, ServicePortRef } from '../model/types';
import { byCloseness, didYouMean } from './support/distance';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule, CrossFileRuleContext, Fix, RelatedInfo } from './types';

/**
 * A route backendRef naming a Service that does not exist, or a port the Service does not have.
 * Istio marks the backend invalid (ResolvedRefs: False, BackendNotFound) and the share of
 * requests sent to it fails with HTTP 500; a port the Service lacks has no cluster either. Judged
 * like host-not-found: only where the workspace defines Services in the backend's namespace.
 */
export const rule: CrossFileRule = {
  id: 'backend-not-found',
  meta: {
    description: 'A route backendRef names a Service (or a Service port) that does not exist in the workspace.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: ROUTE_KIND_KEYS,
    messages: {
      missing:
        'Service {ref} does not exist, although the workspace defines Services in namespace {namespace}: requests routed to this backend fail.{hint}',
      hostname:
        'backendRefs name a Service by its name, not its hostname: Istio rejects "{name}" (use name: {service}{namespaceHint}).',
      port: 'Service {service} has no port {port} (its ports: {ports}): requests routed to this backend fail.{hint}',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    for (const ref of route.backendRefs ?? []) {
      if (!isServiceRef(ref.group, ref.kind)) continue;
      const namespace = ref.namespace?.value ?? route.namespace;
      if (ref.name.value.includes('.')) reportHostname(ctx, ref);
      else checkService(ctx, ref, namespace);
    }
  },
};

function reportHostname(ctx: CrossFileRuleContext, ref: BackendRef): void {
  const [service, ns] = ref.name.value.split('.');
  const namespace = ref.namespace?.value ?? ctx.resource.namespace;
  ctx.report({
    span: ref.name.span,
    messageId: 'hostname',
    data: {
      name: ref.name.value,
      service,
      namespaceHint: ns && ns !== namespace ? ` and namespace: ${ns}` : '',
    },
    fixes: service
      ? [replaceValueFix(ctx.resource.file, ref.name, service, `Change to ${service}`, !ns || ns === namespace)]
      : [],
  });
}

function checkService(ctx: CrossFileRuleContext, ref: BackendRef, namespace: string): void {
  const { index, resource: route } = ctx;
  const name = ref.name.value;
  const found = index.kubernetesServices(namespace, name);
  if (found.length === 0) {
    const inNamespace = index.ofKind('Service', namespace).filter(s => s.name);
    if (inNamespace.length === 0 || index.hasIncomplete('Service', namespace)) return;
    const names = inNamespace.map(s => s.name!);
    const typo = didYouMean(name, names);
    const elsewhere = index.servicesNamed(name).filter(s => s.namespace !== namespace);
    const hints: string[] = [];
    if (typo) hints.push(` Did you mean ${typo}?`);
    const namespaces = [...new Set(elsewhere.map(s => s.namespace))];
    if (namespaces.length > 0) hints.push(` A Service named ${name} exists in namespace ${namespaces.join(', ')}.`);
    ctx.report({
      span: ref.name.span,
      messageId: 'missing',
      data: { ref: `${namespace}/${name}`, namespace, hint: hints.join('') },
      related: [...inNamespace.filter(s => s.name === typo), ...elsewhere].slice(0, 3).map(relatedTo),
      fixes: byCloseness(name, names)
        .slice(0, typo ? 1 : 0)
        .map(n => replaceValueFix(route.file, ref.name, n, `Change to ${n}`, true)),
    });
    return;
  }
  if (ref.port === undefined || !ref.portSpan) return;
  // Only Services with every port known are judged (templating may hide ports).
  if (found.some(s => s.incomplete || s.serviceType === 'ExternalName')) return;
  const ports: ServicePortRef[] = found.flatMap(s => s.ports ?? []);
  if (ports.length === 0 || ports.some(p => p.port === undefined || p.port === ref.port)) return;
  const byTarget = ports.filter(p => p.targetPort === ref.port);
  const numbers = [...new Set([...byTarget, ...ports].map(p => p.port!))];
  const portValue = { value: String(ref.port), span: ref.portSpan };
  const fixes: Fix[] = numbers
    .slice(0, 3)
    .map((n, i) =>
      replaceValueFix(
        route.file,
        portValue,
        String(n),
        `Change port to ${n}`,
        i === 0 && (byTarget.length > 0 || numbers.length === 1),
      ),
    );
  ctx.report({
    span: ref.portSpan,
    messageId: 'port',
    data: {
      service: `${namespace}/${name}`,
      port: ref.port,
      ports: [...new Set(ports.map(p => (p.name ? `${p.port} (${p.name.value})` : String(p.port))))].join(', '),
      hint:
        byTarget.length > 0
          ? ` ${ref.port} is the targetPort (container port) of Service port ${byTarget[0].port}: backendRefs address the Service port.`
          : '',
    },
    related: found.map(relatedTo),
    fixes,
  });
}

function relatedTo(r: Resource): RelatedInfo {
  return { file: r.file, span: r.nameSpan ?? r.span, message: `Service ${r.namespace}/${r.name ?? '?'}` };
}
