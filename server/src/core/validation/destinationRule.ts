import { entries, get, items } from '../parse/access';
import type { YNode } from '../parse/types';
import { checkExportTo } from './exportTo';
import { fqdnProblem, isDns1123Label, isIPAddress, labelProblem, wildcardDomainProblem } from './names';
import { checkSelectorLabels } from './selectors';
import { field, hasField, int, nonEmptyMap, text, type KindValidator, type Rejections } from './types';

/**
 * ValidateDestinationRule: the host, subsets (unique DNS-1123 names, labels), traffic policies
 * that say something, maglev table sizes, the workload selector and exportTo.
 */
export const validateDestinationRule: KindValidator = (_object, spec, out) => {
  if (!spec || out.isTemplated(spec)) return;
  const host = text(get(spec, 'host'));
  if (host && host.value !== '') {
    const problem = wildcardDomainProblem(host.value);
    if (problem) out.reject(host.span, problem);
  }
  checkTrafficPolicy(field(spec, 'trafficPolicy'), out);
  const names = new Set<string>();
  for (const subset of items(get(spec, 'subsets'))) {
    const name = text(get(subset, 'name'));
    if (name && name.value !== '') {
      if (names.has(name.value)) out.reject(name.span, `duplicate subset name "${name.value}"`);
      else if (!isDns1123Label(name.value))
        out.reject(name.span, `subset name "${name.value}" is invalid (must be a DNS-1123 label)`);
      names.add(name.value);
    }
    for (const { key, pair } of entries(get(subset, 'labels'))) {
      const value = text(pair.value);
      if (!value || out.isTemplated(pair.key)) continue;
      const problem = labelProblem(key.value, value.value);
      if (problem) out.reject(problem.inValue ? value.span : key.span, problem.why);
    }
    checkTrafficPolicy(field(subset, 'trafficPolicy'), out);
  }
  checkSelectorLabels(get(spec, 'workloadSelector', 'matchLabels'), out);
  checkExportTo(spec, out, false);
};

const POLICY_FIELDS = [
  'outlierDetection',
  'connectionPool',
  'loadBalancer',
  'tls',
  'portLevelSettings',
  'tunnel',
  'proxyProtocol',
  'retryBudget',
];
const PORT_POLICY_FIELDS = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'];

function checkTrafficPolicy(
  policy: { keySpan: { start: number; end: number }; value: YNode | undefined } | undefined,
  out: Rejections,
) {
  if (!policy || !policy.value || policy.value.kind !== 'map' || out.isTemplated(policy.value)) return;
  const p = policy.value;
  if (!POLICY_FIELDS.some(k => hasField(p, k))) {
    out.reject(policy.keySpan, 'a traffic policy must have at least one field');
    return;
  }
  const tunnel = field(p, 'tunnel');
  if (tunnel && field(p, 'proxyProtocol'))
    out.reject(tunnel.keySpan, 'tunnel and proxyProtocol must not be set together');
  checkTunnel(tunnel?.value, out);
  checkPolicyParts(p, out);
  for (const pl of items(get(p, 'portLevelSettings'))) {
    if (out.isTemplated(pl)) continue;
    if (!PORT_POLICY_FIELDS.some(k => hasField(pl, k)))
      out.reject(
        pl.span,
        'a port traffic policy must have at least one of outlierDetection, connectionPool, loadBalancer, tls',
      );
    checkPolicyParts(pl, out);
  }
}

function checkPolicyParts(p: YNode, out: Rejections): void {
  const pool = field(p, 'connectionPool');
  if (pool && pool.value && pool.value.kind === 'map' && !hasField(pool.value, 'http') && !hasField(pool.value, 'tcp'))
    out.reject(pool.keySpan, 'a connection pool must have at least one field (http or tcp)');
  const outlier = get(p, 'outlierDetection');
  const localFailures = int(get(outlier, 'consecutiveLocalOriginFailures'));
  const split = get(outlier, 'splitExternalLocalOriginErrors');
  if (localFailures && localFailures.value > 0 && !(split && split.kind === 'scalar' && split.value === true))
    out.reject(
      localFailures.span,
      'consecutiveLocalOriginFailures is set but splitExternalLocalOriginErrors is not true',
    );
  const lb = get(p, 'loadBalancer');
  const locality = field(lb, 'localityLbSetting');
  const zoneAware = field(lb, 'zoneAwareLbSetting');
  if (locality && zoneAware)
    out.reject(zoneAware.keySpan, 'only one of localityLbSetting and zoneAwareLbSetting can be set');
  const hash = get(lb, 'consistentHash');
  const maglev = field(hash, 'maglev');
  if (maglev && nonEmptyMap(maglev.value)) {
    const size = int(get(maglev.value, 'tableSize'));
    if (size && size.value >= 5000011) out.reject(size.span, 'tableSize must be less than 5000011 for maglev');
    else if (size && !isPrime(size.value))
      out.reject(size.span, `tableSize must be a prime number for maglev (${size.value} is not)`);
  } else if (maglev && !out.isTemplated(maglev.value)) out.reject(maglev.keySpan, 'tableSize must be set for maglev');
  const attrs = new Set<string>();
  for (const attr of items(get(hash, 'httpCookie', 'attributes'))) {
    const name = text(get(attr, 'name'));
    if (!name || name.value === '') continue;
    if (attrs.has(name.value)) out.reject(name.span, `duplicate cookie attribute name "${name.value}"`);
    attrs.add(name.value);
  }
}

/** validateTunnelSettings: CONNECT or POST, to an FQDN or IP target (its port range is the schema's). */
function checkTunnel(tunnel: YNode | undefined, out: Rejections): void {
  if (!tunnel || tunnel.kind !== 'map' || out.isTemplated(tunnel)) return;
  const protocol = text(get(tunnel, 'protocol'));
  if (protocol && protocol.value !== '' && protocol.value !== 'CONNECT' && protocol.value !== 'POST')
    out.reject(protocol.span, `tunnel protocol must be "CONNECT" or "POST", not "${protocol.value}"`);
  const target = text(get(tunnel, 'targetHost'));
  if (target && target.value !== '' && fqdnProblem(target.value) && !isIPAddress(target.value))
    out.reject(target.span, `tunnel targetHost "${target.value}" must be an FQDN or an IP address`);
}

/** Envoy's (and Istio's) primality test for maglev table sizes. */
function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  for (let f = 3; f * f <= x; f += 2) if (x % f === 0) return false;
  return true;
}
