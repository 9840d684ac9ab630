import { checkTargetRefs } from './selectors';
import type { KindValidator } from './types';

/**
 * ValidateRequestAuthentication: the target references. The rest of validateJwtRule is the CRD's to
 * report (rule `schema`): the issuer is required, jwksUri's scheme is a CEL rule, null fromHeaders
 * and outputClaimToHeaders entries are not objects, empty names fail minLength and patterns.
 */
export const validateRequestAuthentication: KindValidator = (_object, spec, out) => checkTargetRefs(spec, out);
