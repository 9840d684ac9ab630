import { entries, get, items } from '../parse/access';
import { isTemplatedString } from '../parse/helm';
import type { Span, YNode } from '../parse/types';
import { checkExportTo } from './exportTo';
import { fqdnProblem, HEADER_NAME, isDns1123Label, isIPAddress, wildcardDomainProblem } from './names';
import { regexProblem } from './regex';
import { checkHttpActions, checkTcpRoute, checkTlsRoute } from './routeActions';
import { field, kindSpan, nonEmptySeq, text, type KindValidator, type Rejections } from './types';

const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const JWT_CLAIM_PREFIX = '@request.auth.claims.';
const ROUTE_LISTS = ['http', 'tcp', 'tls'];
const HEADER_MATCHES = ['headers', 'withoutHeaders'];
const OTHER_STRING_MATCHES = ['scheme', 'method', 'authority'];
const NO_STRS: readonly { value: string; span: Span }[] = [];

/**
 * ValidateVirtualService and virtualservice.go: routes present, host formats, duplicate hosts,
 * gateway names, match header names and regexes, header operations, delegates. (Weights: rule
 * `weights`; one action per route and rewrite/redirect exclusions: the schema's one-ofs.)
 */
export const validateVirtualService: KindValidator = (object, spec, out) => {
  if (spec && out.isTemplated(spec)) return;
  if (
    !ROUTE_LISTS.some(k => nonEmptySeq(get(spec, k))) &&
    !ROUTE_LISTS.some(k => field(spec, k) && out.isTemplated(get(spec, k)))
  )
    out.reject(field(object, 'spec')?.keySpan ?? kindSpan(object), 'http, tcp or tls routes must be provided');
  const hostsField = field(spec, 'hosts');
  const hosts = strs(hostsField?.value);
  const gateways = strs(get(spec, 'gateways'));
  if (!nonEmptySeq(hostsField?.value)) {
    // A VirtualService without hosts is a delegate.
    for (const key of ['gateways', 'tls', 'tcp']) {
      const f = field(spec, key);
      if (f && nonEmptySeq(f.value))
        out.reject(f.keySpan, `a delegate VirtualService (no hosts) must not specify ${key}`);
    }
  }
  checkGatewayNames(gateways, out);
  const appliesToGateway = gateways.length > 0 && !gateways.some(g => g.value === 'mesh');
  let allValid = true;
  for (const h of hosts) {
    if (appliesToGateway && h.value.startsWith('outbound_')) continue; // auto-generated SNI names
    const problem = wildcardDomainProblem(h.value);
    if (problem) {
      if (!isIPAddress(h.value)) {
        out.reject(h.span, problem);
        allValid = false;
      }
    } else if (!appliesToGateway && h.value === '*') {
      out.reject(h.span, 'the wildcard host "*" is not allowed for VirtualServices bound to the mesh');
      allValid = false;
    }
  }
  if (allValid)
    for (let i = 0; i < hosts.length; i++)
      for (let j = i + 1; j < hosts.length; j++)
        if (hostsOverlap(hosts[i].value, hosts[j].value))
          out.reject(hosts[j].span, `duplicate hosts in virtual service: ${hosts[i].value} & ${hosts[j].value}`);

  checkExportTo(spec, out, false);
  for (const route of items(get(spec, 'http'))) checkHttpRoute(route, !appliesToGateway, out);
  const hostValues = hosts.map(h => h.value);
  for (const route of items(get(spec, 'tls'))) {
    checkTlsRoute(route, hostValues, appliesToGateway, out);
    for (const match of items(get(route, 'match'))) checkGatewayNames(strs(get(match, 'gateways')), out);
  }
  for (const route of items(get(spec, 'tcp'))) {
    checkTcpRoute(route, out);
    for (const match of items(get(route, 'match'))) checkGatewayNames(strs(get(match, 'gateways')), out);
  }
};

/** The plain string items of a list (templated and non-string items left out). */
function strs(node: YNode | undefined): readonly { value: string; span: Span }[] {
  if (!node) return NO_STRS;
  const out: { value: string; span: Span }[] = [];
  for (const item of items(node)) {
    const t = text(item);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/** host.Name.Matches: equal, or one wildcard covers the other. */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  const covers = (w: string, h: string) => w.startsWith('*') && (w === '*' || h.endsWith(w.slice(1)));
  return covers(a, b) || covers(b, a);
}

/** validateGatewayNames (which, as Istio's, stops after the first name without a namespace). */
function checkGatewayNames(names: readonly { value: string; span: Span }[], out: Rejections): void {
  for (const g of names) {
    const slash = g.value.indexOf('/');
    if (slash === -1) {
      const problem = fqdnProblem(g.value);
      if (problem) out.reject(g.span, `invalid gateway name "${g.value}": ${problem}`);
      return;
    }
    const ns = g.value.slice(0, slash);
    const name = g.value.slice(slash + 1);
    if (!isDns1123Label(ns)) out.reject(g.span, `invalid namespace "${ns}" in gateway "${g.value}"`);
    else if (!isDns1123Label(name)) out.reject(g.span, `invalid gateway name "${name}" in "${g.value}"`);
  }
}

function checkHttpRoute(route: YNode, mesh: boolean, out: Rejections): void {
  if (out.isTemplated(route)) return;
  for (const match of items(get(route, 'match'))) {
    for (const key of HEADER_MATCHES) {
      for (const { key: name, pair } of entries(get(match, key))) {
        if (isTemplatedString(name.value)) continue;
        const claim = name.value.startsWith(JWT_CLAIM_PREFIX);
        if (claim && mesh)
          out.reject(
            name.span,
            `JWT claim based routing (${name.value}) is only supported for gateways, not for the mesh`,
          );
        else if (!claim && !PSEUDO_HEADERS.has(name.value) && !HEADER_NAME.test(name.value))
          out.reject(name.span, `"${name.value}" is not a valid header name`);
        if (key === 'withoutHeaders' && text(get(pair.value, 'regex'))?.value === '*') continue;
        checkStringMatch(pair.value ?? undefined, key, out);
      }
    }
    checkStringMatch(get(match, 'uri'), 'uri', out, true);
    for (const key of OTHER_STRING_MATCHES) checkStringMatch(get(match, key), key, out);
    for (const { pair } of entries(get(match, 'queryParams')))
      checkStringMatch(pair.value ?? undefined, 'queryParams', out);
    const sourceNamespace = text(get(match, 'sourceNamespace'));
    if (sourceNamespace && sourceNamespace.value !== '' && !isDns1123Label(sourceNamespace.value))
      out.reject(sourceNamespace.span, `sourceNamespace "${sourceNamespace.value}" is not a valid namespace name`);
    checkGatewayNames(strs(get(match, 'gateways')), out);
  }
  checkHeaderOperations(get(route, 'headers'), out);
  checkHttpActions(route, out);
  const regexMatch = text(get(route, 'rewrite', 'uriRegexRewrite', 'match'));
  if (regexMatch && regexMatch.value !== '') {
    const problem = regexProblem(regexMatch.value);
    if (problem) out.reject(regexMatch.span, `invalid uriRegexRewrite.match regex: ${problem}`);
  }
  const cors = get(route, 'corsPolicy');
  if (!cors) return;
  for (const origin of items(get(cors, 'allowOrigins'))) checkStringMatch(origin, 'corsPolicy.allowOrigins', out);
  for (const key of ['allowHeaders', 'exposeHeaders'])
    for (const h of strs(get(cors, key)))
      if (h.value !== '*' && !HEADER_NAME.test(h.value))
        out.reject(h.span, `"${h.value}" is not a valid header name in corsPolicy.${key}`);
}

/** validateStringMatch: a prefix must not be empty; a regex must be RE2 (the uri only checks its regex). */
function checkStringMatch(node: YNode | undefined, where: string, out: Rejections, regexOnly = false): void {
  // Most matches leave most fields out: nothing to look up below a missing one.
  if (!node) return;
  const prefix = field(node, 'prefix');
  if (!regexOnly && prefix && text(prefix.value)?.value === '')
    out.reject(prefix.value?.span ?? prefix.keySpan, `${where}: a prefix string match must not be empty`);
  const regex = field(node, 'regex');
  const re = text(regex?.value);
  if (!regex || (!re && regex.value && out.isTemplated(regex.value))) return;
  if (!re || re.value === '') {
    if (!out.isTemplated(regex.value))
      out.reject(regex.value?.span ?? regex.keySpan, `${where}: a regex string match must not be empty`);
    return;
  }
  const problem = regexProblem(re.value);
  if (problem) out.reject(re.span, `${where}: invalid regex: ${problem}`);
}

/** Header operations: request add/set may set :authority/Host; remove and response ones may not touch Host or pseudo-headers. */
function checkHeaderOperations(headers: YNode | undefined, out: Rejections): void {
  if (!headers) return;
  for (const direction of ['request', 'response']) {
    const ops = get(headers, direction);
    for (const op of ['add', 'set', 'remove']) {
      const names =
        op === 'remove'
          ? strs(get(ops, op))
          : entries(get(ops, op)).map(e => ({ value: e.key.value, span: e.key.span }));
      for (const n of names) {
        if (isTemplatedString(n.value)) continue;
        const lower = n.value.toLowerCase();
        const internal = n.value.startsWith(':') || lower === 'host';
        const authority = lower === ':authority' || lower === 'host';
        if (n.value === '') out.reject(n.span, 'a header name cannot be empty');
        else if (direction === 'request' && op !== 'remove') {
          if (internal && !authority)
            out.reject(n.span, `invalid header "${n.value}": a header cannot have a ":" prefix`);
        } else if (lower === 'host')
          out.reject(
            n.span,
            `invalid header "${n.value}": the Host header cannot be ${op === 'remove' ? 'removed' : 'set here'}`,
          );
        else if (internal) out.reject(n.span, `invalid header "${n.value}": a header cannot have a ":" prefix`);
      }
    }
  }
}
