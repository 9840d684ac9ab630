/** A VirtualService's reference to a Gateway, resolved the way Istio does. */
export interface GatewayRef {
  readonly namespace: string;
  readonly name: string;
  /** Where the name starts within the written value (for renames that keep the prefix). */
  readonly nameOffset: number;
}

export const MESH_GATEWAY = 'mesh';

/**
 * Istio's `resolveGatewayName`: `ns/name`; `./name` and a short `name` mean the VirtualService's
 * namespace; the legacy `name.ns[.svc.cluster.local]` form names the namespace in its second
 * label. Undefined for `mesh` (the sidecars, not a Gateway resource) and for empty parts.
 */
export function resolveGatewayRef(value: string, namespace: string): GatewayRef | undefined {
  if (value === MESH_GATEWAY) return undefined;
  const slash = value.indexOf('/');
  if (slash !== -1) {
    const ns = value.slice(0, slash);
    const name = value.slice(slash + 1);
    if (!name || !ns) return undefined;
    return { namespace: ns === '.' ? namespace : ns, name, nameOffset: slash + 1 };
  }
  const dot = value.indexOf('.');
  if (dot === -1) return value ? { namespace, name: value, nameOffset: 0 } : undefined;
  const rest = value.slice(dot + 1);
  const ns = rest.split('.')[0];
  const name = value.slice(0, dot);
  return name && ns ? { namespace: ns, name, nameOffset: 0 } : undefined;
}

export function gatewayKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
