import { get, items, str } from '../parse/access';
import { ownPair } from './support/edits';
import type { LocalRule } from './types';

const NEGATIVE_REQUEST_FIELDS = ['notPaths', 'notMethods', 'notHosts'] as const;

/**
 * Istio's security best practices: use ALLOW with positive matches and DENY with negative ones.
 * An ALLOW rule with `notPaths: [/admin]` allows every request whose path does not equal the
 * string `/admin` — and `/admin/`, `/ADMIN`, `//admin`, `/admin%2F` or `/./admin` may not, depending on
 * the mesh's path normalisation and the application's own, while still reaching the admin handler.
 * Negative matches fail open; positive ALLOW rules (or a DENY with the same match) fail closed.
 */
export const rule: LocalRule = {
  id: 'allow-with-not-paths',
  meta: {
    description:
      'An ALLOW AuthorizationPolicy uses notPaths/notMethods/notHosts, which fail open on path and case variants.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    kinds: ['AuthorizationPolicy'],
    messages: {
      negative:
        'ALLOW with {field} allows everything not spelled exactly like the listed values: variants ({examples}) slip through. Prefer {positive} in ALLOW, or a DENY policy with the same values.',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    const action = str(get(spec, 'action'))?.value ?? 'ALLOW';
    if (action !== 'ALLOW') return;
    for (const r of items(get(spec, 'rules'))) {
      for (const to of items(get(r, 'to'))) {
        const operation = get(to, 'operation');
        for (const field of NEGATIVE_REQUEST_FIELDS) {
          const p = ownPair(operation, field);
          if (!p) continue;
          ctx.report({ span: p.key.span, messageId: 'negative', data: { field, ...EXPLAIN[field] } });
        }
      }
    }
  },
};

const EXPLAIN: Readonly<Record<(typeof NEGATIVE_REQUEST_FIELDS)[number], { examples: string; positive: string }>> = {
  notPaths: { examples: 'trailing slashes, case, //, %2F, /./ depending on path normalisation', positive: 'paths' },
  notMethods: { examples: 'lower-case or unusual methods', positive: 'methods' },
  notHosts: { examples: 'a port suffix such as example.com:80, a trailing dot', positive: 'hosts' },
};
