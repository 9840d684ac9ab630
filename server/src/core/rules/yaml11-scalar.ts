import { kubernetesFlowString, kubernetesScalarValueIn } from '../parse/kubernetesYaml';
import type { YNode, YScalar } from '../parse/types';
import type { LocalRule, LocalRuleContext } from './types';

const MAX_DEPTH = 100;

/**
 * A plain scalar that Kubernetes (go-yaml v2, YAML 1.1) reads differently from YAML 1.2 editors and
 * tools: `yes`/`on`/`n` booleans, `0777` octals, `1_000`, `0b101`, and `001:db8::` inside a flow
 * list. The `schema` rule judges what Kubernetes stores; this one says that the readings differ.
 */
export const rule: LocalRule = {
  id: 'yaml11-scalar',
  meta: {
    description: 'A value Kubernetes reads differently (YAML 1.1) from YAML 1.2 tools.',
    defaultSeverity: 'info',
    crossFile: false,
    fixable: true,
    kinds: ['*'],
    messages: {
      scalar:
        'Kubernetes reads {text} as {k8s} (YAML 1.1), YAML 1.2 tools as {yaml12}. Quote it if you mean the string "{text}".',
      flow: 'Kubernetes reads {text} as the string "{text}" (YAML 1.1); YAML 1.2 tools read a map with the key "{key}". Quote it to be read the same everywhere.',
    },
  },
  check(ctx) {
    visit(ctx, ctx.node, 0);
  },
};

function visit(ctx: LocalRuleContext, node: YNode | null, depth: number): void {
  if (!node || depth > MAX_DEPTH || node.kind === 'alias') return;
  if (node.kind === 'scalar') {
    scalar(ctx, node);
    return;
  }
  if (node.kind === 'seq') {
    for (const item of node.items) {
      const s = item && node.flow ? kubernetesFlowString(item, ctx.text) : undefined;
      if (s !== undefined && item?.kind === 'map') {
        const key = item.items[0]?.key;
        ctx.report({
          span: item.span,
          messageId: 'flow',
          data: { text: s, key: key?.kind === 'scalar' ? String(key.value) : s },
          fixes: [quote(ctx, item.span, s)],
        });
        continue;
      }
      visit(ctx, item, depth + 1);
    }
    return;
  }
  for (const pair of node.items) {
    if (pair.key?.kind === 'scalar') scalar(ctx, pair.key);
    visit(ctx, pair.value, depth + 1);
  }
}

function scalar(ctx: LocalRuleContext, node: YScalar): void {
  const k8s = kubernetesScalarValueIn(node, ctx.text);
  if (k8s === undefined) return;
  const text = ctx.text.slice(node.span.start, node.span.end);
  ctx.report({
    span: node.span,
    messageId: 'scalar',
    data: { text, k8s: describe(k8s), yaml12: describe(node.value) },
    fixes: [quote(ctx, node.span, text)],
  });
}

function describe(v: string | number | boolean | null): string {
  if (typeof v === 'string') return `the string "${v}"`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'number') return `the number ${v}`;
  return 'null';
}

function quote(ctx: LocalRuleContext, span: { start: number; end: number }, text: string) {
  return {
    title: `Quote it: "${text}"`,
    isPreferred: true,
    edits: [{ file: ctx.resource.file, edits: [{ span, newText: `"${text}"` }] }],
  };
}
