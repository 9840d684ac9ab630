import { asMap, asScalar, asSeq, get, items, keyText, str } from '../parse/access';
import { TEMPLATE_MARK } from '../parse/helm';
import type { Span, YNode } from '../parse/types';
import { ownPair } from './support/edits';
import type { LocalRule } from './types';

/**
 * HTTP routes are tried in order and the first match wins (istioctl analyze IST0130/IST0131).
 * A route after a catch-all is never used; so is a match identical to an earlier one. A route is
 * a catch-all when it has no `match`, or a match with nothing but `uri: {prefix: /}` (Envoy's
 * catch-all, after which Istio stops generating routes). Matches on gateways, sourceLabels,
 * sourceNamespace or port are not catch-alls: they only apply to some proxies.
 */
export const rule: LocalRule = {
  id: 'unreachable-route',
  meta: {
    description: 'An HTTP route (or one of its matches) can never be used because an earlier route already matches it.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    kinds: ['VirtualService'],
    messages: {
      afterCatchAll:
        'Route {route} is never used: {previous} before it matches every request. Put catch-all routes last.',
      duplicate: 'This match of route {route} is never used: {previous} has the same match.',
    },
  },
  check(ctx) {
    const routes = items(get(ctx.node, 'spec', 'http'));
    const seen = new Map<string, number>();
    let catchAll = -1;
    routes.forEach((route, i) => {
      const label = describe(route, i);
      const matches = items(get(route, 'match'));
      if (catchAll >= 0) {
        const at = ownPair(route, 'match')?.key.span ?? firstKeySpan(route);
        if (at)
          ctx.report({
            span: at,
            messageId: 'afterCatchAll',
            data: { route: label, previous: describe(routes[catchAll], catchAll) },
          });
        return;
      }
      if (matches.length === 0) {
        catchAll = i;
        return;
      }
      for (const m of matches) {
        const key = canonical(m);
        if (key === undefined) continue;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          const at = firstKeySpan(m) ?? m.span;
          ctx.report({
            span: at,
            messageId: 'duplicate',
            data: { route: label, previous: describe(routes[earlier], earlier) },
          });
        } else {
          seen.set(key, i);
        }
      }
      if (matches.some(isCatchAllMatch)) catchAll = i;
    });
  },
};

const PER_PROXY_KEYS = ['gateways', 'sourceLabels', 'sourceNamespace', 'port'];

function isCatchAllMatch(match: YNode): boolean {
  const map = asMap(match);
  if (!map) return false;
  for (const pair of map.items) {
    const k = keyText(pair);
    if (k === 'name' || k === 'ignoreUriCase') continue;
    if (k !== 'uri') return false;
    const prefix = str(get(pair.value, 'prefix'))?.value;
    const regex = str(get(pair.value, 'regex'))?.value;
    const keys = asMap(pair.value)?.items.length ?? 0;
    if (keys !== 1 || !(prefix === '/' || regex === '.*')) return false;
  }
  return !map.items.some(p => PER_PROXY_KEYS.includes(keyText(p) ?? ''));
}

/** A stable text for a match (keys sorted, `name` ignored); undefined when templated. */
function canonical(match: YNode): string | undefined {
  const plain = toPlain(match, 0, true);
  const text = JSON.stringify(plain);
  return text.includes(TEMPLATE_MARK) ? undefined : text;
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

function toPlain(node: YNode | null | undefined, depth: number, top = false): Plain {
  if (!node || depth > 32) return null;
  const scalar = asScalar(node);
  if (scalar) return scalar.value;
  const seq = asSeq(node);
  if (seq) return seq.items.map(i => toPlain(i, depth + 1));
  const map = asMap(node);
  if (!map) return null;
  const out: { [key: string]: Plain } = {};
  for (const pair of [...map.items].sort((a, b) => (keyText(a) ?? '').localeCompare(keyText(b) ?? ''))) {
    const k = keyText(pair);
    if (k === undefined || (top && k === 'name')) continue;
    out[k] = toPlain(pair.value, depth + 1);
  }
  return out;
}

function describe(route: YNode | undefined, index: number): string {
  const name = str(get(route, 'name'))?.value;
  return name ? `#${index} "${name}"` : `#${index}`;
}

function firstKeySpan(node: YNode): Span | undefined {
  const first = asMap(node)?.items[0];
  return first ? asScalar(first.key)?.span : undefined;
}
