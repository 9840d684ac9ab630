/**
 * Host names as Istio treats them. A short name (`reviews`) is qualified with the namespace of
 * the resource that writes it; `name.ns` is NOT expanded (Istio takes it literally, so a rule may
 * suggest the FQDN); wildcards (`*.example.com`, `*`) match any deeper name.
 */
export const CLUSTER_DOMAIN = 'cluster.local';

export function isWildcard(host: string): boolean {
  return host.startsWith('*');
}

export function isShortName(host: string): boolean {
  return !host.includes('.') && !isWildcard(host);
}

/** The FQDN Istio uses for `host` written in a resource of `namespace`. */
export function resolveHost(host: string, namespace: string): string {
  const h = host.trim().toLowerCase();
  return isShortName(h) ? `${h}.${namespace}.svc.${CLUSTER_DOMAIN}` : h;
}

/** `name.ns.svc.cluster.local` -> `{ name, namespace }`; undefined for other hosts. */
export function parseServiceFqdn(host: string): { name: string; namespace: string } | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!host.endsWith(suffix) || isWildcard(host)) return undefined;
  const parts = host.slice(0, -suffix.length).split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return { name: parts[0], namespace: parts[1] };
}

/** `name.ns` -> the FQDN a user most likely meant; undefined if the host is not of that form. */
export function suggestFqdn(host: string): string | undefined {
  const parts = host.split('.');
  if (parts.length !== 2 || parts.some(p => !p || p.includes('*'))) return undefined;
  return `${parts[0]}.${parts[1]}.svc.${CLUSTER_DOMAIN}`;
}

/**
 * True when every name `host` stands for is also matched by `pattern`: exact equality, or
 * `pattern` is a wildcard covering `host` (which may itself be a narrower wildcard).
 */
export function hostCoveredBy(host: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (host === pattern) return true;
  if (!isWildcard(pattern)) return false;
  const suffix = pattern.slice(1); // ".example.com"
  if (isWildcard(host)) return host.slice(1).endsWith(suffix) && host.length > pattern.length;
  return host.endsWith(suffix) && host.length > suffix.length;
}

/** True when two host patterns have any name in common (Istio's `Matches`). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostCoveredBy(a, b) || hostCoveredBy(b, a);
}

/** Wildcard patterns that could cover `host`, most specific first: `*.b.c`, `*.c`, `*`. */
export function wildcardCandidates(host: string): string[] {
  const labels = (isWildcard(host) ? host.slice(2) : host).split('.');
  const out: string[] = [];
  const start = isWildcard(host) ? 0 : 1;
  for (let i = start; i < labels.length; i++) out.push(`*.${labels.slice(i).join('.')}`);
  out.push('*');
  return out.filter(p => p !== host);
}

/** Gateway and Sidecar hosts may be written `namespace/host`; `*` and `.` are namespace wildcards. */
export function splitNamespacedHost(value: string): { namespace: string; host: string } {
  const slash = value.indexOf('/');
  if (slash === -1) return { namespace: '*', host: value };
  return { namespace: value.slice(0, slash), host: value.slice(slash + 1) };
}
