import { ROUTE_KIND_KEYS } from '../model/gatewayApi';
import type { ListenerSummary } from '../model/gatewayApiTypes';
import { selectorText } from '../model/labelSelector';
import { admittedKinds, type ListenerVerdict } from '../model/routeAttachment';
import { gatewayParents, parentText, type GatewayParent } from './support/routeParents';
import type { CrossFileRule, RelatedInfo } from './types';

/**
 * A route whose parent Gateway does not admit it: no listener its parentRef selects takes routes
 * from the route's namespace (`allowedRoutes.namespaces`: Same by default, All, or a Selector over
 * Namespace labels) or routes of its kind (the listener protocol and `allowedRoutes.kinds`).
 * Istio leaves the route unattached (`Accepted: False`, NotAllowedByListeners).
 */
export const rule: CrossFileRule = {
  id: 'route-not-allowed',
  meta: {
    description:
      "The parent Gateway's listeners do not admit the route: allowedRoutes namespaces (Same, All, Selector) or kinds.",
    defaultSeverity: 'error',
    crossFile: true,
    fixable: false,
    kinds: ROUTE_KIND_KEYS,
    messages: {
      namespace:
        'Gateway {gateway} does not admit routes from namespace {namespace}: {why}. The route is not attached to it.',
      kind: 'Gateway {gateway} does not admit {kind}s: {why}. The route is not attached to it.',
    },
  },
  check(ctx) {
    const route = ctx.resource;
    for (const parent of gatewayParents(ctx.index, route)) {
      const { attachment } = parent;
      if (attachment.verdict === 'namespace') {
        const listeners = attachment.candidates.filter(c => c.kind);
        ctx.report({
          span: parent.ref.name.span,
          messageId: 'namespace',
          data: {
            gateway: parentText(parent),
            namespace: route.namespace,
            why: unique(listeners.map(c => namespaceReason(c.listener, parent, route.namespace))).join('; '),
          },
          related: related(parent, listeners),
        });
      } else if (attachment.verdict === 'kind') {
        ctx.report({
          span: parent.ref.name.span,
          messageId: 'kind',
          data: {
            gateway: parentText(parent),
            kind: route.kind,
            why: unique(attachment.candidates.map(c => kindReason(c.listener))).join('; '),
          },
          related: related(parent, attachment.candidates),
        });
      }
    }
  },
};

function namespaceReason(listener: ListenerSummary, parent: GatewayParent, namespace: string): string {
  const name = `listener ${listener.name?.value ?? '?'}`;
  if (listener.allowedFrom === 'Selector' && listener.allowedSelector)
    return `${name} admits namespaces labelled ${selectorText(listener.allowedSelector)}, and Namespace ${namespace} is not`;
  return `${name} admits routes from its own namespace ${parent.gateway.namespace} only (allowedRoutes.namespaces.from: Same, the default)`;
}

function kindReason(listener: ListenerSummary): string {
  const kinds = admittedKinds(listener) ?? [];
  const name = `listener ${listener.name?.value ?? '?'} (${listener.protocol ?? '?'})`;
  const narrowed = listener.allowedKinds ? ' with its allowedRoutes.kinds' : '';
  return kinds.length === 0
    ? `${name} admits no route kind${narrowed}`
    : `${name} admits ${kinds.join(', ')}${narrowed}`;
}

function related(parent: GatewayParent, listeners: readonly ListenerVerdict[]): RelatedInfo[] {
  return listeners.slice(0, 3).map(c => ({
    file: parent.gateway.file,
    span: c.listener.name?.span ?? c.listener.span,
    message: `Listener ${c.listener.name?.value ?? '?'} of Gateway ${parent.gateway.namespace}/${parent.gateway.name ?? '?'}`,
  }));
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
