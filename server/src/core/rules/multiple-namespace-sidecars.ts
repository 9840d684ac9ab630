import type { CrossFileRule } from './types';

/**
 * More than one Sidecar without workloadSelector in a namespace: each claims to be the default
 * for every workload there, Istio picks one (the oldest) and ignores the others, so egress and
 * ingress settings depend on apply order.
 */
export const rule: CrossFileRule = {
  id: 'multiple-namespace-sidecars',
  meta: {
    description: 'More than one Sidecar without workloadSelector in a namespace.',
    defaultSeverity: 'error',
    crossFile: true,
    fixable: false,
    istioctl: 'IST0111',
    kinds: ['Sidecar'],
    messages: {
      multiple:
        'Namespace {namespace} has {count} Sidecars without workloadSelector (also {others}){root}. Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
    },
  },
  check(ctx) {
    const sidecar = ctx.resource;
    // A templated Sidecar may have a selector that templating hides.
    if (sidecar.selector || sidecar.incomplete) return;
    const others = ctx.index
      .ofKind('Sidecar', sidecar.namespace)
      .filter(o => o.id !== sidecar.id && !o.selector && !o.incomplete);
    if (others.length === 0) return;
    const root = ctx.index.rootNamespace;
    ctx.report({
      span: sidecar.nameSpan ?? sidecar.kindSpan ?? sidecar.span,
      messageId: 'multiple',
      data: {
        namespace: sidecar.namespace,
        count: others.length + 1,
        others: others.map(o => `Sidecar ${o.namespace}/${o.name ?? '?'}`).join(', '),
        root: sidecar.namespace === root ? '; in the root namespace it is the mesh-wide default' : '',
      },
      related: others.map(o => ({
        file: o.file,
        span: o.nameSpan ?? o.span,
        message: `Sidecar ${o.namespace}/${o.name ?? '?'} without workloadSelector`,
      })),
    });
  },
};
