import { entries, get, items, str, strValue, stringMap } from '../../parse/access';
import type { YNode } from '../../parse/types';

/**
 * Match conditions as short, readable text for the mesh graph's edge labels: one string per
 * match (a route applies when any of them holds), its conditions joined by `&`.
 * `uri prefix /api & header end-user = jason`.
 */

/** A VirtualService `http[].match[]` entry (HTTPMatchRequest); undefined when it has no condition. */
export function istioMatchText(match: YNode | undefined): string | undefined {
  // Every match of every VirtualService: most hold one or two conditions, so each part is only
  // looked into when its key is there (the lists of absent parts are not built).
  const parts: string[] = [];
  for (const key of STRING_MATCH_KEYS) {
    const node = get(match, key);
    if (node) stringMatch(node, `${key} `, parts);
  }
  const headers = get(match, 'headers');
  if (headers)
    for (const { key } of entries(headers)) stringMatch(get(headers, key.value), `header ${key.value} `, parts);
  const queryParams = get(match, 'queryParams');
  if (queryParams)
    for (const { key } of entries(queryParams)) stringMatch(get(queryParams, key.value), `query ${key.value} `, parts);
  const withoutHeaders = get(match, 'withoutHeaders');
  if (withoutHeaders) for (const { key } of entries(withoutHeaders)) parts.push(`no header ${key.value}`);
  const port = strValue(get(match, 'port'));
  if (port) parts.push(`port ${port}`);
  const sourceLabels = get(match, 'sourceLabels');
  if (sourceLabels) {
    const labels = Object.entries(stringMap(sourceLabels));
    if (labels.length > 0) parts.push(`from ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  }
  const sourceNamespace = strValue(get(match, 'sourceNamespace'));
  if (sourceNamespace) parts.push(`from namespace ${sourceNamespace}`);
  const sniHosts = get(match, 'sniHosts');
  if (sniHosts) {
    const sni = items(sniHosts).map(strValue).filter(Boolean);
    if (sni.length > 0) parts.push(`sni ${sni.join(',')}`);
  }
  return parts.length > 0 ? parts.join(' & ') : undefined;
}

const STRING_MATCH_KEYS = ['uri', 'scheme', 'method', 'authority'] as const;

/** A Gateway API `rules[].matches[]` entry (HTTPRouteMatch / GRPCRouteMatch). */
export function gatewayApiMatchText(match: YNode | undefined): string | undefined {
  const parts: string[] = [];
  const path = get(match, 'path');
  if (path) {
    const type = strValue(get(path, 'type')) ?? 'PathPrefix';
    const value = strValue(get(path, 'value')) ?? '/';
    parts.push(`path ${type === 'Exact' ? '= ' : type === 'RegularExpression' ? '~ ' : 'prefix '}${value}`);
  }
  const method = get(match, 'method');
  if (method) {
    // HTTPRoute: `method: GET`; GRPCRoute: `method: {service, method}`.
    const text = strValue(method) ?? [strValue(get(method, 'service')), strValue(get(method, 'method'))].join('/');
    parts.push(`method ${text}`);
  }
  for (const [list, word] of [
    ['headers', 'header'],
    ['queryParams', 'query'],
  ] as const) {
    for (const h of items(get(match, list))) {
      const type = strValue(get(h, 'type'));
      parts.push(
        `${word} ${strValue(get(h, 'name')) ?? '?'} ${type === 'RegularExpression' ? '~' : '='} ${strValue(get(h, 'value')) ?? ''}`,
      );
    }
  }
  return parts.length > 0 ? parts.join(' & ') : undefined;
}

/** `exact`/`prefix`/`regex` of an Istio StringMatch, each pushed to `parts` after `label`. */
function stringMatch(node: YNode | undefined, label: string, parts: string[]): void {
  if (!node) return;
  const exact = str(get(node, 'exact'))?.value;
  const prefix = str(get(node, 'prefix'))?.value;
  const regex = str(get(node, 'regex'))?.value;
  if (exact !== undefined) parts.push(`${label}= ${exact}`);
  if (prefix !== undefined) parts.push(`${label}prefix ${prefix}`);
  if (regex !== undefined) parts.push(`${label}~ ${regex}`);
}
