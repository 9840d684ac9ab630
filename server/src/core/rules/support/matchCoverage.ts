import { asMap, asScalar, entries, get, items, str } from '../../parse/access';
import type { YNode } from '../../parse/types';

/**
 * Whether every request (or connection) one VirtualService match accepts is also accepted by an
 * earlier one, judged the way Istio and Envoy evaluate matches. The answer is only `true` when it
 * is certain: unknown keys, regexes other than an identical one, and anything unusual make it
 * `false`, so a caller reporting "covered" never reports a reachable route.
 */

type Fold = { readonly earlier: boolean; readonly later: boolean };
const CASE_SENSITIVE: Fold = { earlier: false, later: false };

/** HTTPMatchRequest: does `earlier` accept every request `later` accepts? */
export function httpMatchCovers(earlier: YNode, later: YNode): boolean {
  const e = asMap(earlier);
  const l = asMap(later);
  if (!e || !l) return false;
  for (const { key } of entries(e)) {
    switch (key.value) {
      case 'name':
      case 'statPrefix':
      case 'ignoreUriCase':
        break;
      case 'uri': {
        const fold = { earlier: isTrue(get(e, 'ignoreUriCase')), later: isTrue(get(l, 'ignoreUriCase')) };
        if (!stringMatchCovers(get(e, 'uri'), get(l, 'uri'), fold, 'uri')) return false;
        break;
      }
      case 'scheme':
      case 'method':
      case 'authority':
        // Pseudo-headers every request carries: an empty match accepts them all.
        if (!stringMatchCovers(get(e, key.value), get(l, key.value), CASE_SENSITIVE, 'always-present')) return false;
        break;
      case 'headers':
      case 'queryParams':
        if (!namedMatchesCover(get(e, key.value), get(l, key.value), key.value === 'headers')) return false;
        break;
      case 'withoutHeaders':
        // The later match must exclude at least what the earlier one excludes.
        if (!withoutHeadersCover(get(e, 'withoutHeaders'), get(l, 'withoutHeaders'))) return false;
        break;
      default:
        if (!staticConditionCovers(key.value, get(e, key.value), get(l, key.value))) return false;
    }
  }
  return true;
}

/**
 * L4MatchAttributes (tcp) and TLSMatchAttributes (tls): does `earlier` take every connection
 * `later` takes? Runtime conditions (SNI hosts, destination subnets) must be equal; static ones
 * (port, source labels and namespace, gateways) must be no narrower in `earlier`.
 */
export function l4MatchCovers(earlier: YNode, later: YNode): boolean {
  const e = asMap(earlier);
  const l = asMap(later);
  if (!e || !l) return false;
  for (const key of ['sniHosts', 'destinationSubnets', 'sourceSubnet']) {
    if (!sameStringSet(get(e, key), get(l, key))) return false;
  }
  for (const { key } of entries(e)) {
    if (key.value === 'sniHosts' || key.value === 'destinationSubnets' || key.value === 'sourceSubnet') continue;
    if (!staticConditionCovers(key.value, get(e, key.value), get(l, key.value))) return false;
  }
  return true;
}

/** A short description of a match's conditions, for messages (`uri prefix "/api", method exact "GET"`). */
export function describeMatch(match: YNode): string {
  const parts: string[] = [];
  for (const { key, pair } of entries(match)) {
    const k = key.value;
    if (k === 'name' || k === 'statPrefix' || k === 'ignoreUriCase') continue;
    const sm = stringMatchOf(pair.value ?? undefined);
    if (sm && sm.kind !== 'presence') parts.push(`${k} ${sm.kind} "${sm.value}"`);
    else if (k === 'headers' || k === 'queryParams' || k === 'withoutHeaders')
      parts.push(
        `${k} ${entries(pair.value)
          .map(h => h.key.value)
          .join(', ')}`,
      );
    else if (k === 'port') parts.push(`port ${str(pair.value)?.value ?? '?'}`);
    else parts.push(k);
  }
  if (parts.length === 0) return 'no condition';
  return parts.length > 3 ? `${parts.slice(0, 3).join(', ')}, …` : parts.join(', ');
}

type StringMatch =
  { readonly kind: 'exact' | 'prefix' | 'regex'; readonly value: string } | { readonly kind: 'presence' };

/** Istio's StringMatch: one of exact/prefix/regex; `{}` (and regex `*` for headers) test presence. */
function stringMatchOf(node: YNode | undefined): StringMatch | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  const list = entries(map);
  if (list.length === 0) return { kind: 'presence' };
  if (list.length !== 1) return undefined;
  const kind = list[0].key.value;
  const value = str(list[0].pair.value)?.value;
  if (value === undefined || (kind !== 'exact' && kind !== 'prefix' && kind !== 'regex')) return undefined;
  return { kind, value };
}

/**
 * `uri`: an empty match and prefix `/` accept every path. `always-present`: a pseudo-header every
 * request has. `named`: a header or query parameter the caller made sure the later match names.
 */
type Subject = 'uri' | 'always-present' | 'named';

function stringMatchCovers(
  earlierNode: YNode | undefined,
  laterNode: YNode | undefined,
  fold: Fold,
  subject: Subject,
): boolean {
  if (earlierNode === undefined) return true;
  const e = stringMatchOf(earlierNode);
  if (!e) return false;
  if (e.kind === 'presence') return true;
  if (subject === 'uri' && ((e.kind === 'prefix' && e.value === '/') || (e.kind === 'regex' && e.value === '.*')))
    return true;
  if (subject !== 'uri' && e.kind === 'regex' && (e.value === '*' || e.value === '.*')) return true;
  if (laterNode === undefined) return false;
  const l = stringMatchOf(laterNode);
  if (!l || l.kind === 'presence') return false;
  if (e.kind === 'regex' || l.kind === 'regex') return e.kind === l.kind && e.value === l.value;
  // A later match that ignores case also takes spellings an earlier case-sensitive one refuses.
  if (fold.later && !fold.earlier && e.value.toLowerCase() !== e.value.toUpperCase()) return false;
  const norm = (s: string) => (fold.earlier ? s.toLowerCase() : s);
  if (e.kind === 'exact') return l.kind === 'exact' && norm(l.value) === norm(e.value);
  return norm(l.value).startsWith(norm(e.value));
}

function namedMatchesCover(earlier: YNode | undefined, later: YNode | undefined, headers: boolean): boolean {
  const key = (s: string) => (headers ? s.toLowerCase() : s);
  const laterByName = new Map(entries(later).map(x => [key(x.key.value), x.pair.value ?? undefined] as const));
  for (const { key: name, pair } of entries(earlier)) {
    const l = laterByName.get(key(name.value));
    if (l === undefined && !laterByName.has(key(name.value))) return false;
    if (!stringMatchCovers(pair.value ?? undefined, l ?? emptyMap, CASE_SENSITIVE, 'named')) return false;
  }
  return true;
}

function withoutHeadersCover(earlier: YNode | undefined, later: YNode | undefined): boolean {
  const laterByName = new Map(entries(later).map(x => [x.key.value.toLowerCase(), x.pair.value ?? undefined] as const));
  for (const { key: name, pair } of entries(earlier)) {
    const l = laterByName.get(name.value.toLowerCase());
    if (l === undefined) return false;
    // Not matching `l` must imply not matching the earlier pattern: `l` accepts at least as much.
    if (!stringMatchCovers(l, pair.value ?? undefined, CASE_SENSITIVE, 'named')) return false;
  }
  return true;
}

const emptyMap: YNode = { kind: 'map', span: { start: 0, end: 0 }, items: [], flow: true };

/**
 * Conditions Istio checks per proxy when it generates routes: the later match must be at least as
 * narrow. Unknown keys are never taken as covering.
 */
function staticConditionCovers(key: string, earlier: YNode | undefined, later: YNode | undefined): boolean {
  switch (key) {
    case 'port':
    case 'sourceNamespace': {
      const e = scalarText(earlier);
      return e !== undefined && e === scalarText(later);
    }
    case 'sourceLabels': {
      const laterLabels = new Map(entries(later).map(x => [x.key.value, str(x.pair.value)?.value] as const));
      return entries(earlier).every(x => {
        const v = str(x.pair.value)?.value;
        return v !== undefined && laterLabels.get(x.key.value) === v;
      });
    }
    case 'gateways': {
      const allowed = new Set(items(earlier).map(g => str(g)?.value.trim()));
      const names = items(later).map(g => str(g)?.value.trim());
      return names.length > 0 && names.every(n => n !== undefined && allowed.has(n));
    }
    default:
      return false;
  }
}

function sameStringSet(a: YNode | undefined, b: YNode | undefined): boolean {
  const list = (n: YNode | undefined) => items(n).map(i => str(i)?.value.trim().toLowerCase());
  const la = list(a);
  const lb = list(b);
  if (la.some(v => v === undefined) || lb.some(v => v === undefined)) return false;
  const sa = new Set(la);
  const sb = new Set(lb);
  return sa.size === sb.size && [...sa].every(v => sb.has(v));
}

function scalarText(node: YNode | undefined): string | undefined {
  return str(node)?.value.trim();
}

function isTrue(node: YNode | undefined): boolean {
  return asScalar(node)?.value === true;
}
