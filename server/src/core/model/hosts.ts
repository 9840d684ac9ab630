import { BoundedMemo } from '../util/boundedMemo';
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

/** Cross-file lookups ask for the same hosts over and over. */
const candidatesMemo = new BoundedMemo<string, readonly string[]>(4096);

/** Wildcard patterns that could cover `host`, most specific first: `*.b.c`, `*.c`, `*` (a shared list). */
export function wildcardCandidates(host: string): readonly string[] {
  // Built from a copy of the host: the patterns must not keep a file's text alive through it.
  return candidatesMemo.get(host, h => candidatesOf((' ' + h).slice(1)));
}

function candidatesOf(host: string): string[] {
  const wildcard = isWildcard(host);
  const body = wildcard ? host.slice(2) : host;
  const out: string[] = [];
  // Every suffix after a dot (the whole name too, for a wildcard's): `*.` + labels from there on.
  if (wildcard) out.push(`*.${body}`);
  for (let dot = body.indexOf('.'); dot !== -1; dot = body.indexOf('.', dot + 1)) out.push(`*.${body.slice(dot + 1)}`);
  out.push('*');
  return out.filter(p => p !== host);
}

/** Gateway and Sidecar hosts may be written `namespace/host`; `*` and `.` are namespace wildcards. */
export function splitNamespacedHost(value: string): { namespace: string; host: string } {
  const slash = value.indexOf('/');
  if (slash === -1) return { namespace: '*', host: value };
  return { namespace: value.slice(0, slash), host: value.slice(slash + 1) };
}
