import { get, items } from '../parse/access';
import { checkTargetRefs, checkWorkloadSelector } from './selectors';
import { field, isNull, kindSpan, text, type KindValidator } from './types';

const SCHEMES = new Set(['', 'file', 'http', 'https', 'oci']);

/** ValidateWasmPlugin: the url, the VM's environment, the selector and target references. */
export const validateWasmPlugin: KindValidator = (object, spec, out) => {
  checkWorkloadSelector(spec, out);
  checkTargetRefs(spec, out);
  const url = field(spec, 'url');
  // Without a spec the CRD schema has no `url` to require: the webhook's check speaks.
  if (!spec)
    out.reject(field(object, 'spec')?.keySpan ?? kindSpan(object), 'the url field needs to be set (it has no spec)');
  const u = text(url?.value);
  if (u && u.value !== '') {
    const problem = wasmUrlProblem(u.value);
    if (problem) out.reject(u.span, problem);
  }
  const seen = new Set<string>();
  for (const env of items(get(spec, 'vmConfig', 'env'))) {
    const name = text(get(env, 'name'));
    if (!name || name.value === '') continue;
    if (seen.has(name.value)) out.reject(name.span, `duplicate env "${name.value}" in vmConfig`);
    seen.add(name.value);
    const valueFrom = text(get(env, 'valueFrom'))?.value ?? 'INLINE';
    const value = field(env, 'value');
    if (value && !isNull(value.value) && text(value.value)?.value !== '' && valueFrom !== 'INLINE')
      out.reject(value.keySpan, `value may only be set when valueFrom is INLINE (it is ${valueFrom})`);
  }
};

/**
 * strictParseURL + the scheme check: a URL with a scheme (`scheme:/…`) must use file, http, https
 * or oci; without one it is read as `http://<url>` and must parse as such.
 */
export function wasmUrlProblem(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(url)) return 'url is not a valid URL (it holds spaces or control characters)';
  if (/%(?![0-9a-fA-F]{2})/.test(url)) return 'url is not a valid URL (invalid % escape)';
  const withScheme = /^([A-Za-z][A-Za-z0-9+.-]*):\//.exec(url);
  if (withScheme) {
    const scheme = withScheme[1].toLowerCase();
    if (!SCHEMES.has(scheme)) return `url must have a scheme among file, http, https and oci, not "${scheme}"`;
    return undefined;
  }
  const authority = url.split(/[/?]/, 1)[0];
  if (authority.includes('#') || /[^A-Za-z0-9\-._~%!$&'()*+,;=:@[\]]/.test(authority))
    return `url "${url}" has no scheme and does not parse as http://${url}: url must have a scheme among file, http, https and oci`;
  const port = /:([^:\]]*)$/.exec(authority.replace(/^.*@/, ''))?.[1];
  if (port !== undefined && !/^[0-9]*$/.test(port))
    return `url "${url}" has no scheme and does not parse as http://${url} (invalid port): url must have a scheme among file, http, https and oci`;
  return undefined;
}
