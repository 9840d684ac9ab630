import { checkTargetRefs } from './selectors';
import type { KindValidator } from './types';

/**
 * ValidateWasmPlugin: the target references. The rest is the CRD's to report (rule `schema`): the
 * spec and url are required, the url's scheme, the selector's wildcards and a value with valueFrom
 * HOST are CEL rules, duplicate env names break the list-map key.
 */
export const validateWasmPlugin: KindValidator = (_object, spec, out) => checkTargetRefs(spec, out);
