import { BoundedMemo } from '../util/boundedMemo';

/**
 * The name, host and address formats of Istio's validation (pkg/config/labels, pkg/config/validation/agent),
 * as pure predicates. Each returns the reason a value is refused, or undefined when Istio accepts it.
 */

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const QUALIFIED_NAME = '(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const DNS_PREFIX = '[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*/';
const LABEL_KEY = new RegExp(`^(${DNS_PREFIX})?(${QUALIFIED_NAME})$`);
const LABEL_VALUE = new RegExp(`^(${QUALIFIED_NAME})?$`);

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

function isWildcardLabel(value: string): boolean {
  return value.length <= 63 && WILDCARD_LABEL.test(value);
}

function preconditions(name: string): string | undefined {
  if (name.length > 255) return `domain name "${name}" is too long (max 255)`;
  if (name.length === 0) return 'an empty domain name is not allowed';
  return undefined;
}

function dnsLabels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (/^[-+]?[0-9]+$/.test(tld))
    return `domain name "${domain}" is invalid (top level domain "${tld}" cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined;
    if (!isDns1123Label(parts[i]))
      return `domain name "${domain}" is invalid (label "${parts[i]}" is not a DNS-1123 label)`;
  }
  return undefined;
}

/** agent.ValidateFQDN: DNS-1123 labels, no wildcard. */
export function fqdnProblem(fqdn: string): string | undefined {
  if (plainDomain(fqdn, false)) return undefined;
  return fqdnProblems.get(fqdn, f => preconditions(f) ?? dnsLabels(f));
}

/** agent.ValidateWildcardDomain: an FQDN whose first label may be `*`, `*foo` or `*-foo`. */
export function wildcardDomainProblem(domain: string): string | undefined {
  if (plainDomain(domain, true)) return undefined;
  return wildcardDomainProblems.get(domain, uncachedWildcardDomainProblem);
}

/**
 * A quick yes for the usual host (`reviews.prod.svc.cluster.local`, `*.example.com`): dot-separated
 * labels of letters, digits and inner hyphens, at most 63 characters each, the first possibly `*`
 * (when `wildcard`), the last not all digits, 255 characters in all. One pass over the characters,
 * which costs less than the memo's lookup of a string sliced from a file. False is no verdict:
 * the full check (and its message) decides then.
 */
function plainDomain(domain: string, wildcard: boolean): boolean {
  const n = domain.length;
  if (n === 0 || n > 255) return false;
  let start = 0;
  if (wildcard && domain.charCodeAt(0) === 42 /* * */) {
    if (n === 1) return true;
    if (domain.charCodeAt(1) !== 46 /* . */) return false;
    start = 2;
  }
  let labelStart = start;
  let digitsOnly = true;
  for (let i = start; i <= n; i++) {
    const c = i < n ? domain.charCodeAt(i) : 46;
    if (c === 46) {
      const length = i - labelStart;
      if (length === 0 || length > 63) return false;
      if (domain.charCodeAt(labelStart) === 45 || domain.charCodeAt(i - 1) === 45) return false;
      if (i === n && digitsOnly) return false;
      labelStart = i + 1;
      digitsOnly = true;
      continue;
    }
    if (c >= 48 && c <= 57) continue;
    digitsOnly = false;
    if (c === 45 || (c >= 97 && c <= 122) || (c >= 65 && c <= 90)) continue;
    return false;
  }
  return true;
}

/**
 * Hosts and gateway names recur across a workspace (a service's host in its VirtualService,
 * DestinationRule, ServiceEntry…): each verdict is worked out once.
 */
const MAX_MEMO = 8192;
const fqdnProblems = new BoundedMemo<string, string | undefined>(MAX_MEMO);
const wildcardDomainProblems = new BoundedMemo<string, string | undefined>(MAX_MEMO);

function uncachedWildcardDomainProblem(domain: string): string | undefined {
  const pre = preconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot === -1 ? domain : domain.slice(0, dot);
  if (!isWildcardLabel(first))
    return `domain name "${domain}" is invalid (label "${first}" is not a DNS-1123 label or wildcard)`;
  return dot === -1 ? undefined : dnsLabels(domain.slice(dot + 1));
}

/** agent.ValidatePartialWildCard: `*` only alone or as the whole first label. */
export function isPartialWildcard(host: string): boolean {
  return host.includes('*') && host !== '*' && !host.startsWith('*.');
}

export function isIPv4(addr: string): boolean {
  const parts = addr.split('.');
  // Go's netip.ParseAddr refuses leading zeros.
  return parts.length === 4 && parts.every(p => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

export function isIPv6(addr: string): boolean {
  let a = addr;
  const zone = a.indexOf('%');
  if (zone !== -1) {
    if (zone === a.length - 1) return false;
    a = a.slice(0, zone);
  }
  let groups = 8;
  const lastColon = a.lastIndexOf(':');
  if (a.includes('.')) {
    if (!isIPv4(a.slice(lastColon + 1))) return false;
    a = `${a.slice(0, lastColon + 1)}0:0`;
  }
  const halves = a.split('::');
  if (halves.length > 2) return false;
  const hex = /^[0-9a-fA-F]{1,4}$/;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  if (![...head, ...tail].every(g => hex.test(g))) return false;
  if (halves.length === 2) return head.length + tail.length < groups;
  groups -= head.length;
  return groups === 0;
}

/** netip.ParseAddr: an IPv4 or IPv6 address (with an optional IPv6 zone). */
export function isIPAddress(addr: string): boolean {
  return isIPv4(addr) || isIPv6(addr);
}

/** agent.ValidateIPSubnet: an address or a CIDR block. */
export function ipSubnetProblem(subnet: string): string | undefined {
  if (subnet.split('/').length === 2) {
    const [addr, bits] = subnet.split('/');
    const v4 = isIPv4(addr);
    const ok = (v4 || (isIPv6(addr) && !addr.includes('%'))) && /^(0|[1-9][0-9]*)$/.test(bits);
    if (!ok || Number(bits) > (v4 ? 32 : 128)) return `"${subnet}" is not a valid CIDR block`;
    return undefined;
  }
  return isIPAddress(subnet) ? undefined : `"${subnet}" is not a valid IP address`;
}

/** agent.ValidatePort. */
export function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

/** labels.Instance.Validate: Kubernetes label keys and values. */
export function labelProblem(key: string, value: string): { why: string; inValue: boolean } | undefined {
  // The usual label (`app: reviews`, `version: v1`) passes a one-pass test; the patterns decide otherwise.
  if (qualifiedName(key, false) && qualifiedName(value, true)) return undefined;
  const m = LABEL_KEY.exec(key);
  if (!m || (m[1] && m[1].length - 1 > 253) || m[2].length > 63)
    return { why: `"${key}" is not a valid label key`, inValue: false };
  if (!LABEL_VALUE.test(value) || value.length > 63)
    return { why: `"${value}" is not a valid value for label "${key}"`, inValue: true };
  return undefined;
}

/**
 * A quick yes for QUALIFIED_NAME (at most 63 characters): letters and digits at both ends, `-`,
 * `_` and `.` between; `empty` allows the empty string (a label value). False is no verdict.
 */
function qualifiedName(name: string, empty: boolean): boolean {
  const n = name.length;
  if (n === 0) return empty;
  if (n > 63 || !isAlphanumeric(name.charCodeAt(0)) || !isAlphanumeric(name.charCodeAt(n - 1))) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = name.charCodeAt(i);
    if (!isAlphanumeric(c) && c !== 45 && c !== 95 && c !== 46) return false;
  }
  return true;
}

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** protocol.Parse: the protocols Istio knows (case-insensitive); anything else is Unsupported. */
const PROTOCOLS = new Set([
  'tcp',
  'udp',
  'grpc',
  'grpc-web',
  'http',
  'http_proxy',
  'http2',
  'https',
  'tls',
  'mongo',
  'redis',
  'mysql',
]);

export function isKnownProtocol(protocol: string): boolean {
  return PROTOCOLS.has(protocol.toLowerCase());
}

export function isHttpProtocol(protocol: string): boolean {
  return ['http', 'http2', 'grpc', 'grpc-web', 'http_proxy'].includes(protocol.toLowerCase());
}

export function isTlsProtocol(protocol: string): boolean {
  return ['https', 'tls'].includes(protocol.toLowerCase());
}

/** RFC 7230 token characters: header names in matches (validHeaderNameRegex). */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
