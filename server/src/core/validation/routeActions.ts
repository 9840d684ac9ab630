import { get, items } from '../parse/access';
import type { Span, YNode } from '../parse/types';
import { ipSubnetProblem, isIPAddress, wildcardDomainProblem } from './names';
import { field, int, nonEmptySeq, text, type Rejections } from './types';

const GRPC_STATUS = new Set([
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
]);

/** validateHTTPFaultInjection, validateHTTPRedirect, validateHTTPRewrite, validateAuthorityRewrite of one HTTP route. */
export function checkHttpActions(route: YNode, out: Rejections): void {
  const fault = field(route, 'fault');
  if (fault && fault.value?.kind === 'map') {
    // A fault with neither abort nor delay is empty: the CRD's minProperties reports it.
    const abort = get(fault.value, 'abort');
    const http2 = field(abort, 'http2Error');
    if (http2) out.reject(http2.keySpan, 'HTTP/2 abort fault injection is not supported yet');
    const grpc = text(get(abort, 'grpcStatus'));
    if (grpc && !GRPC_STATUS.has(grpc.value))
      out.reject(grpc.span, `gRPC status "${grpc.value}" is not supported (use a code name such as NOT_FOUND)`);
    const exponential = field(get(fault.value, 'delay'), 'exponentialDelay');
    if (exponential) out.reject(exponential.keySpan, 'exponentialDelay is not supported yet');
    for (const part of [abort, get(fault.value, 'delay')]) {
      const pct = get(part, 'percentage', 'value');
      const v = pct?.kind === 'scalar' && typeof pct.value === 'number' ? pct.value : undefined;
      if (v !== undefined && v > 0 && v < 0.0001)
        out.reject(pct!.span, `percentage ${v} is neither 0 nor in the range [0.0001, 100]`);
    }
  }
  const redirect = field(route, 'redirect');
  if (redirect && redirect.value?.kind === 'map') {
    const r = redirect.value;
    const uri = field(r, 'uri');
    const prefixRewrite = field(r, 'prefixRewrite');
    if (text(uri?.value)?.value && text(prefixRewrite?.value)?.value)
      out.reject(prefixRewrite!.keySpan, 'a redirect may only specify one of uri or prefixRewrite');
    else if (text(prefixRewrite?.value)?.value) {
      const nonPrefix = items(get(route, 'match')).find(m => field(m, 'uri') && !field(get(m, 'uri'), 'prefix'));
      if (nonPrefix)
        out.reject(prefixRewrite!.keySpan, 'redirect prefixRewrite requires all URI matches to use prefix match type');
    }
    if (
      !['uri', 'prefixRewrite', 'authority', 'port', 'derivePort', 'scheme'].some(k => field(r, k)) &&
      !out.isTemplated(r)
    )
      out.reject(redirect.keySpan, 'a redirect must specify uri, authority, scheme or port');
    const code = int(get(r, 'redirectCode'));
    if (code && code.value !== 0 && (code.value < 300 || code.value > 399))
      out.reject(code.span, `${code.value} is not a valid redirect code: it must be 3xx`);
    const scheme = text(get(r, 'scheme'));
    if (scheme && scheme.value !== '' && scheme.value !== 'http' && scheme.value !== 'https')
      out.reject(scheme.span, `invalid redirect scheme "${scheme.value}": it must be "http" or "https"`);
  }
  const rewrite = field(route, 'rewrite');
  if (rewrite && rewrite.value?.kind === 'map') {
    const rw = rewrite.value;
    if (
      !text(get(rw, 'uri'))?.value &&
      !field(rw, 'uriRegexRewrite') &&
      !text(get(rw, 'authority'))?.value &&
      !out.isTemplated(rw)
    )
      out.reject(rewrite.keySpan, 'a rewrite must specify at least one of uri, uriRegexRewrite or authority');
    const regex = field(rw, 'uriRegexRewrite');
    if (
      regex &&
      !(text(get(regex.value, 'match'))?.value && text(get(regex.value, 'rewrite'))?.value) &&
      !out.isTemplated(regex.value)
    )
      out.reject(regex.keySpan, 'uriRegexRewrite requires both match and rewrite');
  }
  checkAuthorityRewrites(route, out);
}

/** validateAuthorityRewrite: the authority is rewritten at most once (rewrite.authority, request set/add of :authority or Host). */
function checkAuthorityRewrites(route: YNode, out: Rejections): void {
  const sets: Span[] = [];
  const authority = text(get(route, 'rewrite', 'authority'));
  if (authority?.value) sets.push(authority.span);
  for (const op of ['set', 'add']) {
    const map = get(route, 'headers', 'request', op);
    if (map?.kind !== 'map') continue;
    for (const pair of map.items) {
      const key = text(pair.key);
      if (key && (key.value.toLowerCase() === ':authority' || key.value.toLowerCase() === 'host')) sets.push(key.span);
    }
  }
  for (const span of sets.slice(1)) out.reject(span, 'the authority header cannot be set multiple times');
}

/** validateTLSRoute: matches with SNI hosts that the VirtualService's hosts cover, and a route. */
export function checkTlsRoute(route: YNode, vsHosts: readonly string[], toGateway: boolean, out: Rejections): void {
  if (out.isTemplated(route)) return;
  const match = field(route, 'match');
  if (!nonEmptySeq(match?.value))
    out.reject(match?.keySpan ?? route.span, 'a TLS route must have at least one match condition');
  for (const m of items(match?.value)) {
    const sni = field(m, 'sniHosts');
    // A missing sniHosts is the CRD's required field; an empty list is the webhook's.
    if (sni && !nonEmptySeq(sni.value) && !out.isTemplated(sni.value))
      out.reject(sni.keySpan, 'a TLS match must have at least one SNI host');
    for (const h of items(sni?.value)) {
      const host = text(h);
      if (!host) continue;
      if (toGateway && host.value.startsWith('outbound_')) continue;
      const problem = wildcardDomainProblem(host.value);
      if (problem) {
        if (!isIPAddress(host.value)) out.reject(host.span, problem);
        continue;
      }
      if (!vsHosts.some(v => sniSubsetOf(host.value, v)))
        out.reject(
          host.span,
          `SNI host "${host.value}" is not covered by any of the VirtualService's hosts (${vsHosts.join(', ')})`,
        );
    }
    checkSubnets(m, out);
  }
  const r = field(route, 'route');
  if (!nonEmptySeq(r?.value)) out.reject(r?.keySpan ?? route.span, 'a TLS route needs a route');
}

/** validateTCPRoute: destination subnets and a route. */
export function checkTcpRoute(route: YNode, out: Rejections): void {
  if (out.isTemplated(route)) return;
  for (const m of items(get(route, 'match'))) checkSubnets(m, out);
  const r = field(route, 'route');
  if (!nonEmptySeq(r?.value)) out.reject(r?.keySpan ?? route.span, 'a TCP route needs a route');
}

function checkSubnets(match: YNode, out: Rejections): void {
  for (const s of items(get(match, 'destinationSubnets'))) {
    const subnet = text(s);
    const problem = subnet && ipSubnetProblem(subnet.value);
    if (problem) out.reject(subnet!.span, problem);
  }
}

/** host.Name.SubsetOf: equal, or the VirtualService host is a wildcard covering the SNI host. */
function sniSubsetOf(sni: string, host: string): boolean {
  if (sni === host || host === '*') return true;
  return host.startsWith('*') && sni.endsWith(host.slice(1)) && sni.length > host.length - 1;
}
