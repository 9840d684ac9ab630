import { get } from '../parse/access';
import { field, nonEmptySeq, type KindValidator } from './types';

/**
 * ValidateWorkloadGroup: a probe's exec command. No spec (the CRD requires it and its template) and
 * a probe's httpGet.scheme (a CEL rule) are the CRD's to report (rule `schema`).
 */
export const validateWorkloadGroup: KindValidator = (_object, spec, out) => {
  const exec = field(get(spec, 'probe'), 'exec');
  if (exec && !nonEmptySeq(get(exec.value, 'command')) && !out.isTemplated(exec.value))
    out.reject(exec.keySpan, 'exec.command is required');
};
