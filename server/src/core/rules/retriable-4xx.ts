import { asScalar, get, items } from '../parse/access';
import type { YScalar } from '../parse/types';
import { ownPair, removePair } from './support/edits';
import { replaceScalar } from './support/yamlEdit';
import type { Fix, LocalRule } from './types';

/**
 * `retriable-4xx` makes Envoy retry 409 Conflict. A conflict is the server saying the request
 * lost a race (optimistic locking, duplicate creation); replaying it usually conflicts again,
 * multiplies load on the contended resource, and on non-idempotent calls can repeat side effects.
 */
export const rule: LocalRule = {
  id: 'retriable-4xx',
  meta: {
    description: 'retries.retryOn includes retriable-4xx, which retries 409 Conflict responses.',
    defaultSeverity: 'info',
    crossFile: false,
    fixable: true,
    kinds: ['VirtualService'],
    messages: {
      conflict:
        'retriable-4xx retries 409 Conflict, which usually fails again (and repeats side effects of non-idempotent requests).',
    },
  },
  check(ctx) {
    for (const route of items(get(ctx.node, 'spec', 'http'))) {
      const retryOn = ownPair(get(route, 'retries'), 'retryOn');
      const scalar = asScalar(retryOn?.pair.value);
      // Most routes retry on other conditions: the token must be in the text to be one of them.
      if (!retryOn || !scalar || typeof scalar.value !== 'string' || !scalar.value.includes('retriable-4xx')) continue;
      const policies = scalar.value.split(',').map(p => p.trim());
      if (!policies.includes('retriable-4xx')) continue;
      const rest = policies.filter(p => p !== 'retriable-4xx' && p !== '');
      const fix: Fix =
        rest.length > 0
          ? {
              title: 'Remove retriable-4xx from retryOn',
              isPreferred: true,
              edits: [{ file: ctx.resource.file, edits: [replaceScalar(scalar, rest.join(','))] }],
            }
          : {
              title: "Remove retryOn (Istio's default retry conditions apply)",
              isPreferred: true,
              edits: [{ file: ctx.resource.file, edits: [removePair(ctx.text, retryOn.map, retryOn.pair)] }],
            };
      ctx.report({ span: tokenSpan(ctx.text, scalar, 'retriable-4xx'), messageId: 'conflict', fixes: [fix] });
    }
  },
};

/** The token inside the scalar's source text, or the whole scalar if it cannot be found verbatim. */
function tokenSpan(text: string, scalar: YScalar, token: string): { start: number; end: number } {
  const source = text.slice(scalar.span.start, scalar.span.end);
  const at = source.indexOf(token);
  return at === -1 ? scalar.span : { start: scalar.span.start + at, end: scalar.span.start + at + token.length };
}
