import { checkWorkloadSelector } from './selectors';
import type { KindValidator } from './types';

/** ValidateProxyConfig: the selector (concurrency >= 0 is the schema's). */
export const validateProxyConfig: KindValidator = (_object, spec, out) => checkWorkloadSelector(spec, out);
