import type { Lookup } from '../../index/lookup';
import { parentKind } from '../../index/references';
import type { ParentRef } from '../../model/gatewayApiTypes';
import { evaluateAttachment, type Attachment } from '../../model/routeAttachment';
import type { Resource } from '../../model/types';

/** A route's parentRef to a Gateway API Gateway the workspace defines, and how the route attaches to it. */
export interface GatewayParent {
  readonly ref: ParentRef;
  readonly gateway: Resource;
  readonly attachment: Attachment;
}

/**
 * The route's parentRefs that resolve to a Gateway in the workspace, evaluated against its
 * listeners. Templated Gateways are left out (their listeners cannot be judged), and so are
 * parentRefs whose sectionName or port selects no listener (route-parent-not-found's case).
 */
export function gatewayParents(index: Lookup, route: Resource): GatewayParent[] {
  const out: GatewayParent[] = [];
  for (const ref of route.parentRefs ?? []) {
    if (parentKind(ref.group, ref.kind) !== 'Gateway') continue;
    const found = index.kubeGateway(ref.namespace?.value ?? route.namespace, ref.name.value);
    if (found.length === 0 || found.some(g => g.incomplete)) continue;
    const gateway = found[0];
    const attachment = evaluateAttachment(route, ref, gateway, ns => index.namespaceLabels(ns));
    if (attachment.verdict !== 'noListener') out.push({ ref, gateway, attachment });
  }
  return out;
}

/** `ns/name` and, with a sectionName, `ns/name` listener `section`: how messages name the parent. */
export function parentText(p: GatewayParent): string {
  const gw = `${p.gateway.namespace}/${p.gateway.name ?? '?'}`;
  return p.ref.sectionName ? `${gw} (listener ${p.ref.sectionName.value})` : gw;
}
