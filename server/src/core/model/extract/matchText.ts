import { entries, get, items, str, strValue, stringMap } from '../../parse/access';
import type { YNode } from '../../parse/types';

/**
 * Match conditions as short, readable text for the mesh graph's edge labels: one string per
 * match (a route applies when any of them holds), its conditions joined by `&`.
 * `uri prefix /api & header end-user = jason`.
 */

/** A VirtualService `http[].match[]` entry (HTTPMatchRequest); undefined when it has no condition. */
export function istioMatchText(match: YNode | undefined): string | undefined {
  const parts: string[] = [];
  for (const key of ['uri', 'scheme', 'method', 'authority'])
    for (const c of stringMatch(get(match, key))) parts.push(`${key} ${c}`);
  for (const { key } of entries(get(match, 'headers')))
    for (const c of stringMatch(get(match, 'headers', key.value))) parts.push(`header ${key.value} ${c}`);
  for (const { key } of entries(get(match, 'queryParams')))
    for (const c of stringMatch(get(match, 'queryParams', key.value))) parts.push(`query ${key.value} ${c}`);
  for (const { key } of entries(get(match, 'withoutHeaders'))) parts.push(`no header ${key.value}`);
  const port = strValue(get(match, 'port'));
  if (port) parts.push(`port ${port}`);
  const labels = Object.entries(stringMap(get(match, 'sourceLabels')));
  if (labels.length > 0) parts.push(`from ${labels.map(([k, v]) => `${k}=${v}`).join(',')}`);
  const sourceNamespace = strValue(get(match, 'sourceNamespace'));
  if (sourceNamespace) parts.push(`from namespace ${sourceNamespace}`);
  const sni = items(get(match, 'sniHosts')).map(strValue).filter(Boolean);
  if (sni.length > 0) parts.push(`sni ${sni.join(',')}`);
  return parts.length > 0 ? parts.join(' & ') : undefined;
}

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

/** `exact`/`prefix`/`regex` of an Istio StringMatch. */
function stringMatch(node: YNode | undefined): string[] {
  if (!node) return [];
  const out: string[] = [];
  const exact = str(get(node, 'exact'))?.value;
  const prefix = str(get(node, 'prefix'))?.value;
  const regex = str(get(node, 'regex'))?.value;
  if (exact !== undefined) out.push(`= ${exact}`);
  if (prefix !== undefined) out.push(`prefix ${prefix}`);
  if (regex !== undefined) out.push(`~ ${regex}`);
  return out;
}
