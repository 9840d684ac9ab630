import { get, items } from '../parse/access';
import { ownPair, removePair } from './support/edits';
import type { LocalRule } from './types';

/**
 * An HTTP route either redirects or forwards. Istio's validation (validateHTTPRouteConflict)
 * rejects a route that has `redirect` together with `route`, `fault` or `rewrite`: "HTTP route
 * cannot contain both route and redirect", "… both fault and redirect", "… both rewrite and redirect".
 */
export const rule: LocalRule = {
  id: 'conflicting-http-actions',
  meta: {
    description: 'An HTTP route combines redirect with route, fault or rewrite, which Istio rejects.',
    defaultSeverity: 'error',
    crossFile: false,
    fixable: true,
    kinds: ['VirtualService'],
    messages: {
      conflict:
        'Istio rejects this route: it cannot contain both {other} and redirect (a redirect answers the request itself, so nothing is forwarded, rewritten or fault-injected).',
    },
  },
  check(ctx) {
    for (const route of items(get(ctx.node, 'spec', 'http'))) {
      const redirect = ownPair(route, 'redirect');
      if (!redirect || redirect.pair.value === null) continue;
      for (const other of ['route', 'fault', 'rewrite']) {
        const p = ownPair(route, other);
        if (!p || p.pair.value === null) continue;
        if (other === 'route' && items(p.pair.value).length === 0) continue;
        ctx.report({
          span: p.key.span,
          messageId: 'conflict',
          data: { other },
          fixes: [
            {
              title: `Remove ${other} (keep the redirect)`,
              isPreferred: false,
              edits: [{ file: ctx.resource.file, edits: [removePair(ctx.text, p.map, p.pair)] }],
            },
            {
              title: `Remove redirect (keep ${other})`,
              isPreferred: false,
              edits: [{ file: ctx.resource.file, edits: [removePair(ctx.text, redirect.map, redirect.pair)] }],
            },
          ],
        });
      }
    }
  },
};
