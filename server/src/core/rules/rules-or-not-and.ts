import { asMap, asSeq, get, items, keyText, str, strings } from '../parse/access';
import type { YMap, YNode, YSeq } from '../parse/types';
import type { Fix, LocalRule, LocalRuleContext } from './types';

/**
 * The elements of `rules` are OR-ed: a request matching any one is allowed. An element holding
 * only `from`, followed by one holding only `to` (and `when`), reads like "these callers may do
 * this" but allows those callers everything and everyone the operation; often it is one `-` too
 * many in front of `to:`. Deliberate pairs are left alone: a second element that opens public
 * endpoints (health, readiness and metrics paths, `/.well-known/`), ports only, or CORS preflight
 * (OPTIONS), and a second element with no `to` at all (conditions alone).
 */
export const rule: LocalRule = {
  id: 'rules-or-not-and',
  meta: {
    description:
      'An ALLOW AuthorizationPolicy splits what reads like one requirement (from, then to) into two rules, which are OR-ed.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: true,
    kinds: ['AuthorizationPolicy'],
    messages: {
      split:
        'Rules are OR-ed: rule {first} allows these sources everything, and rule {second} allows {operation} from any source. If this means "these sources may do {operation}", merge them into one rule (from and to together).',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    const action = (str(get(spec, 'action'))?.value ?? 'ALLOW').toUpperCase();
    if (action !== 'ALLOW') return;
    const rules = asSeq(get(spec, 'rules'));
    if (!rules) return;
    for (let i = 0; i + 1 < rules.items.length; i++) {
      const first = asMap(rules.items[i]);
      const second = asMap(rules.items[i + 1]);
      if (!first || !second || !only(first, ['from']) || !only(second, ['to', 'when'])) continue;
      const to = get(second, 'to');
      if (!to || items(to).length === 0 || items(to).every(isDeliberatelyOpen)) continue;
      ctx.report({
        span: keySpanOf(second, 'to') ?? second.span,
        messageId: 'split',
        data: { first: i + 1, second: i + 2, operation: describeOperations(to) },
        fixes: mergeFix(ctx, rules, i),
      });
      i++;
    }
  },
};

/** The map's keys are exactly (some of) `allowed`, and it has at least the first of them. */
function only(map: YMap, allowed: readonly string[]): boolean {
  const keys = map.items.map(keyText);
  return keys.includes(allowed[0]) && keys.every(k => k !== undefined && allowed.includes(k));
}

const PUBLIC_PATH =
  /^\/(?:healthz?|health\/.*|health[-_]?check|livez?|readyz?|ready|readiness|liveness|ping|status|metrics|stats\/prometheus|\.well-known\/.*|favicon\.ico|robots\.txt)\*?$/i;

/** An operation that deliberately opens something to everyone. */
function isDeliberatelyOpen(to: YNode): boolean {
  const operation = asMap(get(to, 'operation'));
  if (!operation) return false;
  const keys = operation.items.map(keyText);
  const paths = strings(get(operation, 'paths')).map(p => p.value);
  const methods = strings(get(operation, 'methods')).map(m => m.value.toUpperCase());
  if (keys.every(k => k === 'ports' || k === 'notPorts')) return true;
  if (methods.length > 0 && methods.every(m => m === 'OPTIONS')) return true;
  return paths.length > 0 && paths.every(p => PUBLIC_PATH.test(p));
}

function describeOperations(to: YNode): string {
  const parts = items(to).map(t => {
    const op = get(t, 'operation');
    const methods = strings(get(op, 'methods')).map(m => m.value);
    const paths = strings(get(op, 'paths')).map(p => p.value);
    const text = [methods.join('/'), paths.join(', ')].filter(Boolean).join(' ');
    return text || 'these operations';
  });
  return parts.join(' or ');
}

function keySpanOf(map: YMap, key: string) {
  return map.items.find(p => keyText(p) === key)?.key?.span;
}

/**
 * Block style only: deleting the dash of the second element makes its keys part of the first
 * element's map, when both sit at the same column and the second starts on its dash's line.
 */
function mergeFix(ctx: LocalRuleContext, rules: YSeq, i: number): Fix[] | undefined {
  if (rules.flow) return undefined;
  const first = asMap(rules.items[i]);
  const second = asMap(rules.items[i + 1]);
  if (!first || !second || first.flow || second.flow) return undefined;
  const text = ctx.text;
  const dash = text.lastIndexOf('-', second.span.start - 1);
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (dash < 0 || text.slice(lineStart, dash).trim() !== '' || text.slice(dash + 1, second.span.start).trim() !== '')
    return undefined;
  const firstKeyCol = first.span.start - (text.lastIndexOf('\n', first.span.start - 1) + 1);
  const secondKeyCol = second.span.start - lineStart;
  if (firstKeyCol !== secondKeyCol) return undefined;
  return [
    {
      title: 'Merge into one rule (from and to together)',
      isPreferred: true,
      edits: [{ file: ctx.resource.file, edits: [{ span: { start: dash, end: dash + 1 }, newText: ' ' }] }],
    },
  ];
}
