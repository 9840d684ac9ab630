import { items, get } from '../parse/access';
import { checkTargetRefs, checkWorkloadSelector } from './selectors';
import { field, isNull, seqItems, text, type KindValidator, type Rejections } from './types';
import type { YNode } from '../parse/types';

/** ValidateRequestAuthentication / validateJwtRule. */
export const validateRequestAuthentication: KindValidator = (_object, spec, out) => {
  checkWorkloadSelector(spec, out);
  checkTargetRefs(spec, out);
  for (const rule of items(get(spec, 'jwtRules'))) checkJwtRule(rule, out);
};

function checkJwtRule(rule: YNode, out: Rejections): void {
  if (rule.kind !== 'map' || out.isTemplated(rule)) return;
  // The webhook wants an issuer or a jwksUri; the CRD schema requires the issuer itself.
  const uri = text(get(rule, 'jwksUri'));
  if (uri && uri.value !== '') {
    const problem = jwksUriProblem(uri.value);
    if (problem) out.reject(uri.span, problem);
  }
  const fromHeaders = field(rule, 'fromHeaders');
  for (const h of seqItems(fromHeaders?.value))
    if (isNull(h)) out.reject(h?.span ?? fromHeaders!.keySpan, 'a fromHeaders entry must not be null');
  const outputs = field(rule, 'outputClaimToHeaders');
  for (const o of seqItems(outputs?.value)) {
    if (isNull(o)) {
      out.reject(o?.span ?? outputs!.keySpan, 'an outputClaimToHeaders entry must not be null');
    }
    // Empty claims and headers, and header names, are the CRD's minLength and pattern to report.
  }
}

/** security.ParseJwksURI: an http or https URL that Go's url.Parse accepts. */
export function jwksUriProblem(uri: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(uri)) return 'jwksUri is not a valid URL (it holds control characters)';
  if (/%(?![0-9a-fA-F]{2})/.test(uri)) return 'jwksUri is not a valid URL (invalid % escape)';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase() ?? '';
  if (scheme !== 'http' && scheme !== 'https')
    return scheme === ''
      ? 'jwksUri must be an http or https URL (it has no scheme)'
      : `jwksUri must be an http or https URL (scheme "${scheme}" is not supported)`;
  return undefined;
}
