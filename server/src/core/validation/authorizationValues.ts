import type { Span } from '../parse/types';
import { isIPAddress, ipSubnetProblem } from './names';

/** The checks of pkg/config/security on AuthorizationPolicy values, each returning why a value is refused. */

export function ipProblem(value: string): string | undefined {
  if (value.includes('/')) return ipSubnetProblem(value) ? `bad CIDR range "${value}"` : undefined;
  return isIPAddress(value) ? undefined : `bad IP address "${value}"`;
}

export function portProblem(value: string): string | undefined {
  return /^[0-9]+$/.test(value) && Number(value) <= 65535 ? undefined : `bad port "${value}"`;
}

/** CheckServiceAccount: `serviceAccount` or `namespace/serviceAccount`, no wildcard. */
export function serviceAccountProblem(value: string): string | undefined {
  if (value.includes('*')) return `a wildcard is not allowed in service accounts ("${value}")`;
  const slashes = value.split('/').length - 1;
  const [ns, sa] = value.split('/');
  if (slashes > 1 || (slashes === 1 && (ns === '' || sa === '')))
    return `expected "serviceAccount" or "namespace/serviceAccount", found "${value}"`;
  if (value.length > 320) return 'a service account cannot exceed 320 characters';
  return undefined;
}

/** CheckWildcardValues: at most one `*`, at the start or the end. */
export function wildcardProblem(value: string): string | undefined {
  const count = value.split('*').length - 1;
  if (count > 1) return `at most one wildcard is allowed ("${value}")`;
  if (count === 1 && value !== '*' && !value.startsWith('*') && !value.endsWith('*'))
    return `a wildcard is only allowed at the start or the end ("${value}")`;
  return undefined;
}

export function trustDomainProblem(value: string): string | undefined {
  return (
    wildcardProblem(value) ?? (value.includes('/') ? `a trust domain must not contain "/" ("${value}")` : undefined)
  );
}

const VALID_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/** CheckValidPathTemplate: `{*}` and a last `{**}` segments; no other braces; template paths use literal segments. */
export function pathTemplateProblem(path: string): string | undefined {
  const template = path.includes('{*}') || path.includes('{**}');
  let any = false;
  for (const glob of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if (glob === '{*}' && !any) continue;
    if (glob === '{**}' && !any) {
      any = true;
      continue;
    }
    if ((glob === '{**}' || glob === '{*}') && any) return `invalid path "${path}": {**} must be the last operator`;
    if (/[{}]/.test(glob)) return `invalid path "${path}": "{" or "}" beyond a supported path template`;
    if (template && !VALID_LITERAL.test(glob))
      return `invalid path "${path}": segment "${glob}" is not a valid literal`;
  }
  return undefined;
}

function mapKeyProblem(key: string): string | undefined {
  const open = key.indexOf('[');
  return key.endsWith(']') && open > 0 && open < key.length - 2
    ? undefined
    : `bad key "${key}": it should have the form a[b]`;
}

/** ValidateAttribute: a `when` key Istio knows, and values of the form it takes. */
export function conditionProblem(
  key: string,
  values: readonly { value: string; span: Span }[],
): { span?: Span; why: string } | undefined {
  if (
    key.startsWith('request.headers') ||
    key.startsWith('request.auth.claims') ||
    key.startsWith('experimental.envoy.filters.')
  ) {
    const p = mapKeyProblem(key);
    return p ? { why: p } : undefined;
  }
  const each = (check: (v: string) => string | undefined) => {
    for (const v of values) {
      const p = check(v.value);
      if (p) return { span: v.span, why: p };
    }
    return undefined;
  };
  switch (key) {
    case 'source.ip':
    case 'remote.ip':
    case 'destination.ip':
      return each(ipProblem);
    case 'destination.port':
      return each(portProblem);
    case 'source.serviceAccount':
      return each(serviceAccountProblem);
    case 'source.trustDomain':
      return each(wildcardProblem);
    case 'source.namespace':
    case 'source.principal':
    case 'request.auth.principal':
    case 'request.auth.audiences':
    case 'request.auth.presenter':
    case 'connection.sni':
      return undefined;
    case 'destination.namespace':
      return { why: `attribute ${key} is replaced by the metadata.namespace` };
    case 'destination.name':
    case 'destination.user':
      return { why: `deprecated attribute ${key}: only supported in v1alpha1` };
    default:
      if (key.startsWith('destination.labels')) return { why: `attribute ${key} is replaced by the workload selector` };
      return { why: `unknown attribute "${key}"` };
  }
}
