import { get } from '../parse/access';
import { field, kindSpan, nonEmptySeq, text, type KindValidator } from './types';

/** ValidateWorkloadGroup: a template (a spec) is required; a probe's scheme and exec command. */
export const validateWorkloadGroup: KindValidator = (object, spec, out) => {
  // With a spec, the CRD schema requires the template itself.
  if (!spec) out.reject(field(object, 'spec')?.keySpan ?? kindSpan(object), 'a template is required (it has no spec)');
  const probe = get(spec, 'probe');
  const scheme = text(get(probe, 'httpGet', 'scheme'));
  if (scheme && scheme.value !== '' && scheme.value !== 'HTTP' && scheme.value !== 'HTTPS')
    out.reject(scheme.span, `httpGet.scheme must be HTTP or HTTPS, not "${scheme.value}"`);
  const exec = field(probe, 'exec');
  if (exec && !nonEmptySeq(get(exec.value, 'command')) && !out.isTemplated(exec.value))
    out.reject(exec.keySpan, 'exec.command is required');
};
