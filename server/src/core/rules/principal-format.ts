import { asScalar, get, items, str } from '../parse/access';
import { replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule } from './types';

/**
 * AuthorizationPolicy `principals` are SPIFFE IDs without the scheme:
 * `<trust-domain>/ns/<namespace>/sa/<service-account>`. Istio prepends `spiffe://` itself
 * (StringMatcherWithPrefix(value, "spiffe://")), so a value written with the scheme, without the
 * trust domain, or as a bare service-account name matches no peer — silently: in an ALLOW policy
 * the callers are denied, in a DENY policy nobody is denied. Validation accepts all of them.
 */
export const rule: LocalRule = {
  id: 'principal-format',
  meta: {
    description:
      'An AuthorizationPolicy principal is not of the form <trust-domain>/ns/<namespace>/sa/<service-account>, so it never matches.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['AuthorizationPolicy'],
    messages: {
      scheme:
        'Principal "{value}" never matches: Istio adds "spiffe://" itself, so it compares against "spiffe://{value}". Write it without the scheme.',
      noTrustDomain: 'Principal "{value}" never matches: it lacks the trust domain (usually "cluster.local/{value}").',
      bareName:
        'Principal "{value}" never matches: principals are "<trust-domain>/ns/<namespace>/sa/<service-account>" (or use source.serviceAccounts / namespaces).',
    },
  },
  check(ctx) {
    for (const r of items(get(ctx.node, 'spec', 'rules'))) {
      for (const from of items(get(r, 'from'))) {
        for (const field of ['principals', 'notPrincipals']) {
          for (const item of items(get(from, 'source', field))) {
            const scalar = asScalar(item);
            const value = str(scalar)?.value;
            if (!scalar || value === undefined) continue;
            const problem = classify(value);
            if (!problem) continue;
            const fixes: Fix[] = problem.replacement
              ? [
                  {
                    title: `Change to "${problem.replacement}"`,
                    isPreferred: true,
                    edits: [{ file: ctx.resource.file, edits: [replaceScalar(scalar, problem.replacement)] }],
                  },
                ]
              : [];
            ctx.report({ span: scalar.span, messageId: problem.messageId, data: { value }, fixes });
          }
        }
      }
    }
  },
};

function classify(value: string): { messageId: string; replacement?: string } | undefined {
  if (value.startsWith('spiffe://')) return { messageId: 'scheme', replacement: value.slice('spiffe://'.length) };
  // Wildcards (`*`, `*/ns/x/sa/y`, `cluster.local/ns/x/*`) are matched by prefix/suffix: leave them.
  if (value.includes('*')) return undefined;
  if (/^ns\/[^/]+\/sa\/[^/]+$/.test(value))
    return { messageId: 'noTrustDomain', replacement: `cluster.local/${value}` };
  if (!value.includes('/')) return { messageId: 'bareName' };
  return undefined;
}
