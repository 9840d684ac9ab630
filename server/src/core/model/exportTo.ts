import type { MeshExportDefaults, Resource } from './types';

/**
 * Visibility of a resource defined in `ownNamespace` with `exportTo` to a client namespace, as
 * Istio's push context decides it: `*` exports to every namespace (and wins over anything else),
 * `~` to none, `.` to the own namespace, a name to that namespace. No exportTo means every
 * namespace (callers pass the mesh default through effectiveExportTo first).
 */
export function isExportedTo(
  exportTo: readonly string[] | undefined,
  ownNamespace: string,
  clientNamespace: string,
): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  if (exportTo.includes('*')) return true;
  // Istio ignores every other entry of a list holding `~`: the resource is visible to no one.
  if (exportTo.includes('~')) return false;
  for (const entry of exportTo) {
    if (entry === '.' && clientNamespace === ownNamespace) return true;
    if (entry === clientNamespace) return true;
  }
  return false;
}

/**
 * The exportTo Istio applies to a resource: its own (`spec.exportTo`, or a Service's
 * `networking.istio.io/exportTo` annotation), else MeshConfig's default for its kind
 * (`defaultServiceExportTo` for Services and ServiceEntries, `defaultVirtualServiceExportTo`,
 * `defaultDestinationRuleExportTo`), else undefined (every namespace).
 */
export function effectiveExportTo(
  r: Resource,
  defaults: MeshExportDefaults | undefined,
): readonly string[] | undefined {
  if (r.exportTo && r.exportTo.length > 0) return r.exportTo;
  if (!defaults) return undefined;
  switch (r.kind) {
    case 'Service':
    case 'ServiceEntry':
      return defaults.service;
    case 'VirtualService':
      return defaults.virtualService;
    case 'DestinationRule':
      // For DestinationRules Istio honours only `.` and `*` in the mesh default.
      return defaults.destinationRule?.includes('.') && !defaults.destinationRule.includes('*') ? ['.'] : undefined;
    default:
      return undefined;
  }
}

/** True when some namespace could see both resources. */
export function exportsOverlap(
  a: readonly string[] | undefined,
  aNs: string,
  b: readonly string[] | undefined,
  bNs: string,
): boolean {
  const expand = (list: readonly string[] | undefined, ns: string): Set<string> | 'all' => {
    if (!list || list.length === 0 || list.includes('*')) return 'all';
    if (list.includes('~')) return new Set();
    return new Set(list.map(e => (e === '.' ? ns : e)));
  };
  const ea = expand(a, aNs);
  const eb = expand(b, bNs);
  if (ea === 'all') return eb === 'all' || eb.size > 0;
  if (eb === 'all') return ea.size > 0;
  for (const n of ea) if (eb.has(n)) return true;
  return false;
}
