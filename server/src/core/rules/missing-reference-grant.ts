import type { Lookup } from '../index/lookup';
import { isServiceRef, parentKind } from '../index/references';
import { GATEWAY_API_GROUP, GATEWAY_KIND_KEY, REFERENCE_GRANT_KIND_KEY, ROUTE_KIND_KEYS } from '../model/gatewayApi';
import {
  grantAdmits,
  grantAdmitsFrom,
  grantAdmitsTo,
  grantedNames,
  type CrossNamespaceRef,
} from '../model/referenceGrant';
import type { Resource } from '../model/types';
import type { CrossFileRule, CrossFileRuleContext, Fix, RelatedInfo } from './types';

/**
 * A reference across namespaces that no ReferenceGrant admits: a route's backendRef to a Service
 * in another namespace, or a Gateway listener's certificateRef to a Secret in another namespace.
 * Istio refuses both (ResolvedRefs: False, RefNotPermitted): the backend is not used, the
 * listener gets no certificate. The grant must live in the namespace of the referenced object.
 */
export const rule: CrossFileRule = {
  id: 'missing-reference-grant',
  meta: {
    description:
      'A cross-namespace backendRef or certificateRef without a ReferenceGrant in the target namespace that admits it.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: true,
    kinds: [...ROUTE_KIND_KEYS, GATEWAY_KIND_KEY],
    messages: {
      backend:
        'No ReferenceGrant in namespace {target} lets {kind}s from namespace {namespace} use Service {service}{near}: Istio refuses this backend and requests routed to it fail.',
      certificate:
        'No ReferenceGrant in namespace {target} lets Gateways from namespace {namespace} use Secret {secret}{near}: Istio refuses the certificate and listener {listener} serves no TLS.',
    },
  },
  check(ctx) {
    if (ctx.resource.kind === 'Gateway') checkCertificates(ctx);
    else checkBackends(ctx);
  },
};

function checkBackends(ctx: CrossFileRuleContext): void {
  const { index, resource: route } = ctx;
  // Istio enforces grants for routes attached to Gateways, not for mesh (Service parent) routes.
  if (!(route.parentRefs ?? []).some(p => parentKind(p.group, p.kind) === 'Gateway')) return;
  for (const ref of route.backendRefs ?? []) {
    if (!ref.namespace || ref.namespace.value === route.namespace || !isServiceRef(ref.group, ref.kind)) continue;
    const target = ref.namespace.value;
    const wanted: CrossNamespaceRef = {
      fromKind: route.kind,
      fromNamespace: route.namespace,
      toGroup: '',
      toKind: 'Service',
      toName: ref.name.value,
    };
    const services = index.kubernetesServices(target, ref.name.value);
    const verdict = judge(index, target, wanted, services.length > 0);
    if (!verdict) continue;
    ctx.report({
      span: ref.namespace.span,
      messageId: 'backend',
      data: {
        target,
        kind: route.kind,
        namespace: route.namespace,
        service: `${target}/${ref.name.value}`,
        near: verdict.near,
      },
      related: [...verdict.related, ...services.slice(0, 1).map(s => relatedTo(s, 'Service'))],
      fixes: services.length > 0 && !services[0].incomplete ? [grantFix(services[0], wanted)] : [],
    });
  }
}

function checkCertificates(ctx: CrossFileRuleContext): void {
  const { index, resource: gateway } = ctx;
  for (const listener of gateway.listeners ?? []) {
    for (const ref of listener.certificateRefs ?? []) {
      if (!ref.namespace || ref.namespace.value === gateway.namespace) continue;
      if (ref.group !== '' || ref.kind !== 'Secret') continue;
      const target = ref.namespace.value;
      const wanted: CrossNamespaceRef = {
        fromKind: 'Gateway',
        fromNamespace: gateway.namespace,
        toGroup: '',
        toKind: 'Secret',
        toName: ref.name.value,
      };
      const verdict = judge(index, target, wanted, false);
      if (!verdict) continue;
      ctx.report({
        span: ref.namespace.span,
        messageId: 'certificate',
        data: {
          target,
          namespace: gateway.namespace,
          secret: `${target}/${ref.name.value}`,
          near: verdict.near,
          listener: listener.name?.value ?? '?',
        },
        related: verdict.related,
      });
    }
  }
}

/**
 * Undefined when a grant admits the reference or nothing can be judged: the target namespace
 * must be one the workspace manages (a ReferenceGrant or the Namespace object there, or the
 * referenced object itself), else its grants likely live with whoever owns that namespace.
 */
function judge(
  index: Lookup,
  target: string,
  wanted: CrossNamespaceRef,
  targetInWorkspace: boolean,
): { near: string; related: RelatedInfo[] } | undefined {
  const grants = index.ofKind(REFERENCE_GRANT_KIND_KEY, target);
  if (grants.some(g => grantAdmits(g, wanted))) return undefined;
  if (index.hasIncomplete(REFERENCE_GRANT_KIND_KEY, target)) return undefined;
  if (grants.length === 0 && !targetInWorkspace && index.namespaceObject(target).length === 0) return undefined;
  const byName = grants.filter(g => grantAdmitsFrom(g, wanted) && !grantAdmitsTo(g, wanted));
  const byFrom = grants.filter(g => grantAdmitsTo(g, wanted) && !grantAdmitsFrom(g, wanted));
  let near = '';
  if (byName.length > 0) {
    const names = grantedNames(byName[0], wanted.toGroup, wanted.toKind);
    near =
      names.length > 0
        ? ` (ReferenceGrant ${target}/${byName[0].name ?? '?'} admits only ${wanted.toKind} ${names.join(', ')})`
        : ` (ReferenceGrant ${target}/${byName[0].name ?? '?'} admits no ${wanted.toKind})`;
  } else if (byFrom.length > 0) {
    const from = (byFrom[0].grantFrom ?? []).map(f => `${f.kind}s from ${f.namespace.value}`);
    near = ` (ReferenceGrant ${target}/${byFrom[0].name ?? '?'} admits ${from.join(', ') || 'nothing'})`;
  }
  return { near, related: [...byName, ...byFrom].slice(0, 3).map(g => relatedTo(g, 'ReferenceGrant')) };
}

/**
 * Adds a ReferenceGrant next to the referenced Service, in its file: it then lands in the
 * Service's namespace however that namespace is set (metadata, kustomization or default).
 */
function grantFix(service: Resource, wanted: CrossNamespaceRef): Fix {
  const name = `allow-${wanted.fromKind.toLowerCase()}s-from-${wanted.fromNamespace}`.slice(0, 63).replace(/-+$/, '');
  const lines = [
    'apiVersion: gateway.networking.k8s.io/v1beta1',
    'kind: ReferenceGrant',
    'metadata:',
    `  name: ${name}`,
    ...(service.explicitNamespace ? [`  namespace: ${service.explicitNamespace}`] : []),
    'spec:',
    '  from:',
    `    - group: ${GATEWAY_API_GROUP}`,
    `      kind: ${wanted.fromKind}`,
    `      namespace: ${wanted.fromNamespace}`,
    '  to:',
    '    - group: ""',
    `      kind: ${wanted.toKind}`,
    `      name: ${wanted.toName}`,
  ];
  return {
    title: `Add a ReferenceGrant for ${wanted.fromKind}s from ${wanted.fromNamespace} next to Service ${service.namespace}/${wanted.toName}`,
    isPreferred: true,
    compute: ({ readText }) => {
      const text = readText(service.file);
      if (text === undefined) return undefined;
      const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
      const span = { start: text.length, end: text.length };
      return [{ file: service.file, edits: [{ span, newText: `${sep}---\n${lines.join('\n')}\n` }] }];
    },
  };
}

function relatedTo(r: Resource, what: string): RelatedInfo {
  return { file: r.file, span: r.nameSpan ?? r.span, message: `${what} ${r.namespace}/${r.name ?? '?'}` };
}
