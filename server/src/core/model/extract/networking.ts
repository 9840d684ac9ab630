import { asMap, asScalar, get, items, num, str, strings, stringMap, entries, type Str } from '../../parse/access';
import type { YNode } from '../../parse/types';
import type {
  DelegateRef,
  DestinationRef,
  GatewayServer,
  HttpRoutesSummary,
  RouteMatchRef,
  RouteRef,
  SubsetDef,
  TlsModeRef,
  ResourceFields,
} from '../types';
import { istioMatchText } from './matchText';
import { selectorAt } from './selectors';

/** Summary fields of networking.istio.io kinds. */
export function extractNetworking(kind: string, node: YNode): ResourceFields {
  const spec = get(node, 'spec');
  switch (kind) {
    case 'VirtualService':
      return {
        hosts: strings(get(spec, 'hosts')),
        exportTo: exportTo(spec),
        gateways: get(spec, 'gateways') ? strings(get(spec, 'gateways')) : undefined,
        matchGateways: matchGateways(spec),
        destinations: virtualServiceDestinations(spec),
        delegates: delegates(spec),
        httpRoutes: httpRoutes(spec),
        routes: routes(spec),
      };
    case 'DestinationRule':
      return {
        drHost: str(get(spec, 'host')),
        exportTo: exportTo(spec),
        subsets: subsets(spec),
        tlsModes: tlsModes(spec),
        selector: selectorAt(spec, 'workloadSelector', 'matchLabels'),
      };
    case 'Gateway':
      return { selector: selectorAt(node, 'spec', 'selector'), servers: gatewayServers(spec) };
    case 'ServiceEntry':
      return {
        hosts: strings(get(spec, 'hosts')),
        exportTo: exportTo(spec),
        location: str(get(spec, 'location'))?.value ?? 'MESH_EXTERNAL',
        selector: selectorAt(spec, 'workloadSelector', 'labels'),
      };
    case 'Sidecar':
      return { selector: selectorAt(spec, 'workloadSelector', 'labels') };
    case 'EnvoyFilter':
      return { selector: selectorAt(spec, 'workloadSelector', 'labels') };
    case 'ProxyConfig':
      return { selector: selectorAt(spec, 'selector', 'matchLabels') };
    case 'WorkloadEntry':
      return { podLabels: stringMap(get(spec, 'labels')), serviceAccount: str(get(spec, 'serviceAccount'))?.value };
    case 'WorkloadGroup':
      return {
        podLabels: stringMap(get(spec, 'metadata', 'labels')),
        serviceAccount: str(get(spec, 'template', 'serviceAccount'))?.value,
      };
    default:
      return {};
  }
}

export function exportTo(spec: YNode | undefined): string[] | undefined {
  const node = get(spec, 'exportTo');
  return node ? strings(node).map(s => s.value) : undefined;
}

function virtualServiceDestinations(spec: YNode | undefined): DestinationRef[] {
  const out: DestinationRef[] = [];
  const http = items(get(spec, 'http'));
  for (let i = 0; i < http.length; i++) {
    const route = http[i];
    for (const r of items(get(route, 'route')))
      addDestination(out, get(r, 'destination'), 'http', i, num(get(r, 'weight')));
    addDestination(out, get(route, 'mirror'), 'mirror', i, undefined);
    for (const m of items(get(route, 'mirrors'))) addDestination(out, get(m, 'destination'), 'mirrors', i, undefined);
  }
  for (const via of ['tcp', 'tls'] as const) {
    const list = items(get(spec, via));
    for (let i = 0; i < list.length; i++)
      for (const r of items(get(list[i], 'route')))
        addDestination(out, get(r, 'destination'), via, i, num(get(r, 'weight')));
  }
  return out;
}

function addDestination(
  out: DestinationRef[],
  dest: YNode | undefined,
  via: DestinationRef['via'],
  routeIndex: number,
  weight: number | undefined,
): void {
  const host = str(get(dest, 'host'));
  if (!host) return;
  const subset = str(get(dest, 'subset'));
  const portNode = get(dest, 'port', 'number');
  const port = num(portNode);
  const portSpan = port === undefined ? undefined : asScalar(portNode)?.span;
  // Two literals rather than a spread of `{ weight }`: every destination of every VirtualService.
  out.push(
    weight === undefined
      ? { host, subset, port, portSpan, via, routeIndex }
      : { host, subset, port, portSpan, via, routeIndex, weight },
  );
}

function delegates(spec: YNode | undefined): DelegateRef[] | undefined {
  const out: DelegateRef[] = [];
  for (const route of items(get(spec, 'http'))) {
    const name = str(get(route, 'delegate', 'name'));
    if (name) out.push({ name, namespace: str(get(route, 'delegate', 'namespace')) });
  }
  return out.length > 0 ? out : undefined;
}

function httpRoutes(spec: YNode | undefined): HttpRoutesSummary | undefined {
  const routes = items(get(spec, 'http'));
  if (routes.length === 0) return undefined;
  return { count: routes.length, catchAll: routes.some(r => items(get(r, 'match')).length === 0) };
}

function routes(spec: YNode | undefined): RouteRef[] | undefined {
  const out: RouteRef[] = [];
  for (const via of ['http', 'tcp', 'tls'] as const) {
    const listKey = entryKey(spec, via);
    if (!listKey) continue;
    const list = items(get(spec, via));
    for (let index = 0; index < list.length; index++) {
      const route = list[index];
      const firstKey = entryKey(route);
      const matches = items(get(route, 'match')).map(routeMatch);
      out.push({ via, index, span: firstKey?.span ?? route.span, listSpan: listKey.span, matches });
    }
  }
  return out.length > 0 ? out : undefined;
}

function routeMatch(m: YNode): RouteMatchRef {
  const gateways = get(m, 'gateways');
  return {
    gateways: gateways ? strings(gateways).map(g => g.value.trim()) : undefined,
    port: num(get(m, 'port')),
    text: istioMatchText(m),
  };
}

/**
 * The key `entries(node)` lists for `key` (or first, without `key`), without listing them all: a
 * map's own keys come first there, so merged maps (`<<`) are only looked into when it has one.
 */
function entryKey(node: YNode | undefined, key?: string): Str | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  let merges = false;
  for (const pair of map.items) {
    const k = asScalar(pair.key);
    if (!k || k.value === null) continue;
    const text = String(k.value);
    if (text === '<<') merges = true;
    else if (key === undefined || text === key) return { value: text, span: k.span };
  }
  if (!merges) return undefined;
  const all = entries(map);
  return key === undefined ? all[0]?.key : all.find(e => e.key.value === key)?.key;
}

/** Gateways named by route matches, which narrow a route to traffic arriving through them. */
function matchGateways(spec: YNode | undefined): Str[] | undefined {
  const out: Str[] = [];
  for (const via of ['http', 'tcp', 'tls']) {
    for (const route of items(get(spec, via)))
      for (const m of items(get(route, 'match'))) {
        const gateways = get(m, 'gateways');
        if (gateways) out.push(...strings(gateways));
      }
  }
  return out.length > 0 ? out : undefined;
}

function subsets(spec: YNode | undefined): SubsetDef[] {
  const out: SubsetDef[] = [];
  for (const s of items(get(spec, 'subsets'))) {
    const name = str(get(s, 'name'));
    if (name) out.push({ name, labels: stringMap(get(s, 'labels')) });
  }
  return out;
}

function tlsModes(spec: YNode | undefined): TlsModeRef[] {
  const out: TlsModeRef[] = [];
  collectTlsModes(get(spec, 'trafficPolicy'), out);
  // Subset-level policies override the top-level one for that subset's traffic.
  for (const s of items(get(spec, 'subsets'))) collectTlsModes(get(s, 'trafficPolicy'), out);
  return out;
}

function collectTlsModes(policy: YNode | undefined, out: TlsModeRef[]): void {
  if (!policy) return;
  const mode = str(get(policy, 'tls', 'mode'));
  if (mode) out.push({ mode });
  for (const pls of items(get(policy, 'portLevelSettings'))) {
    const portMode = str(get(pls, 'tls', 'mode'));
    if (portMode) out.push({ mode: portMode, port: num(get(pls, 'port', 'number')) });
  }
}

function gatewayServers(spec: YNode | undefined): GatewayServer[] {
  return items(get(spec, 'servers')).map(server => ({
    hosts: strings(get(server, 'hosts')),
    port: num(get(server, 'port', 'number')),
    protocol: str(get(server, 'port', 'protocol'))?.value,
    portName: str(get(server, 'port', 'name'))?.value,
    tlsMode: str(get(server, 'tls', 'mode'))?.value,
    portSpan: asScalar(get(server, 'port', 'number'))?.span,
    hasTls: get(server, 'tls') !== undefined,
  }));
}

/** Keys of a map, for callers that only need names. */
export function keysOf(node: YNode | undefined): string[] {
  return entries(node).map(e => e.key.value);
}
