import type { Lookup } from '../index/lookup';
import { parentKind } from '../index/references';
import { GATEWAY_KIND_KEY, ROUTE_KIND_KEYS } from '../model/gatewayApi';
import type { ParentRef } from '../model/gatewayApiTypes';
import type { Resource } from '../model/types';
import { byCloseness, didYouMean } from './support/distance';
import { addEntryFix } from './support/gatewayApiFix';
import { replaceValueFix } from './support/resourceEdit';
import type { CrossFileRule, CrossFileRuleContext, Fix, RelatedInfo } from './types';

/**
 * A route whose parentRef resolves to nothing: no Gateway (or, for mesh routes, no Service) of
 * that name, or no listener with the `sectionName` or `port` it names. Istio leaves the route
 * unattached there (status `Accepted: False`), and its rules serve no traffic.
 */
export const rule: CrossFileRule = {
  id: 'route-parent-not-found',
  meta: {
    description:
      'A route parentRef names a Gateway (or, for mesh routes, a Service) that does not exist, or a sectionName or port no listener has.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: ROUTE_KIND_KEYS,
    messages: {
      gateway: 'Gateway {ref} does not exist{short}: the route is attached to nothing here.{hint}',
      service:
        'Service {ref} does not exist, although the workspace defines Services in namespace {namespace}: the route is attached to nothing here.{hint}',
      serviceEntry:
        'ServiceEntry {ref} does not exist, although the workspace defines ServiceEntries in namespace {namespace}: the route is attached to nothing here.{hint}',
      sectionName:
        'Gateway {gateway} has no listener named "{section}" (its listeners: {listeners}): the route is attached to nothing here.{hint}',
      port: 'Gateway {gateway} has no listener{named} on port {port} (its listeners: {listeners}): the route is attached to nothing here.',
      servicePort:
        'Service {service} has no port {port} (its ports: {ports}): the route applies to traffic on that port only, and there is none.',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    for (const ref of route.parentRefs ?? []) {
      const kind = parentKind(ref.group, ref.kind);
      const namespace = ref.namespace?.value ?? route.namespace;
      if (kind === 'Gateway') checkGateway(ctx, ref, namespace);
      else if (kind === 'Service') checkService(ctx, ref, namespace);
      else if (kind === 'ServiceEntry') checkServiceEntry(ctx, ref, namespace);
    }
  },
};

function checkGateway(ctx: CrossFileRuleContext, ref: ParentRef, namespace: string): void {
  const { index, resource: route } = ctx;
  const name = ref.name.value;
  const found = index.kubeGateway(namespace, name);
  if (found.length === 0) {
    reportMissingGateway(ctx, ref, namespace);
    return;
  }
  if (found.some(g => g.incomplete)) return;
  const gateway = found[0];
  const listeners = gateway.listeners ?? [];
  if (listeners.some(l => !l.name) || (!ref.sectionName && ref.port === undefined)) return;
  const names = listeners.map(l => l.name!.value);
  const describe = listeners.map(l => `${l.name!.value} (${l.protocol ?? '?'} ${l.port ?? '?'})`).join(', ') || 'none';
  const gatewayText = `${gateway.namespace}/${gateway.name ?? name}`;
  const related: RelatedInfo[] = [
    { file: gateway.file, span: gateway.nameSpan ?? gateway.span, message: `Gateway ${gatewayText}` },
  ];
  const section = ref.sectionName;
  if (section && !names.includes(section.value)) {
    const typo = didYouMean(section.value, names);
    const fixes: Fix[] = byCloseness(section.value, names)
      .slice(0, 3)
      .map(n => replaceValueFix(route.file, section, n, `Change sectionName to ${n}`, n === typo));
    ctx.report({
      span: section.span,
      messageId: 'sectionName',
      data: {
        gateway: gatewayText,
        section: section.value,
        listeners: describe,
        hint: typo ? ` Did you mean ${typo}?` : '',
      },
      related,
      fixes,
    });
    return;
  }
  if (ref.port === undefined || !ref.portSpan) return;
  const candidates = section ? listeners.filter(l => l.name?.value === section.value) : listeners;
  if (candidates.some(l => l.port === undefined || l.port === ref.port)) return;
  const ports = [...new Set(candidates.map(l => l.port!))];
  const portValue = { value: String(ref.port), span: ref.portSpan };
  ctx.report({
    span: ref.portSpan,
    messageId: 'port',
    data: {
      gateway: gatewayText,
      named: section ? ` named "${section.value}"` : '',
      port: ref.port,
      listeners: describe,
    },
    related,
    fixes: ports
      .slice(0, 3)
      .map(p => replaceValueFix(route.file, portValue, String(p), `Change port to ${p}`, ports.length === 1)),
  });
}

function reportMissingGateway(ctx: CrossFileRuleContext, ref: ParentRef, namespace: string): void {
  const { index, resource: route } = ctx;
  const name = ref.name.value;
  const sameName = index.kubeGatewaysNamed(name).filter(g => g.namespace !== namespace);
  const here = index.ofKind(GATEWAY_KIND_KEY, namespace).filter(g => g.name);
  // A namespace the workspace shows no Gateway API Gateway of, with no Gateway of that name
  // anywhere, most likely holds a Gateway managed elsewhere (a platform team's shared ingress).
  if (sameName.length === 0 && here.length === 0) return;
  if (index.hasIncomplete(GATEWAY_KIND_KEY, namespace)) return;
  const fixes: Fix[] = [];
  const hints: string[] = [];
  const typo = didYouMean(
    name,
    here.map(g => g.name!),
  );
  if (typo) {
    hints.push(` Did you mean ${typo}?`);
    fixes.push(replaceValueFix(route.file, ref.name, typo, `Change to ${typo}`, true));
  }
  const namespaces = [...new Set(sameName.map(g => g.namespace))];
  if (namespaces.length > 0) {
    hints.push(` A Gateway named ${name} exists in namespace ${namespaces.join(', ')}.`);
    if (!ref.namespace)
      for (const ns of namespaces.slice(0, 3))
        fixes.push(
          addEntryFix(route, ref.span, 'namespace', ns, `Add namespace: ${ns}`, !typo && namespaces.length === 1),
        );
    else
      for (const ns of namespaces.slice(0, 3))
        fixes.push(
          replaceValueFix(route.file, ref.namespace, ns, `Change namespace to ${ns}`, !typo && namespaces.length === 1),
        );
  }
  if (index.gateway(namespace, name).length > 0)
    hints.push(
      ` ${namespace}/${name} is an Istio Gateway (networking.istio.io): parentRefs name Gateway API Gateways (gateway.networking.k8s.io).`,
    );
  const suggested = here.find(g => g.name === typo);
  ctx.report({
    span: ref.name.span,
    messageId: 'gateway',
    data: {
      ref: `${namespace}/${name}`,
      short: ref.namespace
        ? ''
        : ` (a parentRef without namespace names a Gateway in the route's namespace, ${namespace})`,
      hint: hints.join(''),
    },
    related: [...sameName, ...(suggested ? [suggested] : [])].slice(0, 3).map(relatedTo),
    fixes,
  });
}

function checkService(ctx: CrossFileRuleContext, ref: ParentRef, namespace: string): void {
  const { index, resource: route } = ctx;
  const name = ref.name.value;
  const found = index.kubernetesServices(namespace, name);
  if (found.length === 0) {
    const inNamespace = namedInNamespace(index, 'Service', namespace);
    if (inNamespace.length === 0 || index.hasIncomplete('Service', namespace)) return;
    const typo = didYouMean(
      name,
      inNamespace.map(s => s.name!),
    );
    ctx.report({
      span: ref.name.span,
      messageId: 'service',
      data: { ref: `${namespace}/${name}`, namespace, hint: typo ? ` Did you mean ${typo}?` : '' },
      related: inNamespace.filter(s => s.name === typo).map(relatedTo),
      fixes: typo ? [replaceValueFix(route.file, ref.name, typo, `Change to ${typo}`, true)] : [],
    });
    return;
  }
  if (ref.port === undefined || !ref.portSpan) return;
  if (found.some(s => s.incomplete || s.serviceType === 'ExternalName')) return;
  const ports = found.flatMap(s => s.ports ?? []);
  if (ports.length === 0 || ports.some(p => p.port === undefined || p.port === ref.port)) return;
  const numbers = [...new Set(ports.map(p => p.port!))];
  const portValue = { value: String(ref.port), span: ref.portSpan };
  ctx.report({
    span: ref.portSpan,
    messageId: 'servicePort',
    data: {
      service: `${namespace}/${name}`,
      port: ref.port,
      ports: numbers.join(', '),
    },
    related: found.map(relatedTo),
    fixes: numbers
      .slice(0, 3)
      .map(p => replaceValueFix(route.file, portValue, String(p), `Change port to ${p}`, numbers.length === 1)),
  });
}

function checkServiceEntry(ctx: CrossFileRuleContext, ref: ParentRef, namespace: string): void {
  const { index, resource: route } = ctx;
  const name = ref.name.value;
  const inNamespace = namedInNamespace(index, 'ServiceEntry', namespace);
  if (inNamespace.length === 0 || inNamespace.some(se => se.name === name)) return;
  if (index.hasIncomplete('ServiceEntry', namespace)) return;
  const typo = didYouMean(
    name,
    inNamespace.map(s => s.name!),
  );
  ctx.report({
    span: ref.name.span,
    messageId: 'serviceEntry',
    data: { ref: `${namespace}/${name}`, namespace, hint: typo ? ` Did you mean ${typo}?` : '' },
    related: inNamespace.filter(s => s.name === typo).map(relatedTo),
    fixes: typo ? [replaceValueFix(route.file, ref.name, typo, `Change to ${typo}`, true)] : [],
  });
}

function namedInNamespace(index: Lookup, kind: string, namespace: string): Resource[] {
  return index.ofKind(kind, namespace).filter(r => r.name);
}

function relatedTo(r: Resource): RelatedInfo {
  return { file: r.file, span: r.nameSpan ?? r.span, message: `${r.kind} ${r.namespace}/${r.name ?? '?'}` };
}
