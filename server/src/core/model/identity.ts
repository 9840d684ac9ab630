import type { Resource } from './types';

/**
 * Object identity as the API server sees it: group, kind, namespace and name. The version is not
 * part of it (a `v1beta1` and a `v1` VirtualService of one name are one object), and cluster-scoped
 * kinds have no namespace. Two documents with one identity are copies of one object: applied to one
 * cluster, the last one applied replaces the other, so they can never conflict with each other.
 */
export function identityOf(r: Resource): string | undefined {
  return identityIn(r, r.namespace);
}

/** The identity `r` has when placed in `namespace`. */
export function identityIn(r: Resource, namespace: string): string | undefined {
  if (!hasIdentity(r)) return undefined;
  return `${r.group}/${r.kind}/${CLUSTER_SCOPED.has(r.kind) ? '' : namespace}/${r.name}`;
}

/** Kustomizations are build inputs, not cluster objects; a templated name is not a name. */
export function hasIdentity(r: Resource): r is Resource & { readonly name: string } {
  return !!r.name && !!r.kind && r.kind !== 'Kustomization' && !r.name.includes('\uE000');
}

/** True when the two are copies of one object (same group, kind, namespace and name); no string is built. */
export function sameObject(a: Resource, b: Resource): boolean {
  if (a.name !== b.name || a.kind !== b.kind || a.group !== b.group || !hasIdentity(a)) return false;
  return CLUSTER_SCOPED.has(a.kind) || a.namespace === b.namespace;
}

/** `VirtualService default/reviews` (or `Namespace bookinfo`), for messages. */
export function describeObject(r: Resource): string {
  return CLUSTER_SCOPED.has(r.kind) ? `${r.kind} ${r.name ?? '?'}` : `${r.kind} ${r.namespace}/${r.name ?? '?'}`;
}

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

/** The cluster-scoped kinds the model summarises. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['Namespace']);
