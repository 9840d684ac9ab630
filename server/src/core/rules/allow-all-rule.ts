import { asMap, asSeq, entries, get, items, str } from '../parse/access';
import type { YNode } from '../parse/types';
import { ownPair, removeSeqItem } from './support/edits';
import type { Fix, LocalRule } from './types';

/**
 * In an ALLOW policy a rule matches when all its parts match, and an empty rule `{}` has no parts:
 * it matches every request, from anyone, to anything the policy selects. Rules are OR-ed, so one
 * empty rule makes every other rule of the policy irrelevant. It is the documented "allow-all"
 * idiom — and a common leftover when a from/to block was deleted or mis-indented.
 */
export const rule: LocalRule = {
  id: 'allow-all-rule',
  meta: {
    description: 'An ALLOW AuthorizationPolicy has an empty rule, which matches every request.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['AuthorizationPolicy'],
    messages: {
      all: 'This empty rule matches every request: the policy allows all traffic to the workloads it selects{others}.',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    const actionNode = get(spec, 'action');
    // A templated action is only known once rendered.
    if (actionNode !== undefined && str(actionNode) === undefined) return;
    const action = str(actionNode)?.value ?? 'ALLOW';
    if (action !== 'ALLOW') return;
    const rules = ownPair(spec, 'rules');
    const seq = asSeq(rules?.pair.value);
    if (!seq) return;
    const all = items(seq);
    seq.items.forEach((item, index) => {
      if (!item || !isEmptyRule(item)) return;
      const others = all.length - 1;
      const fixes: Fix[] = [];
      // Removing the only rule would turn allow-all into allow-nothing: no automatic fix for that.
      const edit = others > 0 ? removeSeqItem(ctx.text, seq, index) : undefined;
      if (edit)
        fixes.push({
          title: 'Remove the empty rule (the other rules then decide)',
          isPreferred: false,
          edits: [{ file: ctx.resource.file, edits: [edit] }],
        });
      ctx.report({
        span: item.span,
        messageId: 'all',
        data: {
          others:
            others === 0
              ? ''
              : others === 1
                ? ', whatever its other rule says'
                : `, whatever its other ${others} rules say`,
        },
        fixes,
      });
    });
  },
};

/** `{}`. (Empty `from: []`/`to: []` lists are rejected by Istio's validation, so they are not this rule's business.) */
function isEmptyRule(node: YNode): boolean {
  const map = asMap(node);
  return map !== undefined && entries(map).length === 0;
}
