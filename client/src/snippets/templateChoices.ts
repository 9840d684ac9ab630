import { snippetKind, type Snippet } from './snippetFile';

/**
 * The order "New Resource…" lists templates in: routing first (what most new files are), security
 * after, and within a kind the file's order with the restrictive templates last. The first item
 * is the one Enter picks, so it must never be "deny all", which blocks every request when applied.
 */
const KIND_ORDER = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
  'Sidecar',
  'WorkloadEntry',
  'PeerAuthentication',
  'RequestAuthentication',
  'AuthorizationPolicy',
  'Telemetry',
  'HTTPRoute',
  'ReferenceGrant',
];

/** Templates that lock traffic down for everything they select: offered last in their kind. */
const RESTRICTIVE = /deny-all|allow-nothing/;

export function templateOrder(snippets: readonly Snippet[]): Snippet[] {
  const rank = (s: Snippet) => {
    const i = KIND_ORDER.indexOf(snippetKind(s) ?? '');
    return i === -1 ? KIND_ORDER.length : i;
  };
  return snippets
    .map((s, i) => ({ s, i }))
        .sort(
      (a, b) =>
        rank(a.s) - rank(b.s) ||
        (snippetKind(a.s) ?? '').localeCompare(snippetKind(b.s) ?? '') ||
        +RESTRICTIVE.test(a.s.prefix) - +RESTRICTIVE.test(b.s.prefix) || a.i - b.i)
    .map(x => x.s);
}

/**
 * Namespaces to offer for a new resource: the workspace's, most used first, with the default
 * namespace setting first when set. `counts` are per namespace (from the index's resources).
 */
export function namespaceChoices(namespaces: readonly string[], defaultNamespace: string | undefined): string[] {
  const counts = new Map<string, number>();
  for (const ns of namespaces) if (ns) counts.set(ns, (counts.get(ns) ?? 0) + 1);
  const ordered = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([ns]) => ns);
  if (!defaultNamespace) return ordered;
  return [defaultNamespace, ...ordered.filter(ns => ns !== defaultNamespace)];
}
