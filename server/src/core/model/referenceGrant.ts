import { GATEWAY_API_GROUP } from './gatewayApi';
import type { Resource } from './types';

/** Who refers (a route or Gateway kind in a namespace) and to what (group, kind, name). */
export interface CrossNamespaceRef {
  readonly fromKind: string;
  readonly fromNamespace: string;
  readonly toGroup: string;
  readonly toKind: string;
  readonly toName: string;
}

/**
 * Whether a ReferenceGrant (in the namespace of the referenced object) admits a reference, the
 * way Istio indexes grants (`ReferenceGrantsCollection` in gatewaycommon/references.go): some
 * `from` entry names the referring kind (group gateway.networking.k8s.io) and namespace, and some
 * `to` entry names the target group and kind, and either no name or the target's name.
 */
export function grantAdmits(grant: Resource, ref: CrossNamespaceRef): boolean {
  return grantAdmitsFrom(grant, ref) && grantAdmitsTo(grant, ref);
}

export function grantAdmitsFrom(grant: Resource, ref: CrossNamespaceRef): boolean {
  return (grant.grantFrom ?? []).some(
    f => f.group === GATEWAY_API_GROUP && f.kind === ref.fromKind && f.namespace.value === ref.fromNamespace,
  );
}

export function grantAdmitsTo(grant: Resource, ref: CrossNamespaceRef): boolean {
  return (grant.grantTo ?? []).some(
    t => t.group === ref.toGroup && t.kind === ref.toKind && (!t.name || t.name.value === ref.toName),
  );
}

/** Names a grant restricts the target kind to (empty when it admits every object of the kind). */
export function grantedNames(grant: Resource, toGroup: string, toKind: string): string[] {
  const to = (grant.grantTo ?? []).filter(t => t.group === toGroup && t.kind === toKind);
  if (to.some(t => !t.name)) return [];
  return to.map(t => t.name!.value);
}
