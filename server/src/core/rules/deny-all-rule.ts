import { asMap, asSeq, entries, get, items, str } from '../parse/access';
import type { YMap, YNode, YPair } from '../parse/types';
import { ownPair, removePair, removeSeqItem } from './support/edits';
import type { Fix, LocalRule, LocalRuleContext, TextEdit } from './types';

/**
 * In a DENY policy an empty rule `{}` matches every request, so the policy rejects all traffic to
 * the workloads it selects. Istio evaluates DENY policies before ALLOW policies, so no ALLOW policy
 * can let any of that traffic through: the allow-list next to it is dead. The idiom for "deny
 * unless allowed" is an ALLOW policy without rules (`spec: {}`), which other ALLOW policies open up.
 */
export const rule: LocalRule = {
  id: 'deny-all-rule',
  meta: {
    description:
      'A DENY AuthorizationPolicy has an empty rule, which rejects every request and overrides every ALLOW policy.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['AuthorizationPolicy'],
    messages: {
      all: 'This empty rule matches every request: the DENY policy rejects all traffic to {scope}{others}, and no ALLOW policy can let any of it through (DENY policies are evaluated first). To deny unless allowed, use an ALLOW policy without rules (spec: {}).',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    if (str(get(spec, 'action'))?.value !== 'DENY') return;
    const rules = ownPair(spec, 'rules');
    const seq = asSeq(rules?.pair.value);
    if (!seq) return;
    const all = items(seq);
    seq.items.forEach((item, index) => {
      if (!item || !isEmptyRule(item)) return;
      const others = all.length - 1;
      const fixes: Fix[] = [];
      const idiom = allowNothingEdits(ctx, asMap(spec));
      if (idiom)
        fixes.push({
          title: 'Make it an ALLOW policy without rules (deny unless an ALLOW policy allows)',
          isPreferred: false,
          edits: [{ file: ctx.resource.file, edits: idiom }],
        });
      const edit = others > 0 ? removeSeqItem(ctx.text, seq, index) : undefined;
      if (edit)
        fixes.push({
          title: 'Remove the empty rule (the other rules then decide what is denied)',
          isPreferred: false,
          edits: [{ file: ctx.resource.file, edits: [edit] }],
        });
      ctx.report({
        span: item.span,
        messageId: 'all',
        data: {
          scope: selects(spec)
            ? 'the workloads it selects'
            : 'every workload of its namespace (of the mesh, in the root namespace)',
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

/** `{}` (Istio rejects empty `from: []`/`to: []` lists, so only an empty map matches everything). */
function isEmptyRule(node: YNode): boolean {
  const map = asMap(node);
  return map !== undefined && entries(map).length === 0;
}

function selects(spec: YNode | undefined): boolean {
  return (
    get(spec, 'selector') !== undefined || get(spec, 'targetRef') !== undefined || get(spec, 'targetRefs') !== undefined
  );
}

/**
 * Drops `action` and `rules`, keeping the selector: an ALLOW policy that allows nothing. When
 * nothing else remains the spec becomes `{}`, the documented allow-nothing form.
 */
function allowNothingEdits(ctx: LocalRuleContext, spec: YMap | undefined): TextEdit[] | undefined {
  const specPair = ownPair(ctx.node, 'spec');
  if (!spec || !specPair) return undefined;
  const dropped = (p: YPair) => p.key?.kind === 'scalar' && (p.key.value === 'action' || p.key.value === 'rules');
  const kept = spec.items.filter(p => !dropped(p));
  if (kept.length === 0) {
    // `spec:` followed by a block or a flow map: everything after the key becomes ` {}`.
    return [{ span: { start: specPair.key.span.end, end: spec.span.end }, newText: ': {}' }];
  }
  if (spec.flow) {
    const text = kept.map(p => ctx.text.slice(p.span.start, p.span.end)).join(', ');
    return [{ span: spec.span, newText: `{${text}}` }];
  }
  return mergeDeletions(
    ctx.text,
    spec.items.filter(dropped).map(p => removePair(ctx.text, spec, p)),
  );
}

/**
 * Deletions of neighbouring entries may share a line break: one deletion per overlapping run. A
 * run reaching the end of a file without a final newline takes the line break before it instead.
 */
function mergeDeletions(text: string, edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    const last = out[out.length - 1];
    if (last && e.span.start <= last.span.end)
      out[out.length - 1] = { span: { start: last.span.start, end: Math.max(last.span.end, e.span.end) }, newText: '' };
    else out.push(e);
  }
  return out.map(e =>
    e.span.end === text.length && e.span.start > 0 && text[e.span.start - 1] === '\n' && !text.endsWith('\n')
      ? { span: { start: e.span.start - 1, end: e.span.end }, newText: '' }
      : e,
  );
}
