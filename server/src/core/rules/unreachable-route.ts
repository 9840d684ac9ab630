import { asMap, asScalar, asSeq, get, items, keyText, str } from '../parse/access';
import { TEMPLATE_MARK } from '../parse/helm';
import type { Span, YMap, YNode, YPair } from '../parse/types';
import { ownPair } from './support/edits';
import { describeMatch, httpMatchCovers, l4MatchCovers } from './support/matchCoverage';
import type { LocalRule, LocalRuleContext } from './types';

/**
 * Routes are tried in order and the first match wins (istioctl analyze IST0130/IST0131). An HTTP
 * route after a catch-all is never used; so is a match that an earlier match already covers: the
 * same match, or a narrower one (`/api/v2` after prefix `/api`, with no condition the earlier
 * match lacks). A route is a catch-all when it has no `match`, or a match with nothing but
 * `uri: {prefix: /}` (Envoy's catch-all, after which Istio stops generating routes). Matches on
 * gateways, sourceLabels, sourceNamespace or port only apply to some proxies: they cover a later
 * match only when it is at least as narrow. TCP routes work alike (a route without match takes
 * every connection); TLS routes only shadow a later match with the same SNI hosts and subnets.
 */
export const rule: LocalRule = {
  id: 'unreachable-route',
  meta: {
    description:
      'A route (or one of its matches) can never be used because an earlier route already matches everything it matches.',
    defaultSeverity: 'warning',
    crossFile: false,
    fixable: false,
    istioctl: 'IST0130, IST0131',
    kinds: ['VirtualService'],
    messages: {
      afterCatchAll:
        'Route {route} is never used: {previous} before it matches every request. Put catch-all routes last.',
      duplicate: 'This match of route {route} is never used: {previous} has the same match.',
      shadowed:
        'This match of route {route} is never used: {previous} before it ({earlier}) already takes every request it matches. Put the narrower match first.',
      tcpAfterCatchAll:
        'tcp route {route} is never used: {previous} before it has no match and takes every connection. Put it last.',
      l4Shadowed:
        'This match of {kind} route {route} is never used: {previous} before it already takes every connection it matches.',
    },
  },
  check(ctx) {
    const spec = get(ctx.node, 'spec');
    checkHttp(ctx, items(get(spec, 'http')));
    checkL4(ctx, 'tcp', items(get(spec, 'tcp')));
    checkL4(ctx, 'tls', items(get(spec, 'tls')));
  },
};

interface Earlier {
  readonly route: number;
  readonly match: YNode;
  readonly key: string;
}

function checkHttp(ctx: LocalRuleContext, routes: readonly YNode[]): void {
  const earlier: Earlier[] = [];
  let catchAll = -1;
  routes.forEach((route, i) => {
    if (catchAll >= 0) {
      const at = ownPair(route, 'match')?.key.span ?? firstKeySpan(route);
      if (at)
        ctx.report({
          span: at,
          messageId: 'afterCatchAll',
          data: { route: describe(route, i), previous: describe(routes[catchAll], catchAll) },
        });
      return;
    }
    // Templating may hide (or add) this route's conditions: it neither shadows nor is shadowed.
    if (ctx.isTemplated(route)) return;
    const matches = items(get(route, 'match'));
    if (matches.length === 0) {
      catchAll = i;
      return;
    }
    for (const m of matches) {
      const key = canonical(m);
      if (key === undefined) continue;
      const same = earlier.find(e => e.key === key);
      const covering = same ?? earlier.find(e => httpMatchCovers(e.match, m));
      if (covering) {
        const previous = describe(routes[covering.route], covering.route);
        ctx.report({
          span: firstKeySpan(m) ?? m.span,
          messageId: same ? 'duplicate' : 'shadowed',
          data: { route: describe(route, i), previous, earlier: describeMatch(covering.match) },
        });
      } else {
        earlier.push({ route: i, match: m, key });
      }
    }
    if (matches.some(isCatchAllMatch)) catchAll = i;
  });
}

/** TCP and TLS routes: first match wins, per connection. */
function checkL4(ctx: LocalRuleContext, kind: 'tcp' | 'tls', routes: readonly YNode[]): void {
  const earlier: Earlier[] = [];
  let catchAll = -1;
  routes.forEach((route, i) => {
    if (catchAll >= 0) {
      const at = ownPair(route, 'match')?.key.span ?? firstKeySpan(route);
      if (at)
        ctx.report({
          span: at,
          messageId: 'tcpAfterCatchAll',
          data: { route: describe(route, i), previous: describe(routes[catchAll], catchAll) },
        });
      return;
    }
    if (ctx.isTemplated(route)) return;
    const matches = items(get(route, 'match'));
    // TLS routes always name SNI hosts (Istio requires a match): only TCP has catch-alls.
    if (matches.length === 0) {
      if (kind === 'tcp' && get(route, 'route') !== undefined) catchAll = i;
      return;
    }
    for (const m of matches) {
      const key = canonical(m);
      if (key === undefined) continue;
      const covering = earlier.find(e => e.key === key || l4MatchCovers(e.match, m));
      if (covering) {
        ctx.report({
          span: firstKeySpan(m) ?? m.span,
          messageId: 'l4Shadowed',
          data: { kind, route: describe(route, i), previous: describe(routes[covering.route], covering.route) },
        });
      } else {
        earlier.push({ route: i, match: m, key });
      }
    }
  });
}

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
  const text = canonicalJson(match, 0, true);
  return text.includes(TEMPLATE_MARK) ? undefined : text;
}

/**
 * JSON.stringify(toPlain(node, depth, top)), written out directly (every match of every
 * VirtualService gets one): maps whose keys an object would reorder or merge (numeric, repeated,
 * `__proto__`) still go through toPlain.
 */
function canonicalJson(node: YNode | null | undefined, depth: number, top = false): string {
  if (!node || depth > 32) return 'null';
  const scalar = asScalar(node);
  if (scalar) return JSON.stringify(scalar.value);
  const seq = asSeq(node);
  if (seq) {
    let out = '[';
    for (let i = 0; i < seq.items.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(seq.items[i], depth + 1);
    return `${out}]`;
  }
  const map = asMap(node);
  if (!map) return 'null';
  if (!keysKeepTheirPlace(map)) return JSON.stringify(toPlain(map, depth, top));
  let out = '{';
  let first = true;
  for (const pair of sortedPairs(map)) {
    const k = keyText(pair);
    if (k === undefined || (top && k === 'name')) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(pair.value, depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

/** Keys an object keeps in insertion order, each once: no array-index-like, repeated or `__proto__` key. */
function keysKeepTheirPlace(map: YMap): boolean {
  const pairs = map.items;
  for (let i = 0; i < pairs.length; i++) {
    const k = keyText(pairs[i]);
    if (k === undefined) continue;
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || k === '__proto__') return false;
    for (let j = 0; j < i; j++) if (keyText(pairs[j]) === k) return false;
  }
  return true;
}

/** A map's pairs by key (most maps of a match hold one key: nothing to sort then). */
function sortedPairs(map: YMap): readonly YPair[] {
  return map.items.length > 1
    ? [...map.items].sort((a, b) => (keyText(a) ?? '').localeCompare(keyText(b) ?? ''))
    : map.items;
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
  for (const pair of sortedPairs(map)) {
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
