import { get, items } from '../parse/access';
import { checkTargetRefs, checkWorkloadSelector } from './selectors';
import { field, nonEmptySeq, type KindValidator } from './types';

/** ValidateAuthorizationPolicy: what a source may combine, and the selector and target references. */
export const validateAuthorizationPolicy: KindValidator = (_object, spec, out) => {
  checkWorkloadSelector(spec, out);
  checkTargetRefs(spec, out);
  for (const rule of items(get(spec, 'rules'))) {
    for (const from of items(get(rule, 'from'))) {
      const source = get(from, 'source');
      const identities = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].filter(k =>
        nonEmptySeq(get(source, k)),
      );
      if (identities.length === 0) continue;
      for (const key of ['serviceAccounts', 'notServiceAccounts']) {
        const f = field(source, key);
        if (f && nonEmptySeq(f.value))
          out.reject(
            f.keySpan,
            `cannot set ${key} with namespaces or principals (this source also sets ${identities.join(', ')})`,
          );
      }
    }
  }
};
