import { backendRef, noteFor, type RouteScope } from './backends';
import { toGatewayDuration } from './duration';
import { isMap, listOf, mapOf, mapsOf, numberOf, otherKeys, textOf } from './plain';
import type { Plain, PlainMap } from './types';

const ROUTE_KEYS = ['match', 'route', 'redirect', 'rewrite', 'headers', 'mirror', 'mirrors', 'timeout', 'name'];
const MATCH_KEYS = ['uri', 'headers', 'queryParams', 'method', 'name'];
const REDIRECT_STATUS = [301, 302];
/** The Gateway API's limits (CRD maxItems): matches per rule, rules per route. */
const MAX_MATCHES = 8;
export const MAX_RULES = 16;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The rules of an HTTPRoute for a VirtualService's `http` routes, in order. What a rule cannot
 * carry is noted, never dropped without a word: fault injection, retries, CORS, delegation,
 * direct responses, match conditions the Gateway API lacks. A route whose whole action is
 * untranslatable (delegate, direct_response) gets no rule.
 */
export function translateHttpRoutes(scope: RouteScope): PlainMap[] {
  const rules: PlainMap[] = [];
  // Routes (and matches) that do not apply to this gateway are nulls, so fields keep their source index.
  listOf(scope.source.spec.http).forEach((route, i) => {
    if (!isMap(route)) return;
    const field = `http[${i}]`;
    for (const key of otherKeys(route, ROUTE_KEYS)) noteUnsupportedRouteKey(scope, `${field}.${key}`, key);
    if (route.delegate !== undefined || route.directResponse !== undefined) return;
    if (textOf(route.name)) noteFor(scope, 'info', `${field}.name`, 'the route name is not kept.');
    const matches = listOf(route.match).flatMap((m, j) =>
      isMap(m) ? [translateMatch(m, scope, `${field}.match[${j}]`)] : [],
    );
    const base: PlainMap = {};
    const filters = translateFilters(route, scope, field);
    const backendRefs = translateDestinations(route, scope, field);
    if (backendRefs.length > 0) base.backendRefs = backendRefs;
    const timeout = textOf(route.timeout);
    if (timeout) {
      const request = toGatewayDuration(timeout);
      if (request) base.timeouts = { request };
      else
        noteFor(
          scope,
          'warning',
          `${field}.timeout`,
          `timeout ${timeout} cannot be written as a Gateway API duration.`,
        );
    }
    const rewrite = mapOf(route.rewrite);
    const rewriteUri = textOf(rewrite.uri);
    if (rewriteUri === undefined) {
      // A rule holds at most 8 matches: more become rules with the same actions.
      const groups = matches.length > 0 ? chunks(matches, MAX_MATCHES) : [[]];
      for (const group of groups) {
        const rule: PlainMap = {};
        if (group.length > 0) rule.matches = group.map(m => m.match);
        if (filters.length > 0) rule.filters = filters;
        rules.push({ ...rule, ...base });
      }
      return;
    }
    // Istio replaces the matched prefix (prefix matches) or the whole path; the Gateway API's
    // ReplacePrefixMatch needs exactly one PathPrefix match per rule, so the rule is split.
    const perMatch =
      matches.length > 0 ? matches : [{ match: { path: { type: 'PathPrefix', value: '/' } }, kind: 'prefix' }];
    if (perMatch.length > 1)
      noteFor(
        scope,
        'info',
        `${field}.rewrite`,
        'the route is split into one rule per match, as URL rewrites require.',
      );
    for (const m of perMatch) {
      const path: PlainMap =
        m.kind === 'prefix'
          ? { type: 'ReplacePrefixMatch', replacePrefixMatch: rewriteUri }
          : { type: 'ReplaceFullPath', replaceFullPath: rewriteUri };
      const urlRewrite: PlainMap = { ...rewriteHostname(rewrite), path };
      rules.push({ matches: [m.match], filters: [...filters, { type: 'URLRewrite', urlRewrite }], ...base });
    }
  });
  if (rules.length > 1)
    noteFor(
      scope,
      'info',
      'http',
      'the Gateway API picks among rules by match precedence (exact path, longest prefix, method, most headers, most query parameters), not by order as Istio does: check rules whose matches overlap.',
    );
  return rules;
}

function noteUnsupportedRouteKey(scope: RouteScope, field: string, key: string): void {
  const why: Record<string, string> = {
    fault: 'fault injection has no Gateway API equivalent.',
    retries:
      "retries are not translated (the HTTPRoute retry field is experimental): Istio's default retry policy applies to the new route.",
    corsPolicy: 'the CORS policy is not translated (the Gateway API CORS filter is experimental).',
    delegate:
      'delegation has no Gateway API equivalent: this route gets no rule (translate the delegate VirtualService by hand).',
    directResponse: 'direct responses have no Gateway API equivalent: this route gets no rule.',
    mirrorPercentage: 'the mirror percentage is not translated: the new route mirrors every request.',
    mirror_percent: 'the mirror percentage is not translated: the new route mirrors every request.',
  };
  noteFor(scope, 'warning', field, why[key] ?? `${key} is not translated: the Gateway API has no equivalent.`);
}

interface Match {
  readonly match: PlainMap;
  readonly kind: 'prefix' | 'exact' | 'regex' | 'none';
}

function translateMatch(m: PlainMap, scope: RouteScope, field: string): Match {
  const out: PlainMap = {};
  let kind: Match['kind'] = 'none';
  const broader = (key: string, what: string) =>
    noteFor(scope, 'warning', `${field}.${key}`, `${what} is not translated: the generated match is broader.`);
  for (const key of otherKeys(m, MATCH_KEYS)) broader(key, `match field "${key}"`);
  if (textOf(m.name)) noteFor(scope, 'info', `${field}.name`, 'the match name is not kept.');
  const uri = mapOf(m.uri);
  if (uri.ignoreUriCase === true) broader('ignoreUriCase', 'ignoreUriCase');
  if (textOf(uri.exact) !== undefined) {
    out.path = { type: 'Exact', value: textOf(uri.exact)! };
    kind = 'exact';
  } else if (textOf(uri.prefix) !== undefined) {
    out.path = { type: 'PathPrefix', value: textOf(uri.prefix)! };
    kind = 'prefix';
    if (!textOf(uri.prefix)!.endsWith('/'))
      noteFor(
        scope,
        'info',
        `${field}.uri.prefix`,
        `PathPrefix ${textOf(uri.prefix)} matches whole path segments (not ${textOf(uri.prefix)}x, which Istio's prefix matched).`,
      );
  } else if (textOf(uri.regex) !== undefined) {
    out.path = { type: 'RegularExpression', value: textOf(uri.regex)! };
    kind = 'regex';
  }
  const headers = stringMatches(mapOf(m.headers), scope, `${field}.headers`, true);
  if (headers.length > 0) out.headers = headers;
  const query = stringMatches(mapOf(m.queryParams), scope, `${field}.queryParams`, false);
  if (query.length > 0) out.queryParams = query;
  const method = mapOf(m.method);
  if (textOf(method.exact)) out.method = textOf(method.exact)!.toUpperCase();
  else if (Object.keys(method).length > 0) broader('method', 'a method prefix or regex');
  return { match: out, kind };
}

/** Header or query parameter matches: exact and regex carry over; a header prefix becomes an anchored regex. */
function stringMatches(map: PlainMap, scope: RouteScope, field: string, header: boolean): PlainMap[] {
  const out: PlainMap[] = [];
  for (const [name, value] of Object.entries(map)) {
    const m = mapOf(value);
    if (header && !/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) {
      noteFor(
        scope,
        'warning',
        `${field}.${name}`,
        `header ${name} cannot be matched in the Gateway API: the generated match is broader.`,
      );
      continue;
    }
    if (textOf(m.exact) !== undefined) out.push({ name, type: 'Exact', value: textOf(m.exact)! });
    else if (textOf(m.regex) !== undefined) out.push({ name, type: 'RegularExpression', value: textOf(m.regex)! });
    else if (header && textOf(m.prefix) !== undefined)
      out.push({ name, type: 'RegularExpression', value: `^${escapeRegex(textOf(m.prefix)!)}.*` });
    else
      noteFor(
        scope,
        'warning',
        `${field}.${name}`,
        `this ${header ? 'header' : 'query parameter'} match is not translated: the generated match is broader.`,
      );
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function translateDestinations(route: PlainMap, scope: RouteScope, field: string): PlainMap[] {
  const destinations = mapsOf(route.route);
  const out: PlainMap[] = [];
  destinations.forEach((d, i) => {
    const ref = backendRef(mapOf(d.destination), scope, `${field}.route[${i}].destination`);
    if (!ref) return;
    const weight = numberOf(d.weight);
    if (weight !== undefined && !(destinations.length === 1 && weight === 100)) ref.weight = weight;
    if (d.headers !== undefined)
      noteFor(scope, 'warning', `${field}.route[${i}].headers`, 'per-destination header changes are not translated.');
    out.push(ref);
  });
  return out;
}

function translateFilters(route: PlainMap, scope: RouteScope, field: string): PlainMap[] {
  const filters: PlainMap[] = [];
  const headers = mapOf(route.headers);
  const request = headerModifier(mapOf(headers.request));
  if (request) filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: request });
  const response = headerModifier(mapOf(headers.response));
  if (response) filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: response });
  if (isMap(route.redirect)) filters.push(redirectFilter(route.redirect, scope, `${field}.redirect`));
  const mirrors: [PlainMap, string][] = [];
  if (isMap(route.mirror)) mirrors.push([route.mirror, `${field}.mirror`]);
  mapsOf(route.mirrors).forEach((m, i) => {
    mirrors.push([mapOf(m.destination), `${field}.mirrors[${i}].destination`]);
    if (m.percentage !== undefined)
      noteFor(
        scope,
        'warning',
        `${field}.mirrors[${i}].percentage`,
        'the mirror percentage is not translated: the new route mirrors every request.',
      );
  });
  for (const [destination, where] of mirrors) {
    const ref = backendRef(destination, scope, where);
    if (ref) filters.push({ type: 'RequestMirror', requestMirror: { backendRef: ref } });
  }
  const rewrite = mapOf(route.rewrite);
  if (textOf(rewrite.uri) === undefined && textOf(rewrite.authority) !== undefined)
    filters.push({ type: 'URLRewrite', urlRewrite: rewriteHostname(rewrite) });
  for (const key of otherKeys(rewrite, ['uri', 'authority']))
    noteFor(scope, 'warning', `${field}.rewrite.${key}`, `rewrite.${key} is not translated.`);
  return filters;
}

function rewriteHostname(rewrite: PlainMap): PlainMap {
  const authority = textOf(rewrite.authority);
  return authority ? { hostname: authority } : {};
}

function headerModifier(ops: PlainMap): PlainMap | undefined {
  const out: PlainMap = {};
  const pairs = (v: Plain | undefined) =>
    Object.entries(mapOf(v)).map(([name, value]) => ({ name, value: textOf(value) ?? '' }));
  if (pairs(ops.set).length > 0) out.set = pairs(ops.set);
  if (pairs(ops.add).length > 0) out.add = pairs(ops.add);
  const remove = listOf(ops.remove)
    .map(textOf)
    .filter((r): r is string => !!r);
  if (remove.length > 0) out.remove = remove;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Istio redirects with 301 unless told otherwise; the Gateway API's default is 302, so the code is always written. */
function redirectFilter(redirect: PlainMap, scope: RouteScope, field: string): PlainMap {
  const out: PlainMap = {};
  const scheme = textOf(redirect.scheme);
  if (scheme) out.scheme = scheme.toLowerCase();
  const authority = textOf(redirect.authority);
  if (authority) out.hostname = authority;
  const uri = textOf(redirect.uri);
  if (uri) out.path = { type: 'ReplaceFullPath', replaceFullPath: uri };
  const port = numberOf(redirect.port);
  if (port !== undefined) out.port = port;
  const code = numberOf(redirect.redirectCode) ?? 301;
  if (REDIRECT_STATUS.includes(code)) out.statusCode = code;
  else
    noteFor(
      scope,
      'warning',
      `${field}.redirectCode`,
      `redirect code ${code} is not one the Gateway API supports (301, 302).`,
    );
  for (const key of otherKeys(redirect, ['scheme', 'authority', 'uri', 'port', 'redirectCode']))
    noteFor(scope, 'warning', `${field}.${key}`, `redirect.${key} is not translated.`);
  return { type: 'RequestRedirect', requestRedirect: out };
}
