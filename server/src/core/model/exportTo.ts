/**
 * Visibility of a resource defined in `ownNamespace` with `exportTo` to a client namespace.
 * No exportTo means the mesh default, which is every namespace.
 */
export function isExportedTo(
  exportTo: readonly string[] | undefined,
  ownNamespace: string,
  clientNamespace: string,
): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  for (const entry of exportTo) {
    if (entry === '*') return true;
    if (entry === '.' && clientNamespace === ownNamespace) return true;
    if (entry === clientNamespace) return true;
  }
  return false;
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
    return new Set(list.filter(e => e !== '~').map(e => (e === '.' ? ns : e)));
  };
  const ea = expand(a, aNs);
  const eb = expand(b, bNs);
  if (ea === 'all') return eb === 'all' || eb.size > 0;
  if (eb === 'all') return ea.size > 0;
  for (const n of ea) if (eb.has(n)) return true;
  return false;
}
